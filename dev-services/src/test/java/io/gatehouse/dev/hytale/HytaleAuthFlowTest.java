package io.gatehouse.dev.hytale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gatehouse.auth.hytale.AuthTokenDecision;
import io.gatehouse.auth.hytale.CertificateFingerprints;
import io.gatehouse.auth.hytale.ClientKind;
import io.gatehouse.auth.hytale.ConnectDecision;
import io.gatehouse.auth.hytale.HytaleAuthenticator;
import io.gatehouse.auth.hytale.HytaleAuthenticator.AuthTokenRequest;
import io.gatehouse.auth.hytale.HytaleAuthenticator.ConnectRequest;
import io.gatehouse.auth.hytale.HytaleTokenVerifier;
import io.gatehouse.auth.hytale.InMemoryPasswordAttemptCounter;
import io.gatehouse.auth.hytale.InvalidTokenException;
import io.gatehouse.auth.hytale.JwksKeySource;
import io.gatehouse.auth.hytale.PasswordChallenges;
import io.gatehouse.auth.hytale.PasswordDecision;
import io.gatehouse.auth.hytale.ServerIdentity;
import io.gatehouse.auth.hytale.SessionServiceClient;
import io.gatehouse.auth.hytale.SessionServiceRejected;
import io.gatehouse.auth.hytale.TokenFailure;
import io.gatehouse.registry.contract.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The whole Hytale authenticated handshake against the real local session service on a free port, with the
 * gateway's side run by {@link HytaleAuthenticator} and the client's side done the way the real client does it
 * (hytale-protocol.md §6.3: its own game session, grant exchange bound to its own certificate, a grant for the
 * server's identity).
 */
@Timeout(60)
class HytaleAuthFlowTest {

    private final Instant start = Instant.parse("2026-11-21T10:00:00Z");
    private final MutableClock serviceClock = new MutableClock(start);
    private final MutableClock gatewayClock = new MutableClock(start);
    private final String clientFp = CertificateFingerprints.of(TestCertificates.selfSigned("player"));
    private final String otherClientFp = CertificateFingerprints.of(TestCertificates.selfSigned("someone-else"));
    private final String serverFp = CertificateFingerprints.of(TestCertificates.selfSigned("localhost"));

    private LocalHytaleSessionService service;
    private SessionServiceClient gatewayHttp;
    private SessionServiceClient playerHttp;
    private HytaleTokenVerifier verifier;
    private ServerIdentity serverIdentity;
    private HytaleAuthenticator authenticator;

    /** What a real client holds: its profile, its game session, its TLS certificate fingerprint. */
    record Player(UUID uuid, String username, SessionServiceClient.GameSession session) {
    }

    @BeforeEach
    void setUp() {
        service = LocalHytaleSessionService.builder().clock(serviceClock).build().start();
        gatewayHttp = new SessionServiceClient(settings());
        playerHttp = new SessionServiceClient(settings());
        JwksKeySource keys = new JwksKeySource(gatewayHttp::fetchJwks, gatewayClock,
            JwksKeySource.DEFAULT_MIN_REFRESH_INTERVAL, JwksKeySource.DEFAULT_RETRY_AFTER_FAILURE);
        verifier = new HytaleTokenVerifier(keys, service.issuer(), gatewayClock);
        LocalHytaleSessionService.Account owner = service.createServerAccount("Gatehouse");
        serverIdentity = new ServerIdentity(new ServerIdentity.Config(null, null, null, owner.oauthAccessToken(), null),
            gatewayHttp, verifier, gatewayClock);
        serverIdentity.start().block();
        authenticator = authenticator(null);
    }

    @AfterEach
    void tearDown() {
        serverIdentity.close();
        service.close();
    }

    private SessionServiceClient.Settings settings() {
        return SessionServiceClient.Settings.defaults(service.baseUrl())
            .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(1))
            .withRetries(2, Duration.ofMillis(50));
    }

    private HytaleAuthenticator authenticator(String password) {
        return new HytaleAuthenticator(HytaleAuthenticator.AuthMode.AUTHENTICATED, verifier, gatewayHttp, serverIdentity,
            new PasswordChallenges(password, new InMemoryPasswordAttemptCounter()));
    }

    private Player player(String name) {
        LocalHytaleSessionService.Account account = service.createPlayerAccount(name);
        SessionServiceClient.GameSession session =
            playerHttp.createGameSession(account.oauthAccessToken(), account.uuid()).block();
        return new Player(account.uuid(), name, session);
    }

    private ConnectDecision.SendAuthGrant connect(Player p) {
        ConnectDecision d = authenticator.onConnect(
            new ConnectRequest(p.uuid(), p.username(), p.session().identityToken(), ClientKind.GAME, clientFp)).block();
        assertThat(d).isInstanceOf(ConnectDecision.SendAuthGrant.class);
        return (ConnectDecision.SendAuthGrant) d;
    }

    /** The client's two calls after AuthGrant: its access token (own cert), and a grant for the server. */
    private String[] clientAnswers(Player p, ConnectDecision.SendAuthGrant grant, String certFp) {
        String accessToken = playerHttp.exchangeAuthToken(grant.authorizationGrant(), certFp, p.session().sessionToken()).block();
        String serverGrant = playerHttp.requestAuthGrant(grant.serverIdentityToken(), p.uuid().toString(),
            p.session().sessionToken()).block();
        return new String[] {accessToken, serverGrant};
    }

    private AuthTokenDecision authToken(Player p, String accessToken, String serverGrant, String certFp) {
        return authenticator.onAuthToken(
            new AuthTokenRequest(p.uuid(), p.username(), accessToken, serverGrant, certFp, serverFp)).block();
    }

    private static String forged(Map<String, ?> header, String payloadJson) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.pojoNode(header).toString()
            .getBytes(StandardCharsets.UTF_8)) + "." + b64.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8)) + ".";
    }

    @Test
    void fullMutualAuthentication() {
        Player alice = player("Alice");

        ConnectDecision.SendAuthGrant grant = connect(alice);
        assertThat(grant.player().uuid()).isEqualTo(alice.uuid());
        assertThat(grant.player().username()).isEqualTo("Alice");
        assertThat(grant.serverIdentityToken()).isEqualTo(serverIdentity.current().orElseThrow().identityToken());
        assertThat(grant.toString()).doesNotContain(grant.authorizationGrant());

        // The client checks who the server is before answering.
        HytaleTokenVerifier.IdentityClaims server = verifier.verifyServerIdentityToken(grant.serverIdentityToken()).block();
        assertThat(server.username()).isEqualTo("Gatehouse");

        String[] answers = clientAnswers(alice, grant, clientFp);
        AuthTokenDecision decision = authToken(alice, answers[0], answers[1], clientFp);
        assertThat(decision).isInstanceOf(AuthTokenDecision.SendServerAuthToken.class);
        AuthTokenDecision.SendServerAuthToken done = (AuthTokenDecision.SendServerAuthToken) decision;
        assertThat(done.uuid()).isEqualTo(alice.uuid());
        assertThat(done.username()).isEqualTo("Alice");
        assertThat(done.passwordChallenge()).isNull();

        // The client verifies the server's access token: bound to the certificate it saw, for its audience.
        HytaleTokenVerifier.AccessClaims serverToken = verifier.verifyAccessToken(done.serverAccessToken(),
            alice.uuid().toString(), serverFp, server.uuid(), "Gatehouse").block();
        assertThat(serverToken.certificateFingerprint()).isEqualTo(serverFp);
        assertThat(serverToken.uuid()).isEqualTo(serverIdentity.current().orElseThrow().uuid());
    }

    @Test
    void accessTokenBoundToAnotherCertificateIsRefused() {
        Player alice = player("Alice");
        ConnectDecision.SendAuthGrant grant = connect(alice);
        String[] answers = clientAnswers(alice, grant, otherClientFp);

        assertThat(authToken(alice, answers[0], answers[1], clientFp))
            .isEqualTo(new AuthTokenDecision.Refuse("Invalid access token"));
        InvalidTokenException e = catchThrowableOfType(() -> verifier.verifyAccessToken(answers[0],
            serverIdentity.audience(), clientFp, alice.uuid(), "Alice").block(), InvalidTokenException.class);
        assertThat(e.failure()).isEqualTo(TokenFailure.CERTIFICATE_MISMATCH);
    }

    @Test
    void expiredTokensAreRefused() {
        Player alice = player("Alice");
        ConnectDecision.SendAuthGrant grant = connect(alice);
        String[] answers = clientAnswers(alice, grant, clientFp);

        gatewayClock.advance(Duration.ofHours(1).plusSeconds(300));
        assertThat(authToken(alice, answers[0], answers[1], clientFp))
            .isEqualTo(new AuthTokenDecision.Refuse("Invalid access token"));
        assertThat(authenticator.onConnect(new ConnectRequest(alice.uuid(), "Alice", alice.session().identityToken(),
            ClientKind.GAME, clientFp)).block())
            .isEqualTo(new ConnectDecision.Refuse("Invalid or expired identity token"));
        InvalidTokenException e = catchThrowableOfType(() -> verifier.verifyIdentityToken(alice.session().identityToken(),
            alice.uuid(), "hytale:client").block(), InvalidTokenException.class);
        assertThat(e.failure()).isEqualTo(TokenFailure.EXPIRED);
    }

    @Test
    void accessTokenForAnotherServerAudienceIsRefused() {
        Player alice = player("Alice");
        // Another server (another audience) got a grant for Alice; she redeems it and shows the token here.
        String otherGrant = gatewayHttp.requestAuthGrant(alice.session().identityToken(), UUID.randomUUID().toString(),
            serverIdentity.current().orElseThrow().sessionToken()).block();
        String foreignToken = playerHttp.exchangeAuthToken(otherGrant, clientFp, alice.session().sessionToken()).block();

        ConnectDecision.SendAuthGrant grant = connect(alice);
        String serverGrant = clientAnswers(alice, grant, clientFp)[1];
        assertThat(authToken(alice, foreignToken, serverGrant, clientFp))
            .isEqualTo(new AuthTokenDecision.Refuse("Invalid access token"));
        InvalidTokenException e = catchThrowableOfType(() -> verifier.verifyAccessToken(foreignToken,
            serverIdentity.audience(), clientFp, alice.uuid(), "Alice").block(), InvalidTokenException.class);
        assertThat(e.failure()).isEqualTo(TokenFailure.WRONG_AUDIENCE);
    }

    @Test
    void unknownKidCausesOneJwksRefreshThenRefusal() {
        Player alice = player("Alice");
        connect(alice); // JWKS now cached
        int fetchesBefore = service.jwksRequestCount();

        SigningKey foreign = SigningKey.generate();
        com.fasterxml.jackson.databind.node.ObjectNode claims = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        claims.put("iss", service.issuer());
        claims.put("sub", alice.uuid().toString());
        claims.put("exp", start.getEpochSecond() + 600);
        claims.put("scope", "hytale:client");
        claims.putObject("profile").put("username", "Alice");
        String forgedToken = LocalJwts.sign(foreign, claims);

        gatewayClock.advance(Duration.ofMinutes(5)); // the JWKS rate limit allows a refresh again
        for (int i = 0; i < 5; i++) {
            InvalidTokenException e = catchThrowableOfType(() -> verifier.verifyIdentityToken(forgedToken, alice.uuid(),
                "hytale:client").block(), InvalidTokenException.class);
            assertThat(e.failure()).isEqualTo(TokenFailure.UNKNOWN_KEY);
        }
        assertThat(authenticator.onConnect(new ConnectRequest(alice.uuid(), "Alice", forgedToken, ClientKind.GAME,
            clientFp)).block()).isEqualTo(new ConnectDecision.Refuse("Invalid or expired identity token"));
        assertThat(service.jwksRequestCount() - fetchesBefore).as("one refresh, no storm").isEqualTo(1);
    }

    @Test
    void rotatedSigningKeyIsPickedUpByTheRefresh() {
        Player alice = player("Alice");
        connect(alice);
        service.rotateSigningKey(SigningKey.generate());
        Player bob = player("Bob"); // signed with the new kid

        // Inside the 5-minute window the new kid is unknown; no fetch is made.
        int fetches = service.jwksRequestCount();
        assertThat(authenticator.onConnect(new ConnectRequest(bob.uuid(), "Bob", bob.session().identityToken(),
            ClientKind.GAME, clientFp)).block()).isInstanceOf(ConnectDecision.Refuse.class);
        assertThat(service.jwksRequestCount()).isEqualTo(fetches);

        gatewayClock.advance(Duration.ofMinutes(5));
        assertThat(connect(bob).player().username()).isEqualTo("Bob");
        assertThat(service.jwksRequestCount()).isEqualTo(fetches + 1);
        assertThat(connect(alice).player().username()).as("old key still published").isEqualTo("Alice");
    }

    @Test
    void reusedGrantsAreRefused() {
        Player alice = player("Alice");
        ConnectDecision.SendAuthGrant grant = connect(alice);
        String[] answers = clientAnswers(alice, grant, clientFp);

        SessionServiceRejected reuse = catchThrowableOfType(() -> playerHttp.exchangeAuthToken(grant.authorizationGrant(),
            clientFp, alice.session().sessionToken()).block(), SessionServiceRejected.class);
        assertThat(reuse.status()).isEqualTo(400);
        assertThat(reuse.error()).isEqualTo("invalid_grant");

        assertThat(authToken(alice, answers[0], answers[1], clientFp)).isInstanceOf(AuthTokenDecision.SendServerAuthToken.class);
        // Replaying the same AuthToken (e.g. on another connection): the server grant is spent.
        assertThat(authToken(alice, answers[0], answers[1], clientFp))
            .isEqualTo(new AuthTokenDecision.Refuse("Server authentication failed - please try again later"));
        assertThat(gatewayHttp.circuitBreaker().getState().name()).as("a refusal is not an outage").isEqualTo("CLOSED");
    }

    @Test
    void missingServerGrantRequiresMutualAuthentication() {
        Player alice = player("Alice");
        String[] answers = clientAnswers(alice, connect(alice), clientFp);
        assertThat(authToken(alice, answers[0], null, clientFp))
            .isEqualTo(new AuthTokenDecision.Refuse("Mutual authentication required - please update your client"));
        assertThat(authToken(alice, answers[0], answers[1], clientFp).getClass()).isEqualTo(AuthTokenDecision.SendServerAuthToken.class);
    }

    @Test
    void algNoneAndGarbageAreRefused() {
        Player alice = player("Alice");
        String none = forged(Map.of("alg", "none", "typ", "JWT"), "{\"iss\":\"" + service.issuer() + "\",\"sub\":\""
            + alice.uuid() + "\",\"exp\":" + (start.getEpochSecond() + 600) + ",\"scope\":\"hytale:client\"}");
        for (String token : new String[] {none, "garbage", "a.b.c", alice.session().identityToken() + "x"}) {
            assertThat(authenticator.onConnect(new ConnectRequest(alice.uuid(), "Alice", token, ClientKind.GAME, clientFp))
                .block()).as(token).isEqualTo(new ConnectDecision.Refuse("Invalid or expired identity token"));
        }
        InvalidTokenException e = catchThrowableOfType(() -> verifier.verifyIdentityToken(none, alice.uuid(),
            "hytale:client").block(), InvalidTokenException.class);
        assertThat(e.failure()).isEqualTo(TokenFailure.UNSUPPORTED_ALGORITHM);

        String[] answers = clientAnswers(alice, connect(alice), clientFp);
        String noneAccess = forged(Map.of("alg", "none"), "{}");
        assertThat(authToken(alice, noneAccess, answers[1], clientFp)).isEqualTo(new AuthTokenDecision.Refuse("Invalid access token"));
        assertThat(authToken(alice, "garbage", answers[1], clientFp)).isEqualTo(new AuthTokenDecision.Refuse("Invalid access token"));
    }

    @Test
    void identityMismatchesAreRefusedWithTheOfficialTexts() {
        Player alice = player("Alice");
        assertThat(authenticator.onConnect(new ConnectRequest(UUID.randomUUID(), "Alice", alice.session().identityToken(),
            ClientKind.GAME, clientFp)).block()).isEqualTo(new ConnectDecision.Refuse("Invalid identity token: UUID mismatch"));
        assertThat(authenticator.onConnect(new ConnectRequest(alice.uuid(), "Alice", alice.session().identityToken(),
            ClientKind.EDITOR, clientFp)).block())
            .isEqualTo(new ConnectDecision.Refuse("Invalid identity token: missing hytale:editor scope"));

        String[] answers = clientAnswers(alice, connect(alice), clientFp);
        assertThat(authenticator.onAuthToken(new AuthTokenRequest(alice.uuid(), "Mallory", answers[0], answers[1], clientFp,
            serverFp)).block()).isEqualTo(new AuthTokenDecision.Refuse("Invalid token claims: username mismatch"));
    }

    @Test
    void passwordChallengeRidesInServerAuthToken() {
        authenticator = authenticator("hunter2");
        Player alice = player("Alice");
        String[] answers = clientAnswers(alice, connect(alice), clientFp);
        AuthTokenDecision.SendServerAuthToken done =
            (AuthTokenDecision.SendServerAuthToken) authToken(alice, answers[0], answers[1], clientFp);
        byte[] challenge = done.passwordChallenge();
        assertThat(challenge).hasSize(32);

        PasswordDecision wrong = authenticator.onPasswordResponse(alice.uuid(), challenge,
            PasswordChallenges.responseFor(challenge, "wrong")).block();
        PasswordDecision.Rejected rejected = (PasswordDecision.Rejected) wrong;
        assertThat(rejected.attemptsRemaining()).isEqualTo(2);
        assertThat(authenticator.onPasswordResponse(alice.uuid(), rejected.newChallenge(),
            PasswordChallenges.responseFor(rejected.newChallenge(), "hunter2")).block())
            .isInstanceOf(PasswordDecision.Accepted.class);
    }

    @Test
    void serverIdentityRefreshesAndAcceptsExternalTokens() {
        ServerIdentity.ServerSession before = serverIdentity.current().orElseThrow();
        assertThat(before.expiresAt()).isEqualTo(start.plus(Duration.ofHours(1)));
        assertThat(before.toString()).doesNotContain(before.sessionToken());

        serviceClock.advance(Duration.ofMinutes(55));
        gatewayClock.advance(Duration.ofMinutes(55));
        ServerIdentity.ServerSession after = serverIdentity.refreshNow().block();
        assertThat(after.sessionToken()).isNotEqualTo(before.sessionToken());
        assertThat(after.expiresAt()).isEqualTo(start.plus(Duration.ofMinutes(115)));
        assertThat(after.uuid()).isEqualTo(before.uuid());
        Player alice = player("Alice");
        assertThat(connect(alice).serverIdentityToken()).isEqualTo(after.identityToken());

        // HYTALE_SERVER_SESSION_TOKEN / HYTALE_SERVER_IDENTITY_TOKEN: checked at start, then used as is.
        LocalHytaleSessionService.Account owner = service.createServerAccount("External");
        SessionServiceClient.GameSession external = playerHttp.createGameSession(owner.oauthAccessToken(), owner.uuid()).block();
        Map<String, String> env = Map.of("HYTALE_SERVER_SESSION_TOKEN", external.sessionToken(),
            "HYTALE_SERVER_IDENTITY_TOKEN", external.identityToken(), "HYTALE_SERVER_AUDIENCE", "fixed-audience");
        try (ServerIdentity fromEnv = new ServerIdentity(ServerIdentity.Config.from(k -> null, env::get), gatewayHttp,
            verifier, gatewayClock)) {
            ServerIdentity.ServerSession s = fromEnv.start().block();
            assertThat(s.name()).isEqualTo("External");
            assertThat(fromEnv.audience()).isEqualTo("fixed-audience");
        }

        // A player's identity token is not a server identity (scope hytale:server required).
        Map<String, String> wrong = Map.of("HYTALE_SERVER_SESSION_TOKEN", alice.session().sessionToken(),
            "HYTALE_SERVER_IDENTITY_TOKEN", alice.session().identityToken());
        try (ServerIdentity impostor = new ServerIdentity(ServerIdentity.Config.from(k -> null, wrong::get), gatewayHttp,
            verifier, gatewayClock)) {
            InvalidTokenException e = catchThrowableOfType(() -> impostor.start().block(), InvalidTokenException.class);
            assertThat(e.failure()).isEqualTo(TokenFailure.MISSING_SCOPE);
        }
    }

    @Test
    void sessionServiceDownGivesAClearDisconnectQuickly() {
        Player alice = player("Alice");
        connect(alice); // keys cached
        service.close();

        long t0 = System.nanoTime();
        assertThat(authenticator.onConnect(new ConnectRequest(alice.uuid(), "Alice", alice.session().identityToken(),
            ClientKind.GAME, clientFp)).block())
            .isEqualTo(new ConnectDecision.Refuse("Failed to obtain authorization grant from session service"));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    }
}
