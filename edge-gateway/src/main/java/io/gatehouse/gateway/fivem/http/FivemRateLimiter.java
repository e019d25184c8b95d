package io.gatehouse.gateway.fivem.http;

import io.gatehouse.gateway.fivem.config.FivemProperties;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * In-memory token buckets per source, one set per FXServer limiter name ({@code http_info}, {@code http_players}, ...),
 * with FXServer's cooldown ({@code KeyedRateLimiter<..., Cooldown=true>}): a denied request draws on a second bucket
 * of 1.5x rate and burst; when that is empty too, the source is in cooldown for 15 s, during which FXServer closes
 * the socket instead of answering 429.
 *
 * <p>Per process by design: every gateway limits what it serves. Idle buckets are swept periodically and the number
 * of tracked sources is capped (FXServer keeps an LRU of 4000); past the cap a new source is not tracked, i.e. allowed.
 */
public class FivemRateLimiter implements RateLimiter<FivemProperties.RateLimit>, AutoCloseable {

    /** What a request gets from a limiter. */
    public enum Decision { ALLOWED, LIMITED, COOLDOWN }

    /** The limiter's time source in nanoseconds ({@link System#nanoTime()} in production; tests control it). */
    @FunctionalInterface
    public interface Ticker {
        long nanoTime();
    }

    static final long COOLDOWN_NANOS = TimeUnit.SECONDS.toNanos(15);
    private static final double COOLDOWN_FACTOR = 1.5;

    private final FivemProperties.RateLimiters settings;
    private final int maxSources;
    private final LongSupplier nanoClock;
    private final Map<String, Map<String, Source>> limiters = new ConcurrentHashMap<>();
    private final Disposable sweeper;

    public FivemRateLimiter(FivemProperties.RateLimiters settings) {
        this(settings, System::nanoTime);
    }

    public FivemRateLimiter(FivemProperties.RateLimiters settings, Ticker ticker) {
        this(settings, 100_000, ticker::nanoTime, true);
    }

    FivemRateLimiter(FivemProperties.RateLimiters settings, int maxSources, LongSupplier nanoClock, boolean sweep) {
        this.settings = settings;
        this.maxSources = maxSources;
        this.nanoClock = nanoClock;
        this.sweeper = sweep
                ? Schedulers.parallel().schedulePeriodically(this::sweep, 10, 10, TimeUnit.SECONDS)
                : null;
    }

    /** Takes one token for {@code key} (a source address) from the limiter named {@code limiter}. */
    public Decision consume(String limiter, String key) {
        FivemProperties.RateLimit limit = settings.byName(limiter);
        if (limit == null || limit.getRate() <= 0 || limit.getBurst() <= 0) {
            return Decision.ALLOWED;
        }
        Map<String, Source> sources = limiters.computeIfAbsent(limiter, name -> new ConcurrentHashMap<>());
        Source source = sources.get(key);
        if (source == null) {
            if (sources.size() >= maxSources) {
                sweep();
                if (sources.size() >= maxSources) {
                    return Decision.ALLOWED; // fail open: a full table must not lock players out
                }
            }
            source = sources.computeIfAbsent(key, k -> new Source(limit, nanoClock.getAsLong()));
        }
        return source.consume(limit, nanoClock.getAsLong());
    }

    /** Spring Cloud Gateway's view: {@code routeId} is the limiter name, {@code id} the source. */
    @Override
    public Mono<Response> isAllowed(String routeId, String id) {
        return Mono.just(new Response(consume(routeId, id) == Decision.ALLOWED, Map.of()));
    }

    @Override
    public Map<String, FivemProperties.RateLimit> getConfig() {
        return Map.of("http_info", settings.getHttpInfo(), "http_players", settings.getHttpPlayers(),
                "getinfo", settings.getGetinfo(), "getstatus", settings.getGetstatus(), "rcon", settings.getRcon());
    }

    @Override
    public Class<FivemProperties.RateLimit> getConfigClass() {
        return FivemProperties.RateLimit.class;
    }

    @Override
    public FivemProperties.RateLimit newConfig() {
        return new FivemProperties.RateLimit();
    }

    /** Forgets sources whose buckets have refilled and who are not in cooldown. */
    void sweep() {
        long now = nanoClock.getAsLong();
        limiters.forEach((name, sources) -> {
            FivemProperties.RateLimit limit = settings.byName(name);
            sources.values().removeIf(source -> source.idle(limit, now));
        });
    }

    int trackedSources(String limiter) {
        Map<String, Source> sources = limiters.get(limiter);
        return sources == null ? 0 : sources.size();
    }

    @Override
    public void close() {
        if (sweeper != null) {
            sweeper.dispose();
        }
    }

    /** The buckets of one source; synchronized on itself (contention is per source only). */
    private static final class Source {

        private double tokens;
        private double cooldownTokens;
        private long refilledAt;
        private long cooldownUntil;
        private boolean inCooldown;

        Source(FivemProperties.RateLimit limit, long now) {
            tokens = limit.getBurst();
            cooldownTokens = limit.getBurst() * COOLDOWN_FACTOR;
            refilledAt = now;
        }

        synchronized Decision consume(FivemProperties.RateLimit limit, long now) {
            if (inCooldown) {
                if (now - cooldownUntil <= 0) {
                    return Decision.COOLDOWN;
                }
                inCooldown = false;
            }
            refill(limit, now);
            if (tokens >= 1.0) {
                tokens -= 1.0;
                return Decision.ALLOWED;
            }
            if (cooldownTokens >= 1.0) {
                cooldownTokens -= 1.0;
            } else {
                inCooldown = true;
                cooldownUntil = now + COOLDOWN_NANOS;
            }
            return Decision.LIMITED;
        }

        synchronized boolean idle(FivemProperties.RateLimit limit, long now) {
            if (inCooldown && now - cooldownUntil <= 0) {
                return false;
            }
            refill(limit, now);
            return tokens >= limit.getBurst() && cooldownTokens >= limit.getBurst() * COOLDOWN_FACTOR;
        }

        private void refill(FivemProperties.RateLimit limit, long now) {
            double seconds = (now - refilledAt) / 1e9;
            if (seconds > 0) {
                tokens = Math.min(limit.getBurst(), tokens + seconds * limit.getRate());
                cooldownTokens = Math.min(limit.getBurst() * COOLDOWN_FACTOR,
                        cooldownTokens + seconds * limit.getRate() * COOLDOWN_FACTOR);
                refilledAt = now;
            }
        }
    }
}
