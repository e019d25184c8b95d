package io.gatehouse.auth.hytale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.reactor.timelimiter.TimeLimiterOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Non-blocking client for the Hytale session service (hytale-protocol.md §7.2–§7.4) on Spring's {@link WebClient},
 * guarded by Resilience4j built here (no Spring context needed):
 * <ul>
 *   <li>a per-attempt timeout ({@link TimeLimiter}; the Netty response timeout backs it up);</li>
 *   <li>one circuit breaker for the whole service, counting only unavailability (timeouts, I/O, 5xx, bad bodies);
 *       a 4xx proves the service is up and counts as a success;</li>
 *   <li>retries only where repeating is harmless: the JWKS and profile reads; {@code /game-session/new|refresh}
 *       only when the connection could not even be made. The server-join calls are never retried: each one mints
 *       or consumes a single-use grant and the reference does not say repeating them is safe.</li>
 * </ul>
 * Every failure surfaces as {@link SessionServiceUnavailable} (typed reason) or {@link SessionServiceRejected} (4xx).
 * Bearer tokens, grants and tokens never appear in logs or exception messages. Request bodies are byte-identical
 * to the official server's (hytale-vectors.md §D5).
 */
public final class SessionServiceClient {

    public static final String DEFAULT_BASE_URL = "https://sessions.hytale.com";
    public static final String DEFAULT_ACCOUNT_DATA_URL = "https://account-data.hytale.com";

    private static final Pattern ERROR_CODE = Pattern.compile("[a-z_]{1,64}");

    private final Settings settings;
    private final WebClient web;
    private final CircuitBreaker breaker;
    private final TimeLimiter timeLimiter;
    private final Retry readRetry;
    private final Retry connectRetry;

    /** How a call may be repeated. */
    private enum RetryPolicy { NEVER, IF_NOT_CONNECTED, READ }

    public SessionServiceClient(Settings settings) {
        this(settings, WebClient.builder());
    }

    public SessionServiceClient(Settings settings, WebClient.Builder webClientBuilder) {
        this.settings = Objects.requireNonNull(settings);
        HttpClient http = HttpClient.create()
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis()))
            .responseTimeout(settings.callTimeout());
        this.web = webClientBuilder
            .clientConnector(new ReactorClientHttpConnector(http))
            .defaultHeader(HttpHeaders.USER_AGENT, settings.userAgent())
            .defaultHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
            .build();
        this.breaker = CircuitBreaker.of(settings.name(), CircuitBreakerConfig.custom()
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .slidingWindowSize(settings.breakerWindow())
            .minimumNumberOfCalls(settings.breakerMinimumCalls())
            .failureRateThreshold(settings.breakerFailureRatePercent())
            .waitDurationInOpenState(settings.breakerOpenDuration())
            .permittedNumberOfCallsInHalfOpenState(1)
            .recordException(e -> e instanceof SessionServiceUnavailable)
            .build());
        this.timeLimiter = TimeLimiter.of(settings.name(), TimeLimiterConfig.custom()
            .timeoutDuration(settings.callTimeout())
            .cancelRunningFuture(true)
            .build());
        Predicate<Throwable> retryableRead = e -> e instanceof SessionServiceUnavailable u
            && u.reason() != SessionServiceUnavailable.Reason.CIRCUIT_OPEN;
        Predicate<Throwable> notConnected = e -> e instanceof SessionServiceUnavailable u
            && u.reason() == SessionServiceUnavailable.Reason.UNREACHABLE;
        this.readRetry = Retry.of(settings.name() + "-read", RetryConfig.custom()
            .maxAttempts(settings.readAttempts())
            .waitDuration(settings.retryBackoff())
            .retryOnException(retryableRead)
            .build());
        this.connectRetry = Retry.of(settings.name() + "-connect", RetryConfig.custom()
            .maxAttempts(settings.readAttempts())
            .waitDuration(settings.retryBackoff())
            .retryOnException(notConnected)
            .build());
    }

    public Settings settings() {
        return settings;
    }

    /** The breaker guarding every call (expose it to Micrometer with {@code TaggedCircuitBreakerMetrics}). */
    public CircuitBreaker circuitBreaker() {
        return breaker;
    }

    public TimeLimiter timeLimiter() {
        return timeLimiter;
    }

    public List<Retry> retries() {
        return List.of(readRetry, connectRetry);
    }

    // ------------------------------------------------------------------------------------------------ API

    /** {@code GET /.well-known/jwks.json}: the raw JWKS document. Retried (idempotent read). */
    public Mono<String> fetchJwks() {
        return call("jwks", HttpMethod.GET, settings.baseUrl(), "/.well-known/jwks.json", null, null, RetryPolicy.READ);
    }

    /**
     * {@code POST /server-join/auth-grant {"identityToken","aud"}} with {@code Bearer sessionToken}: a grant that lets
     * the identity's owner obtain an access token for {@code audience}. The server calls it for a player's identity
     * token with its own audience; a client calls it for the server's identity token. Never retried.
     */
    public Mono<String> requestAuthGrant(String identityToken, String audience, String bearerSessionToken) {
        ObjectNode body = CompactJws.JSON.createObjectNode();
        body.put("identityToken", identityToken);
        body.put("aud", audience);
        return call("auth-grant", HttpMethod.POST, settings.baseUrl(), "/server-join/auth-grant", body,
            bearerSessionToken, RetryPolicy.NEVER)
            .map(json -> requiredText("auth-grant", json, "authorizationGrant"));
    }

    /**
     * {@code POST /server-join/auth-token {"authorizationGrant","x509Fingerprint"}} with {@code Bearer sessionToken}:
     * consumes a grant issued for the bearer's identity and returns an access token bound to the certificate
     * fingerprint. Never retried (the grant is single-use).
     */
    public Mono<String> exchangeAuthToken(String authorizationGrant, String x509Fingerprint, String bearerSessionToken) {
        ObjectNode body = CompactJws.JSON.createObjectNode();
        body.put("authorizationGrant", authorizationGrant);
        body.put("x509Fingerprint", x509Fingerprint);
        return call("auth-token", HttpMethod.POST, settings.baseUrl(), "/server-join/auth-token", body,
            bearerSessionToken, RetryPolicy.NEVER)
            .map(json -> requiredText("auth-token", json, "accessToken"));
    }

    /** {@code POST /game-session/new {"uuid"}} with the OAuth access token as bearer (§7.3 step 2). */
    public Mono<GameSession> createGameSession(String oauthAccessToken, UUID profileUuid) {
        ObjectNode body = CompactJws.JSON.createObjectNode();
        body.put("uuid", profileUuid.toString());
        return call("game-session-new", HttpMethod.POST, settings.baseUrl(), "/game-session/new", body,
            oauthAccessToken, RetryPolicy.IF_NOT_CONNECTED)
            .map(json -> gameSession("game-session-new", json));
    }

    /** {@code POST /game-session/refresh} with {@code Bearer sessionToken} and an empty body (§7.3 step 3). */
    public Mono<GameSession> refreshGameSession(String sessionToken) {
        return call("game-session-refresh", HttpMethod.POST, settings.baseUrl(), "/game-session/refresh", null,
            sessionToken, RetryPolicy.IF_NOT_CONNECTED)
            .map(json -> gameSession("game-session-refresh", json));
    }

    /** {@code DELETE /game-session} with {@code Bearer sessionToken} (§7.3 step 4). */
    public Mono<Void> deleteGameSession(String sessionToken) {
        return call("game-session-delete", HttpMethod.DELETE, settings.baseUrl(), "/game-session", null,
            sessionToken, RetryPolicy.NEVER)
            .then();
    }

    /** {@code GET <account-data>/my-account/get-profiles} with the OAuth access token (§7.3 step 1). Retried. */
    public Mono<List<Profile>> getProfiles(String oauthAccessToken) {
        return call("get-profiles", HttpMethod.GET, settings.accountDataUrl(), "/my-account/get-profiles", null,
            oauthAccessToken, RetryPolicy.READ)
            .map(body -> {
                JsonNode profiles = parse("get-profiles", body).path("profiles");
                if (!profiles.isArray()) {
                    throw badResponse("get-profiles");
                }
                List<Profile> out = new ArrayList<>();
                for (JsonNode p : profiles) {
                    try {
                        out.add(new Profile(UUID.fromString(p.path("uuid").asText("")), p.path("username").asText("")));
                    } catch (IllegalArgumentException e) {
                        throw badResponse("get-profiles");
                    }
                }
                return out;
            });
    }

    // ------------------------------------------------------------------------------------------------ plumbing

    private Mono<String> call(String op, HttpMethod method, URI base, String path, ObjectNode body, String bearer,
                              RetryPolicy retryPolicy) {
        Mono<String> attempt = Mono.defer(() -> {
                WebClient.RequestBodySpec spec = web.method(method).uri(join(base, path));
                if (bearer != null) {
                    spec.header(HttpHeaders.AUTHORIZATION, "Bearer " + bearer);
                }
                WebClient.RequestHeadersSpec<?> ready = spec;
                if (body != null) {
                    ready = spec.contentType(MediaType.APPLICATION_JSON).bodyValue(toBytes(body));
                }
                return ready.exchangeToMono(response -> response.bodyToMono(String.class)
                    .defaultIfEmpty("")
                    .map(text -> interpret(op, response.statusCode().value(), text)));
            })
            .onErrorMap(e -> !(e instanceof SessionServiceException), e -> classify(op, e))
            .transformDeferred(TimeLimiterOperator.of(timeLimiter))
            .onErrorMap(TimeoutException.class,
                e -> new SessionServiceUnavailable(op, SessionServiceUnavailable.Reason.TIMEOUT, null))
            .transformDeferred(CircuitBreakerOperator.of(breaker))
            .onErrorMap(CallNotPermittedException.class,
                e -> new SessionServiceUnavailable(op, SessionServiceUnavailable.Reason.CIRCUIT_OPEN, null));
        switch (retryPolicy) {
            case READ:
                return attempt.transformDeferred(RetryOperator.of(readRetry));
            case IF_NOT_CONNECTED:
                return attempt.transformDeferred(RetryOperator.of(connectRetry));
            default:
                return attempt;
        }
    }

    private static URI join(URI base, String path) {
        String b = base.toString();
        return URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) + path : b + path);
    }

    private static String interpret(String op, int status, String body) {
        if (status >= 200 && status < 300) {
            return body;
        }
        if (status >= 400 && status < 500) {
            throw new SessionServiceRejected(op, status, errorCode(body));
        }
        throw new SessionServiceUnavailable(op, SessionServiceUnavailable.Reason.SERVER_ERROR, null);
    }

    private static SessionServiceException classify(String op, Throwable e) {
        Throwable root = e instanceof WebClientRequestException && e.getCause() != null ? e.getCause() : e;
        if (root instanceof ConnectException || root instanceof ConnectTimeoutException
            || root instanceof UnknownHostException || root instanceof UnresolvedAddressException) {
            return new SessionServiceUnavailable(op, SessionServiceUnavailable.Reason.UNREACHABLE, null);
        }
        if (root instanceof TimeoutException || root instanceof io.netty.handler.timeout.TimeoutException) {
            return new SessionServiceUnavailable(op, SessionServiceUnavailable.Reason.TIMEOUT, null);
        }
        if (e instanceof WebClientRequestException || root instanceof IOException) {
            return new SessionServiceUnavailable(op, SessionServiceUnavailable.Reason.IO_ERROR, null);
        }
        return new SessionServiceUnavailable(op, SessionServiceUnavailable.Reason.BAD_RESPONSE, null);
    }

    private static String errorCode(String body) {
        try {
            JsonNode node = CompactJws.JSON.readTree(body);
            String code = node == null ? null : node.path("error").asText(null);
            return code != null && ERROR_CODE.matcher(code).matches() ? code : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static byte[] toBytes(ObjectNode body) {
        try {
            return CompactJws.JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String op, String body) {
        try {
            JsonNode node = CompactJws.JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw badResponse(op);
            }
            return node;
        } catch (IOException e) {
            throw badResponse(op);
        }
    }

    private static String requiredText(String op, String body, String field) {
        JsonNode value = parse(op, body).get(field);
        if (value == null || !value.isTextual() || value.textValue().isEmpty()) {
            throw badResponse(op);
        }
        return value.textValue();
    }

    private static GameSession gameSession(String op, String body) {
        JsonNode json = parse(op, body);
        String sessionToken = json.path("sessionToken").asText("");
        String identityToken = json.path("identityToken").asText("");
        if (sessionToken.isEmpty() || identityToken.isEmpty()) {
            throw badResponse(op);
        }
        Instant expiresAt = null;
        if (json.hasNonNull("expiresAt")) {
            try {
                expiresAt = Instant.parse(json.get("expiresAt").asText());
            } catch (DateTimeParseException e) {
                throw badResponse(op);
            }
        }
        return new GameSession(sessionToken, identityToken, expiresAt);
    }

    private static SessionServiceUnavailable badResponse(String op) {
        return new SessionServiceUnavailable(op, SessionServiceUnavailable.Reason.BAD_RESPONSE, null);
    }

    // ------------------------------------------------------------------------------------------------ types

    /** A game session: bearer for the server-join calls, and the identity token shown to peers. */
    public record GameSession(String sessionToken, String identityToken, Instant expiresAt) {
        public GameSession {
            Objects.requireNonNull(sessionToken);
            Objects.requireNonNull(identityToken);
        }

        @Override
        public String toString() {
            return "GameSession[expiresAt=" + expiresAt + "]";
        }
    }

    public record Profile(UUID uuid, String username) {
    }

    /**
     * Connection and resilience settings. Defaults: 10 s per call (the official server allows 30 s per HTTP call, but
     * the gateway's AuthServerExchange stage is only 15 s), 5 s connect, breaker over the last 10 calls opening at
     * 50 % failures once 5 calls were seen, open for 30 s; reads tried twice, 200 ms apart (so a JWKS fetch
     * stays within the 30 s AuthTimeout even when both attempts time out).
     */
    public record Settings(URI baseUrl, URI accountDataUrl, Duration callTimeout, Duration connectTimeout,
                           int breakerWindow, int breakerMinimumCalls, float breakerFailureRatePercent,
                           Duration breakerOpenDuration, int readAttempts, Duration retryBackoff,
                           String userAgent, String name) {

        public Settings {
            Objects.requireNonNull(baseUrl);
            Objects.requireNonNull(accountDataUrl);
            requirePositive(callTimeout);
            requirePositive(connectTimeout);
            requirePositive(breakerOpenDuration);
            Objects.requireNonNull(retryBackoff);
            if (breakerWindow < 1 || breakerMinimumCalls < 1 || readAttempts < 1
                || breakerFailureRatePercent <= 0 || breakerFailureRatePercent > 100) {
                throw new IllegalArgumentException("invalid session service client settings");
            }
            Objects.requireNonNull(userAgent);
            Objects.requireNonNull(name);
        }

        public static Settings defaults() {
            return defaults(DEFAULT_BASE_URL);
        }

        /** Defaults against {@code baseUrl}; the account-data URL is the same host (what the local service serves). */
        public static Settings defaults(String baseUrl) {
            URI base = URI.create(baseUrl);
            URI accountData = DEFAULT_BASE_URL.equals(baseUrl) ? URI.create(DEFAULT_ACCOUNT_DATA_URL) : base;
            return new Settings(base, accountData, Duration.ofSeconds(10), Duration.ofSeconds(5), 10, 5, 50f,
                Duration.ofSeconds(30), 2, Duration.ofMillis(200), "Gatehouse", "hytale-session-service");
        }

        public Settings withAccountDataUrl(String url) {
            return new Settings(baseUrl, URI.create(url), callTimeout, connectTimeout, breakerWindow,
                breakerMinimumCalls, breakerFailureRatePercent, breakerOpenDuration, readAttempts, retryBackoff,
                userAgent, name);
        }

        public Settings withTimeouts(Duration call, Duration connect) {
            return new Settings(baseUrl, accountDataUrl, call, connect, breakerWindow, breakerMinimumCalls,
                breakerFailureRatePercent, breakerOpenDuration, readAttempts, retryBackoff, userAgent, name);
        }

        public Settings withBreaker(int window, int minimumCalls, float failureRatePercent, Duration openDuration) {
            return new Settings(baseUrl, accountDataUrl, callTimeout, connectTimeout, window, minimumCalls,
                failureRatePercent, openDuration, readAttempts, retryBackoff, userAgent, name);
        }

        public Settings withRetries(int attempts, Duration backoff) {
            return new Settings(baseUrl, accountDataUrl, callTimeout, connectTimeout, breakerWindow,
                breakerMinimumCalls, breakerFailureRatePercent, breakerOpenDuration, attempts, backoff, userAgent, name);
        }

        public Settings withUserAgent(String agent) {
            return new Settings(baseUrl, accountDataUrl, callTimeout, connectTimeout, breakerWindow,
                breakerMinimumCalls, breakerFailureRatePercent, breakerOpenDuration, readAttempts, retryBackoff, agent, name);
        }

        private static void requirePositive(Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("durations must be positive");
            }
        }
    }
}
