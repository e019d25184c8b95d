package io.gatehouse.auth.fivem;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * {@code fx::TokenRateLimiter(rate, burst)}: a token bucket per key (here the session, which stands for its
 * connection token), starting full. Per auth instance.
 */
public final class TokenRateLimiter {

    private static final int MAX_KEYS = 100_000;

    private final double ratePerSecond;
    private final double burst;
    private final LongSupplier nanoTime;
    private record Bucket(double tokens, long at) {
    }

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public TokenRateLimiter(double ratePerSecond, double burst) {
        this(ratePerSecond, burst, System::nanoTime);
    }

    public TokenRateLimiter(double ratePerSecond, double burst, LongSupplier nanoTime) {
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        this.nanoTime = nanoTime;
    }

    /** Takes one token; false when the bucket is empty. */
    public boolean tryAcquire(String key) {
        if (buckets.size() > MAX_KEYS) {
            buckets.clear(); // bounded memory; a cleared bucket starts full, which only errs on the lenient side
        }
        long now = nanoTime.getAsLong();
        boolean[] ok = {false};
        buckets.compute(key, (k, b) -> {
            if (b == null) {
                b = new Bucket(burst, now);
            }
            double tokens = Math.min(burst, b.tokens() + (now - b.at()) / 1e9 * ratePerSecond);
            if (tokens >= 1.0) {
                tokens -= 1.0;
                ok[0] = true;
            }
            return new Bucket(tokens, now);
        });
        return ok[0];
    }
}
