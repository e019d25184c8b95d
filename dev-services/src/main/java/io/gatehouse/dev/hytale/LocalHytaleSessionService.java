package io.gatehouse.dev.hytale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A local stand-in for {@code https://sessions.hytale.com} (hytale-protocol.md §7): the same endpoints, JSON and
 * Ed25519-signed JWTs, so the all-in-one node and the tests run the real authenticated flow without the internet.
 *
 * <h2>Endpoints</h2>
 * <pre>
 * GET    /.well-known/jwks.json       → 200 {"keys":[{"kty":"OKP","crv":"Ed25519","x","kid","alg":"EdDSA","use":"sig"}]}
 * POST   /game-session/new            Bearer &lt;OAuth access token&gt;  {"uuid":"&lt;profile&gt;"}
 *                                      → 200 {"sessionToken","identityToken","expiresAt"}
 * POST   /game-session/refresh        Bearer &lt;sessionToken&gt; (empty body) → 200 same shape, fresh tokens
 * DELETE /game-session                Bearer &lt;sessionToken&gt; → 204
 * POST   /server-join/auth-grant      Bearer &lt;sessionToken&gt;  {"identityToken","aud"}
 *                                      → 200 {"authorizationGrant","expiresAt"}
 * POST   /server-join/auth-token      Bearer &lt;sessionToken&gt;  {"authorizationGrant","x509Fingerprint"}
 *                                      → 200 {"accessToken","tokenType":"Bearer","expiresIn","expiresAt"}
 * GET    /my-account/get-profiles     Bearer &lt;OAuth access token&gt; → 200 {"owner","profiles":[{"uuid","username"}]}
 *                                      (account-data.hytale.com in production)
 * POST   /dev/accounts                {"username","uuid"?,"scope"?} → 201 {"owner","accessToken","profiles"}
 *                                      (local only: stands in for the OAuth login of a player or server owner)
 * </pre>
 *
 * <h2>Errors</h2> (the reference only says the official server treats every non-200 as failure; these follow
 * RFC 6750 / RFC 6749 §5.2, bodies are {@code {"error","error_description"}} and never echo secrets)
 * <ul>
 *   <li>401 {@code invalid_token} (+ {@code WWW-Authenticate: Bearer}) — missing, unknown, expired or deleted bearer;</li>
 *   <li>400 {@code invalid_request} — unreadable JSON, missing or malformed fields, an invalid or expired identityToken;</li>
 *   <li>400 {@code invalid_grant} — an authorization grant that is unknown, expired, already used, or was issued for
 *       another identity than the bearer's (the grant is consumed by that attempt either way);</li>
 *   <li>403 {@code forbidden} — {@code /game-session/new} for a profile the account does not own;</li>
 *   <li>404 / 405 / 413 — unknown path, wrong method, body over 64 KiB.</li>
 * </ul>
 *
 * <h2>Mutual authentication as the real client does it ([I] in the reference, §6.3)</h2>
 * A player's session token may call both server-join endpoints, exactly like the server's. The client
 * (1) exchanges the {@code AuthGrant.authorizationGrant} at {@code /server-join/auth-token} with the fingerprint of
 * <em>its own</em> TLS client certificate, and (2) asks {@code /server-join/auth-grant} for a grant for
 * {@code AuthGrant.serverIdentityToken}, with {@code aud} = its own profile uuid (the reference leaves that value
 * open; any non-blank string is accepted). A grant can only be redeemed by a session of the identity it names,
 * so the server can redeem (2) and nobody else can redeem (1).
 */
public final class LocalHytaleSessionService implements AutoCloseable {

    public static final String DEFAULT_ISSUER = "https://sessions.hytale.com";
    public static final String SCOPE_CLIENT = "hytale:client";
    public static final String SCOPE_EDITOR = "hytale:editor";
    public static final String SCOPE_SERVER = "hytale:server";
    public static final String PORT_PROPERTY = "gatehouse.dev.session-service.port";
    public static final int DEFAULT_PORT = 5580;

    private static final Logger log = LoggerFactory.getLogger(LocalHytaleSessionService.class);
    private static final Set<String> KNOWN_SCOPES = Set.of(SCOPE_CLIENT, SCOPE_EDITOR, SCOPE_SERVER);
    private static final Pattern FINGERPRINT = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Pattern CANONICAL_UUID =
        Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final int MAX_BODY_BYTES = 64 * 1024;
    private static final int MAX_AUDIENCE_CHARS = 256;
    private static final int SWEEP_EVERY = 64;

    private final String host;
    private final int requestedPort;
    private final String issuer;
    private final Clock clock;
    private final Duration identityTokenTtl;
    private final Duration sessionTtl;
    private final Duration accessTokenTtl;
    private final Duration grantTtl;
    private final SecureRandom random = new SecureRandom();

    /** Current signing key first; older keys stay published so tokens they signed remain verifiable. */
    private volatile List<SigningKey> keyRing;
    private final Map<String, Account> accountsByTokenHash = new ConcurrentHashMap<>();
    private final Map<String, SessionRecord> sessionsById = new ConcurrentHashMap<>();
    private final Map<String, GrantRecord> grantsByHash = new ConcurrentHashMap<>();
    private final AtomicInteger jwksRequests = new AtomicInteger();
    private final AtomicLong issued = new AtomicLong();

    private volatile DisposableServer server;

    private LocalHytaleSessionService(Builder b) {
        this.host = b.host;
        this.requestedPort = b.port;
        this.issuer = b.issuer;
        this.clock = b.clock;
        this.identityTokenTtl = b.identityTokenTtl;
        this.sessionTtl = b.sessionTtl;
        this.accessTokenTtl = b.accessTokenTtl;
        this.grantTtl = b.grantTtl;
        this.keyRing = List.of(b.signingKey != null ? b.signingKey : SigningKey.generate());
    }

    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------------------------------------ lifecycle

    /** Binds the HTTP server; returns {@code this}. */
    public synchronized LocalHytaleSessionService start() {
        if (server == null) {
            server = HttpServer.create()
                .host(host)
                .port(requestedPort)
                .handle(this::handle)
                .bindNow(Duration.ofSeconds(10));
            log.info("Local Hytale session service on http://{}:{} (issuer {}, kid {})",
                host, server.port(), issuer, keyRing.get(0).kid());
        }
        return this;
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.disposeNow(Duration.ofSeconds(5));
            server = null;
        }
    }

    public int port() {
        DisposableServer s = server;
        if (s == null) {
            throw new IllegalStateException("not started");
        }
        return s.port();
    }

    /** {@code http://host:port} — the base URL clients use instead of {@code https://sessions.hytale.com}. */
    public String baseUrl() {
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port();
    }

    /** The {@code iss} of every token (by default the production issuer, so verifiers need no special case). */
    public String issuer() {
        return issuer;
    }

    /** How many times {@code /.well-known/jwks.json} was served (lets tests count verifier refreshes). */
    public int jwksRequestCount() {
        return jwksRequests.get();
    }

    public String currentKid() {
        return keyRing.get(0).kid();
    }

    /**
     * Starts signing with {@code next}; earlier keys stay in the JWKS. Lets tests exercise a verifier's refresh
     * on an unknown kid the way a production key rotation would.
     */
    public synchronized void rotateSigningKey(SigningKey next) {
        List<SigningKey> ring = new ArrayList<>();
        ring.add(Objects.requireNonNull(next));
        ring.addAll(keyRing);
        keyRing = List.copyOf(ring);
    }

    // ----------------------------------------------------------------------------------- accounts (OAuth stand-in)

    /** A player (or server owner) account with one game profile; {@code oauthAccessToken} opens game sessions. */
    public record Account(UUID uuid, String username, String scope, String oauthAccessToken) {
        @Override
        public String toString() {
            return "Account[uuid=" + uuid + ", username=" + username + ", scope=" + scope + "]";
        }
    }

    /** Creates a player account (identity tokens get scope {@code hytale:client}). */
    public Account createPlayerAccount(String username) {
        return createAccount(UUID.randomUUID(), username, SCOPE_CLIENT);
    }

    /** Creates a server-owner account (identity tokens get scope {@code hytale:server}). */
    public Account createServerAccount(String name) {
        return createAccount(UUID.randomUUID(), name, SCOPE_SERVER);
    }

    public Account createAccount(UUID uuid, String username, String scope) {
        if (!validUsername(username)) {
            throw new IllegalArgumentException("username must be 1-32 printable ASCII characters");
        }
        if (!validScope(scope)) {
            throw new IllegalArgumentException("scope must be space-separated values of " + KNOWN_SCOPES);
        }
        Account account = new Account(uuid, username, scope, newSecret());
        accountsByTokenHash.put(hash(account.oauthAccessToken()), account);
        return account;
    }

    // ------------------------------------------------------------------------------------------------ HTTP

    private Publisher<Void> handle(HttpServerRequest req, HttpServerResponse res) {
        Mono<byte[]> body = HttpMethod.POST.equals(req.method()) ? readBody(req) : Mono.just(new byte[0]);
        return body
            .map(bytes -> route(req, bytes))
            .onErrorResume(HttpError.class, e -> Mono.just(e.reply()))
            .onErrorResume(e -> {
                log.warn("Local session service request failed: {}", e.getClass().getName());
                return Mono.just(Reply.error(500, "server_error", "internal error"));
            })
            .flatMap(reply -> send(res, reply));
    }

    private static Mono<byte[]> readBody(HttpServerRequest req) {
        String length = req.requestHeaders().get("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > MAX_BODY_BYTES) {
                    return Mono.error(new HttpError(413, "invalid_request", "body too large"));
                }
            } catch (NumberFormatException e) {
                return Mono.error(new HttpError(400, "invalid_request", "bad Content-Length"));
            }
        }
        return req.receive().asByteArray()
            .reduceWith(ByteArrayOutputStream::new, (acc, chunk) -> {
                if (acc.size() + chunk.length > MAX_BODY_BYTES) {
                    throw new HttpError(413, "invalid_request", "body too large");
                }
                acc.write(chunk, 0, chunk.length);
                return acc;
            })
            .map(ByteArrayOutputStream::toByteArray)
            .defaultIfEmpty(new byte[0]);
    }

    private static Mono<Void> send(HttpServerResponse res, Reply reply) {
        res.status(HttpResponseStatus.valueOf(reply.status()));
        res.header("Cache-Control", "no-store");
        reply.headers().forEach(res::header);
        if (reply.body() == null) {
            return res.send().then();
        }
        res.header("Content-Type", "application/json");
        try {
            return res.sendByteArray(Mono.just(LocalJwts.JSON.writeValueAsBytes(reply.body()))).then();
        } catch (IOException e) {
            return Mono.error(e);
        }
    }

    private Reply route(HttpServerRequest req, byte[] body) {
        String path = req.fullPath();
        HttpMethod method = req.method();
        switch (path) {
            case "/.well-known/jwks.json":
                requireMethod(method, HttpMethod.GET);
                return jwks();
            case "/game-session/new":
                requireMethod(method, HttpMethod.POST);
                return newGameSession(bearer(req), json(body, true));
            case "/game-session/refresh":
                requireMethod(method, HttpMethod.POST);
                return refreshGameSession(bearer(req));
            case "/game-session":
                requireMethod(method, HttpMethod.DELETE);
                return deleteGameSession(bearer(req));
            case "/server-join/auth-grant":
                requireMethod(method, HttpMethod.POST);
                return authGrant(bearer(req), json(body, false));
            case "/server-join/auth-token":
                requireMethod(method, HttpMethod.POST);
                return authToken(bearer(req), json(body, false), remoteIp(req));
            case "/my-account/get-profiles":
                requireMethod(method, HttpMethod.GET);
                return profiles(bearer(req));
            case "/dev/accounts":
                requireMethod(method, HttpMethod.POST);
                return devAccount(json(body, false));
            default:
                throw new HttpError(404, "not_found", "no such endpoint");
        }
    }

    // ------------------------------------------------------------------------------------------------ endpoints

    private Reply jwks() {
        jwksRequests.incrementAndGet();
        ObjectNode doc = LocalJwts.JSON.createObjectNode();
        ArrayNode keys = doc.putArray("keys");
        for (SigningKey key : keyRing) {
            ObjectNode jwk = keys.addObject();
            jwk.put("kty", "OKP");
            jwk.put("crv", "Ed25519");
            jwk.put("x", key.jwkX());
            jwk.put("kid", key.kid());
            jwk.put("alg", "EdDSA");
            jwk.put("use", "sig");
        }
        return Reply.ok(doc);
    }

    private Reply newGameSession(String oauthToken, JsonNode body) {
        Account account = accountsByTokenHash.get(hash(oauthToken));
        if (account == null) {
            throw HttpError.invalidToken();
        }
        JsonNode uuidNode = body.get("uuid");
        if (uuidNode != null && !uuidNode.isNull()) {
            UUID requested = parseUuid(uuidNode.asText(""))
                .orElseThrow(() -> new HttpError(400, "invalid_request", "uuid is not a UUID"));
            if (!requested.equals(account.uuid())) {
                throw new HttpError(403, "forbidden", "profile does not belong to this account");
            }
        }
        return Reply.ok(openSession(account.uuid(), account.username(), account.scope()));
    }

    private Reply refreshGameSession(String sessionToken) {
        SessionRecord session = authenticateSession(sessionToken);
        // The old session token stays valid until its own expiry, so server-join calls already in flight
        // with it do not fail (the reference does not say whether the real service revokes it).
        return Reply.ok(openSession(session.uuid(), session.username(), session.scope()));
    }

    private Reply deleteGameSession(String sessionToken) {
        SessionRecord session = authenticateSession(sessionToken);
        sessionsById.remove(session.id());
        return new Reply(204, null, Map.of());
    }

    private Reply authGrant(String sessionToken, JsonNode body) {
        authenticateSession(sessionToken);
        String identityToken = requiredText(body, "identityToken", LocalJwts.MAX_TOKEN_CHARS);
        String audience = requiredText(body, "aud", MAX_AUDIENCE_CHARS);
        long now = clock.instant().getEpochSecond();
        ObjectNode identity = verifyOwnToken(identityToken)
            .filter(c -> c.path("exp").canConvertToLong() && now < c.path("exp").asLong())
            .filter(c -> !c.path("nbf").isNumber() || now >= c.path("nbf").asLong())
            .filter(c -> c.path("profile").hasNonNull("username"))
            .orElseThrow(() -> new HttpError(400, "invalid_request", "invalid or expired identityToken"));
        UUID subject = parseUuid(identity.path("sub").asText(""))
            .orElseThrow(() -> new HttpError(400, "invalid_request", "invalid or expired identityToken"));
        String scope = identity.path("scope").asText("");
        String grant = newSecret();
        Instant expiresAt = Instant.ofEpochSecond(now).plus(grantTtl);
        grantsByHash.put(hash(grant), new GrantRecord(subject, identity.path("profile").path("username").asText(),
            scope, audience, expiresAt.getEpochSecond()));
        sweepOccasionally(now);
        ObjectNode out = LocalJwts.JSON.createObjectNode();
        out.put("authorizationGrant", grant);
        out.put("expiresAt", expiresAt.toString());
        return Reply.ok(out);
    }

    private Reply authToken(String sessionToken, JsonNode body, String remoteIp) {
        SessionRecord session = authenticateSession(sessionToken);
        String grant = requiredText(body, "authorizationGrant", 4096);
        String fingerprint = requiredText(body, "x509Fingerprint", 64);
        if (!FINGERPRINT.matcher(fingerprint).matches()) {
            throw new HttpError(400, "invalid_request",
                "x509Fingerprint must be base64url(SHA-256(DER certificate)) without padding");
        }
        long now = clock.instant().getEpochSecond();
        // Removed before any check: a grant is redeemable exactly once, whatever the outcome.
        GrantRecord record = grantsByHash.remove(hash(grant));
        if (record == null || now >= record.expiresAt() || !record.subject().equals(session.uuid())) {
            throw new HttpError(400, "invalid_grant", "authorization grant is invalid, expired or already used");
        }
        long exp = now + accessTokenTtl.toSeconds();
        ObjectNode claims = LocalJwts.JSON.createObjectNode();
        claims.put("iss", issuer);
        claims.put("sub", record.subject().toString());
        claims.put("aud", record.audience());
        claims.put("iat", now);
        claims.put("nbf", now);
        claims.put("exp", exp);
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("scope", record.scope());
        claims.put("username", record.username());
        if (remoteIp != null) {
            claims.put("ip", remoteIp);
        }
        claims.putObject("cnf").put("x5t#S256", fingerprint);
        ObjectNode out = LocalJwts.JSON.createObjectNode();
        out.put("accessToken", LocalJwts.sign(keyRing.get(0), claims));
        out.put("tokenType", "Bearer");
        out.put("expiresIn", accessTokenTtl.toSeconds());
        out.put("expiresAt", Instant.ofEpochSecond(exp).toString());
        return Reply.ok(out);
    }

    private Reply profiles(String oauthToken) {
        Account account = accountsByTokenHash.get(hash(oauthToken));
        if (account == null) {
            throw HttpError.invalidToken();
        }
        return Reply.ok(profilesJson(account));
    }

    private Reply devAccount(JsonNode body) {
        String username = requiredText(body, "username", 32);
        String scope = body.hasNonNull("scope") ? body.get("scope").asText() : SCOPE_CLIENT;
        UUID uuid = UUID.randomUUID();
        if (body.hasNonNull("uuid")) {
            uuid = parseUuid(body.get("uuid").asText())
                .orElseThrow(() -> new HttpError(400, "invalid_request", "uuid is not a UUID"));
        }
        if (!validUsername(username) || !validScope(scope)) {
            throw new HttpError(400, "invalid_request", "bad username or scope");
        }
        Account account = createAccount(uuid, username, scope);
        ObjectNode out = profilesJson(account);
        out.put("accessToken", account.oauthAccessToken());
        return new Reply(201, out, Map.of());
    }

    // ------------------------------------------------------------------------------------------------ tokens

    private ObjectNode openSession(UUID uuid, String username, String scope) {
        Instant now = Instant.ofEpochSecond(clock.instant().getEpochSecond());
        Instant sessionExp = now.plus(sessionTtl);
        String sessionId = UUID.randomUUID().toString();
        sessionsById.put(sessionId, new SessionRecord(sessionId, uuid, username, scope, sessionExp.getEpochSecond()));
        sweepOccasionally(now.getEpochSecond());

        ObjectNode session = LocalJwts.JSON.createObjectNode();
        session.put("iss", issuer);
        session.put("sub", uuid.toString());
        session.put("iat", now.getEpochSecond());
        session.put("nbf", now.getEpochSecond());
        session.put("exp", sessionExp.getEpochSecond());
        session.put("jti", sessionId);
        session.put("scope", scope);

        ObjectNode identity = LocalJwts.JSON.createObjectNode();
        identity.put("iss", issuer);
        identity.put("sub", uuid.toString());
        identity.put("iat", now.getEpochSecond());
        identity.put("nbf", now.getEpochSecond());
        identity.put("exp", now.plus(identityTokenTtl).getEpochSecond());
        identity.put("jti", UUID.randomUUID().toString());
        identity.put("scope", scope);
        ObjectNode profile = identity.putObject("profile");
        profile.put("username", username);
        profile.putArray("entitlements").add("game.base");

        SigningKey key = keyRing.get(0);
        ObjectNode out = LocalJwts.JSON.createObjectNode();
        out.put("sessionToken", LocalJwts.sign(key, session));
        out.put("identityToken", LocalJwts.sign(key, identity));
        out.put("expiresAt", sessionExp.toString());
        return out;
    }

    /**
     * Signs arbitrary claims with the current key. For tests that need tokens the service would never issue
     * (wrong issuer, missing claims); it is a development service, so this is not a hole.
     */
    public String signClaims(Map<String, ?> claims) {
        return LocalJwts.sign(keyRing.get(0), LocalJwts.JSON.valueToTree(new LinkedHashMap<>(claims)));
    }

    private Optional<ObjectNode> verifyOwnToken(String token) {
        List<SigningKey> ring = keyRing;
        return LocalJwts.verifiedClaims(token, kid -> {
            for (SigningKey k : ring) {
                if (k.kid().equals(kid)) {
                    return k.publicKey();
                }
            }
            return (PublicKey) null;
        }).filter(c -> issuer.equals(c.path("iss").asText(null)));
    }

    private SessionRecord authenticateSession(String sessionToken) {
        long now = clock.instant().getEpochSecond();
        return verifyOwnToken(sessionToken)
            .map(c -> sessionsById.get(c.path("jti").asText("")))
            .filter(s -> now < s.expiresAt())
            .orElseThrow(HttpError::invalidToken);
    }

    private void sweepOccasionally(long now) {
        if (issued.incrementAndGet() % SWEEP_EVERY == 0) {
            grantsByHash.values().removeIf(g -> now >= g.expiresAt());
            sessionsById.values().removeIf(s -> now >= s.expiresAt());
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static String bearer(HttpServerRequest req) {
        String auth = req.requestHeaders().get("Authorization");
        if (auth == null || auth.length() < 8 || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw HttpError.invalidToken();
        }
        String token = auth.substring(7).trim();
        if (token.isEmpty() || token.length() > LocalJwts.MAX_TOKEN_CHARS) {
            throw HttpError.invalidToken();
        }
        return token;
    }

    private static JsonNode json(byte[] body, boolean emptyAllowed) {
        if (body.length == 0) {
            if (emptyAllowed) {
                return LocalJwts.JSON.createObjectNode();
            }
            throw new HttpError(400, "invalid_request", "JSON body required");
        }
        try {
            JsonNode node = LocalJwts.JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new HttpError(400, "invalid_request", "body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new HttpError(400, "invalid_request", "body is not valid JSON");
        }
    }

    private static String requiredText(JsonNode body, String field, int maxChars) {
        JsonNode node = body.get(field);
        if (node == null || !node.isTextual() || node.asText().isBlank() || node.asText().length() > maxChars) {
            throw new HttpError(400, "invalid_request", field + " is required");
        }
        return node.asText();
    }

    private static void requireMethod(HttpMethod actual, HttpMethod expected) {
        if (!expected.equals(actual)) {
            throw new HttpError(405, "invalid_request", "method not allowed", Map.of("Allow", expected.name()));
        }
    }

    private static String remoteIp(HttpServerRequest req) {
        InetSocketAddress remote = req.remoteAddress();
        return remote != null && remote.getAddress() != null ? remote.getAddress().getHostAddress() : null;
    }

    private static ObjectNode profilesJson(Account account) {
        ObjectNode out = LocalJwts.JSON.createObjectNode();
        out.put("owner", account.uuid().toString());
        ObjectNode p = out.putArray("profiles").addObject();
        p.put("uuid", account.uuid().toString());
        p.put("username", account.username());
        return out;
    }

    private static Optional<UUID> parseUuid(String text) {
        if (!CANONICAL_UUID.matcher(text).matches()) {
            return Optional.empty();
        }
        return Optional.of(UUID.fromString(text));
    }

    private static boolean validUsername(String username) {
        return username != null && !username.isEmpty() && username.length() <= 32
            && username.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }

    private static boolean validScope(String scope) {
        if (scope == null || scope.isBlank()) {
            return false;
        }
        for (String s : scope.trim().split(" +")) {
            if (!KNOWN_SCOPES.contains(s)) {
                return false;
            }
        }
        return true;
    }

    private String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Secrets are stored by digest, so map lookups never compare secret bytes directly. */
    private static String hash(String secret) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record SessionRecord(String id, UUID uuid, String username, String scope, long expiresAt) {
    }

    private record GrantRecord(UUID subject, String username, String scope, String audience, long expiresAt) {
    }

    private record Reply(int status, ObjectNode body, Map<String, String> headers) {
        static Reply ok(ObjectNode body) {
            return new Reply(200, body, Map.of());
        }

        static Reply error(int status, String error, String description) {
            ObjectNode body = LocalJwts.JSON.createObjectNode();
            body.put("error", error);
            body.put("error_description", description);
            return new Reply(status, body, Map.of());
        }
    }

    private static final class HttpError extends RuntimeException {
        private final int status;
        private final String error;
        private final Map<String, String> headers;

        HttpError(int status, String error, String description) {
            this(status, error, description, Map.of());
        }

        HttpError(int status, String error, String description, Map<String, String> headers) {
            super(description, null, false, false);
            this.status = status;
            this.error = error;
            this.headers = headers;
        }

        static HttpError invalidToken() {
            return new HttpError(401, "invalid_token", "missing, invalid or expired bearer token",
                Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\""));
        }

        Reply reply() {
            Reply r = Reply.error(status, error, getMessage());
            return new Reply(r.status(), r.body(), headers);
        }
    }

    // ------------------------------------------------------------------------------------------------ builder

    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 0;
        private String issuer = DEFAULT_ISSUER;
        private SigningKey signingKey;
        private Clock clock = Clock.systemUTC();
        private Duration identityTokenTtl = Duration.ofHours(1);
        private Duration sessionTtl = Duration.ofHours(1);
        private Duration accessTokenTtl = Duration.ofHours(1);
        private Duration grantTtl = Duration.ofMinutes(2);

        private Builder() {
        }

        /** Bind address; default {@code 127.0.0.1}. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        /** Bind port; 0 (the default) picks a free port. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port");
            }
            this.port = port;
            return this;
        }

        /** The {@code iss} claim; default {@value #DEFAULT_ISSUER}. */
        public Builder issuer(String issuer) {
            this.issuer = Objects.requireNonNull(issuer);
            return this;
        }

        /** The signing key; default a fresh one. Use {@link SigningKey#loadOrGenerate} to keep the JWKS across restarts. */
        public Builder signingKey(SigningKey key) {
            this.signingKey = key;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public Builder identityTokenTtl(Duration ttl) {
            this.identityTokenTtl = positive(ttl);
            return this;
        }

        public Builder sessionTtl(Duration ttl) {
            this.sessionTtl = positive(ttl);
            return this;
        }

        public Builder accessTokenTtl(Duration ttl) {
            this.accessTokenTtl = positive(ttl);
            return this;
        }

        /** Lifetime of an authorization grant; default 2 minutes (the reference gives none). */
        public Builder grantTtl(Duration ttl) {
            this.grantTtl = positive(ttl);
            return this;
        }

        public LocalHytaleSessionService build() {
            return new LocalHytaleSessionService(this);
        }

        private static Duration positive(Duration d) {
            if (d.isNegative() || d.isZero() || d.toSeconds() < 1) {
                throw new IllegalArgumentException("duration must be at least one second");
            }
            return d;
        }
    }

    // ------------------------------------------------------------------------------------------------ main

    /**
     * Runs the service standalone. System properties: {@value #PORT_PROPERTY} (default {@value #DEFAULT_PORT}),
     * {@code gatehouse.dev.session-service.host} (default 127.0.0.1), {@code gatehouse.dev.session-service.issuer}
     * (default the production issuer), {@code gatehouse.dev.session-service.key-file} (keep the signing key, and so
     * the JWKS, across restarts).
     */
    public static void main(String[] args) throws Exception {
        Builder builder = builder()
            .port(Integer.getInteger(PORT_PROPERTY, DEFAULT_PORT))
            .host(System.getProperty("gatehouse.dev.session-service.host", "127.0.0.1"))
            .issuer(System.getProperty("gatehouse.dev.session-service.issuer", DEFAULT_ISSUER));
        String keyFile = System.getProperty("gatehouse.dev.session-service.key-file");
        if (keyFile != null && !keyFile.isBlank()) {
            builder.signingKey(SigningKey.loadOrGenerate(Path.of(keyFile)));
        }
        LocalHytaleSessionService service = builder.build().start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "session-service-shutdown"));
        System.out.println("Local Hytale session service listening on " + service.baseUrl());
        stopped.await();
    }
}
