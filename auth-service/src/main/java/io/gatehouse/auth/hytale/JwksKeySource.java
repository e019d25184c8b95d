package io.gatehouse.auth.hytale;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The session service's Ed25519 signing keys by {@code kid} (hytale-protocol.md §7.4: OKP keys of
 * {@code /.well-known/jwks.json}, others ignored, kept until a refresh replaces them).
 *
 * <p>A kid that is not cached triggers a refresh, but <b>at most one fetch per {@code minRefreshInterval}</b>
 * (5 minutes) after a successful one, and one per {@code retryAfterFailure} (30 s) while fetches fail, so
 * tokens with made-up kids cannot cause a fetch storm. Concurrent lookups share one in-flight fetch. Nothing
 * blocks: lookups of cached keys complete immediately, others when the fetch completes.
 *
 * <p>A refresh only replaces the key set when the new document holds at least one usable key.
 */
public final class JwksKeySource {

    public static final Duration DEFAULT_MIN_REFRESH_INTERVAL = Duration.ofMinutes(5);
    public static final Duration DEFAULT_RETRY_AFTER_FAILURE = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(JwksKeySource.class);

    private final Supplier<Mono<String>> fetcher;
    private final Clock clock;
    private final Duration minRefreshInterval;
    private final Duration retryAfterFailure;
    private final AtomicInteger fetches = new AtomicInteger();

    private volatile Map<String, PublicKey> keys = Map.of();
    private final Object lock = new Object();
    /** Guarded by lock. */
    private Instant nextFetchAllowed = Instant.MIN;
    /** Guarded by lock. */
    private CompletableFuture<Map<String, PublicKey>> inFlight;

    public JwksKeySource(SessionServiceClient client, Clock clock) {
        this(client::fetchJwks, clock, DEFAULT_MIN_REFRESH_INTERVAL, DEFAULT_RETRY_AFTER_FAILURE);
    }

    /**
     * @param fetcher            produces the JWKS document (normally {@link SessionServiceClient#fetchJwks()})
     * @param minRefreshInterval least time between a successful fetch and the next one
     * @param retryAfterFailure  least time between a failed fetch and the next one
     */
    public JwksKeySource(Supplier<Mono<String>> fetcher, Clock clock, Duration minRefreshInterval,
                         Duration retryAfterFailure) {
        this.fetcher = Objects.requireNonNull(fetcher);
        this.clock = Objects.requireNonNull(clock);
        this.minRefreshInterval = Objects.requireNonNull(minRefreshInterval);
        this.retryAfterFailure = Objects.requireNonNull(retryAfterFailure);
    }

    /**
     * The key for {@code kid}: immediately when cached; otherwise after a refresh if one is allowed now.
     * Empty when the kid stays unknown. Errors with {@link SessionServiceException} only when the refresh this
     * lookup waited for failed (the keys could not be obtained, which is not the token's fault).
     */
    public Mono<PublicKey> key(String kid) {
        if (kid == null) {
            return Mono.empty();
        }
        PublicKey cached = keys.get(kid);
        if (cached != null) {
            return Mono.just(cached);
        }
        return Mono.defer(() -> {
            PublicKey now = keys.get(kid);
            if (now != null) {
                return Mono.just(now);
            }
            CompletableFuture<Map<String, PublicKey>> refresh = refreshIfAllowed();
            if (refresh == null) {
                return Mono.empty();
            }
            return Mono.fromFuture(refresh, true).flatMap(map -> Mono.justOrEmpty(map.get(kid)));
        });
    }

    /** Loads the keys now if no fetch happened recently (e.g. at boot); completes when that fetch completes. */
    public Mono<Void> preload() {
        return Mono.defer(() -> {
            CompletableFuture<Map<String, PublicKey>> refresh = refreshIfAllowed();
            return refresh == null ? Mono.<Void>empty() : Mono.fromFuture(refresh, true).then();
        });
    }

    public Set<String> knownKids() {
        return keys.keySet();
    }

    /** How many fetches were started (for tests and metrics). */
    public int fetchCount() {
        return fetches.get();
    }

    private CompletableFuture<Map<String, PublicKey>> refreshIfAllowed() {
        CompletableFuture<Map<String, PublicKey>> future;
        synchronized (lock) {
            if (inFlight != null) {
                return inFlight;
            }
            Instant now = clock.instant();
            if (now.isBefore(nextFetchAllowed)) {
                return null;
            }
            // Provisional: a failure keeps this; a success pushes it to minRefreshInterval.
            nextFetchAllowed = now.plus(retryAfterFailure);
            future = new CompletableFuture<>();
            inFlight = future;
        }
        fetches.incrementAndGet();
        Mono<String> document;
        try {
            document = fetcher.get();
        } catch (RuntimeException e) {
            document = Mono.error(e);
        }
        document.map(JwksKeySource::parse).subscribe(
            parsed -> {
                keys = parsed;
                synchronized (lock) {
                    nextFetchAllowed = clock.instant().plus(minRefreshInterval);
                    inFlight = null;
                }
                log.debug("JWKS loaded: {} key(s)", parsed.size());
                future.complete(parsed);
            },
            error -> {
                synchronized (lock) {
                    inFlight = null;
                }
                log.warn("JWKS fetch failed: {}", error.getMessage());
                future.completeExceptionally(error instanceof SessionServiceException
                    ? error
                    : new SessionServiceUnavailable("jwks", SessionServiceUnavailable.Reason.BAD_RESPONSE, null));
            },
            () -> {
                if (!future.isDone()) {
                    synchronized (lock) {
                        inFlight = null;
                    }
                    future.completeExceptionally(
                        new SessionServiceUnavailable("jwks", SessionServiceUnavailable.Reason.BAD_RESPONSE, null));
                }
            });
        return future;
    }

    /** Parses a JWKS document; throws when it holds no usable Ed25519 key. */
    static Map<String, PublicKey> parse(String document) {
        JsonNode root;
        try {
            root = CompactJws.JSON.readTree(document);
        } catch (IOException e) {
            throw new IllegalArgumentException("JWKS is not JSON");
        }
        JsonNode list = root == null ? null : root.get("keys");
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException("JWKS has no keys array");
        }
        Map<String, PublicKey> out = new HashMap<>();
        for (JsonNode jwk : list) {
            if (!"OKP".equals(jwk.path("kty").asText()) || !"Ed25519".equals(jwk.path("crv").asText())) {
                continue;
            }
            String kid = jwk.path("kid").asText("");
            String x = jwk.path("x").asText("");
            if (kid.isEmpty() || !CompactJws.isBase64Url(x)) {
                continue;
            }
            try {
                out.putIfAbsent(kid, CompactJws.ed25519PublicKey(Base64.getUrlDecoder().decode(x)));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                // skip an unusable key, keep the others
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("JWKS has no usable Ed25519 key");
        }
        return Map.copyOf(out);
    }
}
