package io.gatehouse.gateway.fivem.udp;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * FXServer's per-address token bucket for an out-of-band handler ({@code rateLimiter_<name>_rate/_burst}): a full
 * bucket of {@code burst} tokens refilling at {@code rate} per second, one token per request. Confined to the ENet
 * event loop (no locking). At most {@code maxSources} addresses are tracked, least recently seen evicted first
 * (FXServer: an LRU of 4000), so spoofed sources cannot grow memory.
 */
final class SourceRateLimiter {

    private final double rate;
    private final double burst;
    private final Map<InetAddress, double[]> buckets;

    SourceRateLimiter(double rate, double burst, int maxSources) {
        this.rate = rate;
        this.burst = burst;
        this.buckets = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<InetAddress, double[]> eldest) {
                return size() > maxSources;
            }
        };
    }

    /** Takes a token for {@code source}; false when its bucket is empty. */
    boolean tryConsume(InetAddress source, long nowNanos) {
        if (rate <= 0 || burst <= 0) {
            return true;
        }
        double[] bucket = buckets.get(source); // [tokens, refilledAtNanos]
        if (bucket == null) {
            bucket = new double[] {burst, nowNanos};
            buckets.put(source, bucket);
        } else {
            double elapsed = (nowNanos - (long) bucket[1]) / 1e9;
            bucket[0] = Math.min(burst, bucket[0] + elapsed * rate);
            bucket[1] = nowNanos;
        }
        if (bucket[0] < 1.0) {
            return false;
        }
        bucket[0] -= 1.0;
        return true;
    }

    int trackedSources() {
        return buckets.size();
    }
}
