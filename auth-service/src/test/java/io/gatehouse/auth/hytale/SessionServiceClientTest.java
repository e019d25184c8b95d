package io.gatehouse.auth.hytale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class SessionServiceClientTest {

    private StubSessionServer stub;

    @BeforeEach
    void start() throws Exception {
        stub = new StubSessionServer();
    }

    @AfterEach
    void stop() throws Exception {
        stub.close();
    }

    private SessionServiceClient client(String baseUrl) {
        return client(baseUrl, Duration.ofSeconds(3));
    }

    private SessionServiceClient client(String baseUrl, Duration callTimeout) {
        return new SessionServiceClient(SessionServiceClient.Settings.defaults(baseUrl)
            .withTimeouts(callTimeout, Duration.ofMillis(500))
            .withBreaker(4, 4, 50f, Duration.ofMillis(300))
            .withRetries(3, Duration.ofMillis(20))
            .withUserAgent("Gatehouse/test"));
    }

    @Test
    void sendsTheOfficialRequestShapes() {
        stub.body = "{\"authorizationGrant\":\"grant-1\",\"expiresAt\":\"2026-11-21T10:02:00Z\"}";
        SessionServiceClient client = client(stub.baseUrl());
        assertThat(client.requestAuthGrant("id.token.sig", "aud-1", "session-1").block()).isEqualTo("grant-1");

        StubSessionServer.Recorded grant = stub.requests.get(0);
        assertThat(grant.method()).isEqualTo("POST");
        assertThat(grant.path()).isEqualTo("/server-join/auth-grant");
        assertThat(grant.body()).isEqualTo("{\"identityToken\":\"id.token.sig\",\"aud\":\"aud-1\"}");
        assertThat(grant.headers().get("Authorization")).containsExactly("Bearer session-1");
        assertThat(grant.headers().get("Content-type").get(0)).startsWith("application/json");
        assertThat(grant.headers().get("User-agent")).containsExactly("Gatehouse/test");

        stub.body = "{\"accessToken\":\"access-1\"}";
        assertThat(client.exchangeAuthToken("grant-2", "y_u75B1a0kiL_trhUiMQe3Sp_9lXYO25j90NVEh5wU8", "session-1").block())
            .isEqualTo("access-1");
        assertThat(stub.requests.get(1).body()).isEqualTo(
            "{\"authorizationGrant\":\"grant-2\",\"x509Fingerprint\":\"y_u75B1a0kiL_trhUiMQe3Sp_9lXYO25j90NVEh5wU8\"}");

        UUID profile = UUID.fromString("0b7e9c3a-1f2d-4e5b-8a6c-7d8e9f0a1b2c");
        stub.body = "{\"sessionToken\":\"s\",\"identityToken\":\"i\",\"expiresAt\":\"2026-11-21T11:00:00Z\"}";
        SessionServiceClient.GameSession session = client.createGameSession("oauth-1", profile).block();
        assertThat(session.sessionToken()).isEqualTo("s");
        assertThat(session.toString()).isEqualTo("GameSession[expiresAt=2026-11-21T11:00:00Z]");
        assertThat(stub.requests.get(2).body()).isEqualTo("{\"uuid\":\"0b7e9c3a-1f2d-4e5b-8a6c-7d8e9f0a1b2c\"}");
        assertThat(stub.requests.get(2).headers().get("Authorization")).containsExactly("Bearer oauth-1");

        client.refreshGameSession("session-1").block();
        assertThat(stub.requests.get(3).path()).isEqualTo("/game-session/refresh");
        assertThat(stub.requests.get(3).body()).isEmpty();
    }

    @Test
    void closedPortIsUnavailableWithinTheTimeout() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        SessionServiceClient client = client("http://127.0.0.1:" + port);
        long start = System.nanoTime();
        SessionServiceUnavailable e = catchThrowableOfType(
            () -> client.exchangeAuthToken("g", "f", "s").block(), SessionServiceUnavailable.class);
        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo(SessionServiceUnavailable.Reason.UNREACHABLE);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(e.getMessage()).doesNotContain("Bearer");
    }

    @Test
    void slowServiceTimesOutWithinTheConfiguredTimeout() {
        stub.delayMillis = 5_000;
        stub.body = "{\"authorizationGrant\":\"late\"}";
        SessionServiceClient client = client(stub.baseUrl(), Duration.ofMillis(500));
        long start = System.nanoTime();
        SessionServiceUnavailable e = catchThrowableOfType(
            () -> client.requestAuthGrant("t", "a", "s").block(), SessionServiceUnavailable.class);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(e.reason()).isEqualTo(SessionServiceUnavailable.Reason.TIMEOUT);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(450)).isLessThan(Duration.ofMillis(2_500));
        assertThat(stub.hits("/server-join/auth-grant")).as("never retried").isEqualTo(1);
    }

    @Test
    void breakerOpensAfterFailuresAndRecovers() throws Exception {
        stub.status = 503;
        SessionServiceClient client = client(stub.baseUrl());
        for (int i = 0; i < 4; i++) {
            SessionServiceUnavailable e = catchThrowableOfType(
                () -> client.requestAuthGrant("t", "a", "s").block(), SessionServiceUnavailable.class);
            assertThat(e.reason()).isEqualTo(SessionServiceUnavailable.Reason.SERVER_ERROR);
        }
        assertThat(client.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);

        SessionServiceUnavailable open = catchThrowableOfType(
            () -> client.requestAuthGrant("t", "a", "s").block(), SessionServiceUnavailable.class);
        assertThat(open.reason()).isEqualTo(SessionServiceUnavailable.Reason.CIRCUIT_OPEN);
        assertThat(stub.hits("/server-join/auth-grant")).as("open breaker does not call").isEqualTo(4);

        stub.status = 200;
        stub.body = "{\"authorizationGrant\":\"back\"}";
        Thread.sleep(350);
        assertThat(client.requestAuthGrant("t", "a", "s").block()).isEqualTo("back");
        assertThat(client.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void clientErrorsAreRejectionsThatDoNotTripTheBreaker() {
        stub.status = 400;
        stub.body = "{\"error\":\"invalid_grant\",\"error_description\":\"used\"}";
        SessionServiceClient client = client(stub.baseUrl());
        for (int i = 0; i < 6; i++) {
            SessionServiceRejected e = catchThrowableOfType(
                () -> client.exchangeAuthToken("g", "f", "s").block(), SessionServiceRejected.class);
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.error()).isEqualTo("invalid_grant");
        }
        assertThat(client.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(stub.hits("/server-join/auth-token")).isEqualTo(6);
    }

    @Test
    void onlyReadsAreRetried() {
        stub.status = 502;
        SessionServiceClient client = client(stub.baseUrl());
        catchThrowableOfType(() -> client.exchangeAuthToken("g", "f", "s").block(), SessionServiceUnavailable.class);
        assertThat(stub.hits("/server-join/auth-token")).isEqualTo(1);

        SessionServiceClient fresh = client(stub.baseUrl());
        catchThrowableOfType(() -> fresh.fetchJwks().block(), SessionServiceUnavailable.class);
        assertThat(stub.hits("/.well-known/jwks.json")).isEqualTo(3);

        SessionServiceClient third = client(stub.baseUrl());
        catchThrowableOfType(() -> third.refreshGameSession("s").block(), SessionServiceUnavailable.class);
        assertThat(stub.hits("/game-session/refresh")).as("reached the service: not repeated").isEqualTo(1);
    }

    @Test
    void malformedSuccessIsABadResponse() {
        stub.body = "<html>maintenance</html>";
        SessionServiceUnavailable e = catchThrowableOfType(
            () -> client(stub.baseUrl()).requestAuthGrant("t", "a", "s").block(), SessionServiceUnavailable.class);
        assertThat(e.reason()).isEqualTo(SessionServiceUnavailable.Reason.BAD_RESPONSE);
        stub.body = "{\"authorizationGrant\":42}";
        e = catchThrowableOfType(
            () -> client(stub.baseUrl()).requestAuthGrant("t", "a", "s").block(), SessionServiceUnavailable.class);
        assertThat(e.reason()).isEqualTo(SessionServiceUnavailable.Reason.BAD_RESPONSE);
    }
}
