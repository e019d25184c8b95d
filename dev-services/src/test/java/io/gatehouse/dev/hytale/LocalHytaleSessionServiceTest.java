package io.gatehouse.dev.hytale;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.registry.contract.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP contract of the local session service: shapes, status codes, grant rules. */
@Timeout(60)
class LocalHytaleSessionServiceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FP = "y_u75B1a0kiL_trhUiMQe3Sp_9lXYO25j90NVEh5wU8";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private LocalHytaleSessionService service;

    record Reply(int status, JsonNode json, HttpResponse<String> raw) {
    }

    @BeforeEach
    void start() {
        service = LocalHytaleSessionService.builder().clock(clock).build().start();
    }

    @AfterEach
    void stop() {
        service.close();
    }

    private Reply call(String method, String path, String bearer, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(service.baseUrl() + path)).timeout(Duration.ofSeconds(10));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = r.body().isEmpty() ? null : JSON.readTree(r.body());
        return new Reply(r.statusCode(), json, r);
    }

    private static JsonNode claims(String jwt) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    private static JsonNode header(String jwt) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]));
    }

    private JsonNode newSession(LocalHytaleSessionService.Account account) throws Exception {
        Reply r = call("POST", "/game-session/new", account.oauthAccessToken(), "{\"uuid\":\"" + account.uuid() + "\"}");
        assertThat(r.status()).isEqualTo(200);
        return r.json();
    }

    @Test
    void publishesOkpEd25519Keys() throws Exception {
        Reply r = call("GET", "/.well-known/jwks.json", null, null);
        assertThat(r.status()).isEqualTo(200);
        JsonNode key = r.json().get("keys").get(0);
        assertThat(key.get("kty").asText()).isEqualTo("OKP");
        assertThat(key.get("crv").asText()).isEqualTo("Ed25519");
        assertThat(key.get("alg").asText()).isEqualTo("EdDSA");
        assertThat(key.get("use").asText()).isEqualTo("sig");
        assertThat(key.get("kid").asText()).isEqualTo(service.currentKid());
        assertThat(Base64.getUrlDecoder().decode(key.get("x").asText())).hasSize(32);
        assertThat(service.jwksRequestCount()).isEqualTo(1);
    }

    @Test
    void gameSessionIssuesSessionAndIdentityTokens() throws Exception {
        Reply dev = call("POST", "/dev/accounts", null, "{\"username\":\"Alice\"}");
        assertThat(dev.status()).isEqualTo(201);
        String oauth = dev.json().get("accessToken").asText();
        String uuid = dev.json().get("profiles").get(0).get("uuid").asText();
        assertThat(dev.json().get("profiles").get(0).get("username").asText()).isEqualTo("Alice");

        Reply profiles = call("GET", "/my-account/get-profiles", oauth, null);
        assertThat(profiles.status()).isEqualTo(200);
        assertThat(profiles.json().get("owner").asText()).isEqualTo(uuid);

        Reply session = call("POST", "/game-session/new", oauth, "{\"uuid\":\"" + uuid + "\"}");
        assertThat(session.status()).isEqualTo(200);
        assertThat(Instant.parse(session.json().get("expiresAt").asText())).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
        String identity = session.json().get("identityToken").asText();
        assertThat(header(identity).get("alg").asText()).isEqualTo("EdDSA");
        assertThat(header(identity).get("kid").asText()).isEqualTo(service.currentKid());
        JsonNode c = claims(identity);
        assertThat(c.get("iss").asText()).isEqualTo("https://sessions.hytale.com");
        assertThat(c.get("sub").asText()).isEqualTo(uuid);
        assertThat(c.get("scope").asText()).isEqualTo("hytale:client");
        assertThat(c.get("profile").get("username").asText()).isEqualTo("Alice");
        assertThat(c.get("exp").asLong() - c.get("iat").asLong()).isEqualTo(3600);
        assertThat(identity.split("\\.")[2]).hasSize(86);
        JsonNode s = claims(session.json().get("sessionToken").asText());
        assertThat(s.get("sub").asText()).isEqualTo(uuid);

        Reply refreshed = call("POST", "/game-session/refresh", session.json().get("sessionToken").asText(), null);
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.json().get("sessionToken").asText()).isNotEqualTo(session.json().get("sessionToken").asText());

        assertThat(call("POST", "/game-session/new", oauth, "{\"uuid\":\"" + UUID.randomUUID() + "\"}").status()).isEqualTo(403);
    }

    @Test
    void bearersAreChecked() throws Exception {
        LocalHytaleSessionService.Account alice = service.createPlayerAccount("Alice");
        JsonNode session = newSession(alice);
        String body = "{\"identityToken\":\"" + session.get("identityToken").asText() + "\",\"aud\":\"x\"}";

        Reply none = call("POST", "/server-join/auth-grant", null, body);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().get("error").asText()).isEqualTo("invalid_token");
        assertThat(none.raw().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(call("POST", "/server-join/auth-grant", "garbage", body).status()).isEqualTo(401);
        assertThat(call("POST", "/server-join/auth-grant", session.get("identityToken").asText(), body).status())
            .as("an identity token is not a session").isEqualTo(401);
        assertThat(call("POST", "/game-session/new", "wrong-oauth", "{}").status()).isEqualTo(401);

        String sessionToken = session.get("sessionToken").asText();
        assertThat(call("POST", "/server-join/auth-grant", sessionToken, body).status()).isEqualTo(200);
        assertThat(call("DELETE", "/game-session", sessionToken, null).status()).isEqualTo(204);
        assertThat(call("POST", "/server-join/auth-grant", sessionToken, body).status()).as("deleted").isEqualTo(401);

        JsonNode later = newSession(alice);
        clock.advance(Duration.ofHours(1));
        assertThat(call("POST", "/game-session/refresh", later.get("sessionToken").asText(), null).status())
            .as("expired").isEqualTo(401);
    }

    @Test
    void grantsAreSingleUseShortLivedAndBoundToTheirIdentity() throws Exception {
        LocalHytaleSessionService.Account alice = service.createPlayerAccount("Alice");
        LocalHytaleSessionService.Account bob = service.createPlayerAccount("Bob");
        LocalHytaleSessionService.Account server = service.createServerAccount("Gatehouse");
        JsonNode aliceSession = newSession(alice);
        JsonNode bobSession = newSession(bob);
        JsonNode serverSession = newSession(server);
        String serverBearer = serverSession.get("sessionToken").asText();
        String grantBody = "{\"identityToken\":\"" + aliceSession.get("identityToken").asText() + "\",\"aud\":\"aud-1\"}";

        Reply grant = call("POST", "/server-join/auth-grant", serverBearer, grantBody);
        assertThat(grant.status()).isEqualTo(200);
        String g = grant.json().get("authorizationGrant").asText();
        assertThat(Instant.parse(grant.json().get("expiresAt").asText())).isEqualTo(clock.instant().plus(Duration.ofMinutes(2)));
        String aliceBearer = aliceSession.get("sessionToken").asText();

        // A malformed request does not burn the grant.
        assertThat(call("POST", "/server-join/auth-token", aliceBearer,
            "{\"authorizationGrant\":\"" + g + "\",\"x509Fingerprint\":\"not a fingerprint\"}").status()).isEqualTo(400);

        String exchange = "{\"authorizationGrant\":\"" + g + "\",\"x509Fingerprint\":\"" + FP + "\"}";
        Reply token = call("POST", "/server-join/auth-token", aliceBearer, exchange);
        assertThat(token.status()).isEqualTo(200);
        assertThat(token.json().get("tokenType").asText()).isEqualTo("Bearer");
        JsonNode access = claims(token.json().get("accessToken").asText());
        assertThat(access.get("aud").asText()).isEqualTo("aud-1");
        assertThat(access.get("sub").asText()).isEqualTo(alice.uuid().toString());
        assertThat(access.get("username").asText()).isEqualTo("Alice");
        assertThat(access.get("cnf").get("x5t#S256").asText()).isEqualTo(FP);
        assertThat(access.get("ip").asText()).isEqualTo("127.0.0.1");

        Reply reused = call("POST", "/server-join/auth-token", aliceBearer, exchange);
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.json().get("error").asText()).isEqualTo("invalid_grant");

        String g2 = call("POST", "/server-join/auth-grant", serverBearer, grantBody).json().get("authorizationGrant").asText();
        Reply stolen = call("POST", "/server-join/auth-token", bobSession.get("sessionToken").asText(),
            "{\"authorizationGrant\":\"" + g2 + "\",\"x509Fingerprint\":\"" + FP + "\"}");
        assertThat(stolen.status()).as("issued for Alice, redeemed by Bob").isEqualTo(400);

        String g3 = call("POST", "/server-join/auth-grant", serverBearer, grantBody).json().get("authorizationGrant").asText();
        clock.advance(Duration.ofMinutes(2));
        Reply expired = call("POST", "/server-join/auth-token", aliceBearer,
            "{\"authorizationGrant\":\"" + g3 + "\",\"x509Fingerprint\":\"" + FP + "\"}");
        assertThat(expired.status()).isEqualTo(400);
        assertThat(expired.json().get("error").asText()).isEqualTo("invalid_grant");

        assertThat(call("POST", "/server-join/auth-token", aliceBearer,
            "{\"authorizationGrant\":\"made-up\",\"x509Fingerprint\":\"" + FP + "\"}").status()).isEqualTo(400);
    }

    @Test
    void badRequestsGetClearErrors() throws Exception {
        LocalHytaleSessionService.Account server = service.createServerAccount("Gatehouse");
        String bearer = newSession(server).get("sessionToken").asText();
        assertThat(call("POST", "/server-join/auth-grant", bearer, "not json").status()).isEqualTo(400);
        assertThat(call("POST", "/server-join/auth-grant", bearer, "{\"aud\":\"x\"}").json().get("error").asText())
            .isEqualTo("invalid_request");
        assertThat(call("POST", "/server-join/auth-grant", bearer, "{\"identityToken\":\"a.b.c\",\"aud\":\"x\"}").status())
            .isEqualTo(400);
        assertThat(call("POST", "/server-join/auth-grant", bearer, null).status()).isEqualTo(400);
        assertThat(call("POST", "/server-join/auth-grant", bearer, "{\"x\":\"" + "a".repeat(70_000) + "\"}").status())
            .isEqualTo(413);
        assertThat(call("GET", "/server-join/auth-grant", bearer, null).status()).isEqualTo(405);
        assertThat(call("GET", "/nope", null, null).status()).isEqualTo(404);
    }

    @Test
    void signingKeySurvivesRestartsAndRotates(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys/session-service.key");
        SigningKey first = SigningKey.loadOrGenerate(file);
        SigningKey again = SigningKey.loadOrGenerate(file);
        assertThat(again.kid()).isEqualTo(first.kid());
        assertThat(again.jwkX()).isEqualTo(first.jwkX());
        assertThat(again.toString()).doesNotContain(first.jwkX());

        try (LocalHytaleSessionService restarted = LocalHytaleSessionService.builder().signingKey(again).build().start()) {
            assertThat(restarted.currentKid()).isEqualTo(first.kid());
            SigningKey next = SigningKey.generate();
            restarted.rotateSigningKey(next);
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(restarted.baseUrl() + "/.well-known/jwks.json")).build(),
                HttpResponse.BodyHandlers.ofString());
            JsonNode keys = JSON.readTree(r.body()).get("keys");
            assertThat(keys).hasSize(2);
            assertThat(keys.get(0).get("kid").asText()).isEqualTo(next.kid());
            assertThat(keys.get(1).get("kid").asText()).isEqualTo(first.kid());
        }
    }
}
