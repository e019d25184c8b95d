package io.gatehouse.bot.hytale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What a Hytale client asks the session service (hytale-protocol.md §6.3, §7): its game session, and the two
 * server-join calls of the mutual authentication. Against the local service, {@code POST /dev/accounts} stands in
 * for the player's OAuth login. Tokens never leave this object except to the server in the protocol.
 */
public final class SessionServiceApi {

    /** A player's game session. */
    public record GameSession(UUID uuid, String username, String sessionToken, String identityToken) {
        @Override
        public String toString() {
            return "GameSession[uuid=" + uuid + ", username=" + username + "]";
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public SessionServiceApi(String baseUrl) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
    }

    /** Local service only: an account (OAuth stand-in) and its game session. */
    public GameSession login(String username, UUID uuid) throws IOException, InterruptedException {
        Map<String, Object> account = new LinkedHashMap<>();
        account.put("username", username);
        if (uuid != null) {
            account.put("uuid", uuid.toString());
        }
        JsonNode created = post("/dev/accounts", null, account, 201);
        String oauth = created.path("accessToken").asText();
        UUID profile = UUID.fromString(created.path("profiles").path(0).path("uuid").asText(created.path("owner").asText()));
        JsonNode session = post("/game-session/new", oauth, Map.of("uuid", profile.toString()), 200);
        return new GameSession(profile, username, session.path("sessionToken").asText(),
                session.path("identityToken").asText());
    }

    /** Redeems the server's AuthGrant.authorizationGrant for an access token bound to {@code fingerprint}. */
    public String accessToken(GameSession session, String authorizationGrant, String fingerprint)
            throws IOException, InterruptedException {
        return post("/server-join/auth-token", session.sessionToken(),
                Map.of("authorizationGrant", authorizationGrant, "x509Fingerprint", fingerprint), 200)
                .path("accessToken").asText();
    }

    /** A grant for the server's identity token, which the server redeems for its own access token. */
    public String grantForServer(GameSession session, String serverIdentityToken) throws IOException, InterruptedException {
        return post("/server-join/auth-grant", session.sessionToken(),
                Map.of("identityToken", serverIdentityToken, "aud", session.uuid().toString()), 200)
                .path("authorizationGrant").asText();
    }

    private JsonNode post(String path, String bearer, Map<String, ?> body, int expected)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != expected) {
            JsonNode error = response.body().length == 0 ? null : safeRead(response.body());
            throw new IOException("session service " + path + " answered " + response.statusCode()
                    + (error == null ? "" : " " + error.path("error").asText()));
        }
        return JSON.readTree(response.body());
    }

    private static JsonNode safeRead(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
