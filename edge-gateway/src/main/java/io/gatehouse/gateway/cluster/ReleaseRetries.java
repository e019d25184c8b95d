package io.gatehouse.gateway.cluster;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Session releases that failed because the registry (or Redis behind it) was unreachable, retried with backoff until
 * one lands. A player who left during an outage would otherwise keep a session, a net ID and a slot in the registry
 * until the orphan grace expires (10 min by default); retried, they are freed within one backoff step of the store's
 * return. Releases are fenced by the session's token and holder (gateway + peer), so a late retry never removes a
 * session that moved on or a newer login of the same player.
 *
 * <p>Bounded: beyond {@code capacity} pending releases a new one is not queued (the registry's orphan expiry still
 * reclaims it). An entry is abandoned after {@code giveUpAfter}, by when the registry has reaped it anyway.
 */
public final class ReleaseRetries {

    private static final Logger log = LoggerFactory.getLogger(ReleaseRetries.class);

    private final String name;
    private final ScheduledExecutorService scheduler;
    private final int capacity;
    private final Duration firstDelay;
    private final Duration maxDelay;
    private final Duration giveUpAfter;
    private final Map<String, Boolean> pending = new ConcurrentHashMap<>();

    public ReleaseRetries(String name, ScheduledExecutorService scheduler, int capacity, Duration firstDelay,
                          Duration maxDelay, Duration giveUpAfter) {
        this.name = name;
        this.scheduler = scheduler;
        this.capacity = capacity;
        this.firstDelay = firstDelay;
        this.maxDelay = maxDelay;
        this.giveUpAfter = giveUpAfter;
    }

    /** Defaults: 10 000 entries, 1 s doubling to 15 s, given up after 15 min. */
    public static ReleaseRetries withDefaults(String name, ScheduledExecutorService scheduler) {
        return new ReleaseRetries(name, scheduler, 10_000, Duration.ofSeconds(1), Duration.ofSeconds(15),
                Duration.ofMinutes(15));
    }

    /**
     * Retries {@code release} (which must be idempotent and fenced) until its future completes normally.
     * {@code id} names one session incarnation (e.g. key + peer id); a second submit with the same id is ignored.
     */
    public boolean submit(String id, Supplier<CompletableFuture<?>> release) {
        if (pending.size() >= capacity) {
            log.warn("{}: {} releases already waiting for the registry; {} is left to the registry's expiry", name,
                    pending.size(), id);
            return false;
        }
        if (pending.putIfAbsent(id, Boolean.TRUE) != null) {
            return false;
        }
        schedule(id, release, firstDelay, System.nanoTime() + giveUpAfter.toNanos());
        return true;
    }

    public int size() {
        return pending.size();
    }

    private void schedule(String id, Supplier<CompletableFuture<?>> release, Duration delay, long giveUpAt) {
        try {
            scheduler.schedule(() -> attempt(id, release, delay, giveUpAt), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            pending.remove(id);
        }
    }

    private void attempt(String id, Supplier<CompletableFuture<?>> release, Duration delay, long giveUpAt) {
        CompletableFuture<?> call;
        try {
            call = release.get();
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        call.whenComplete((ignored, failure) -> {
            if (failure == null) {
                pending.remove(id);
                log.debug("{}: released {} after a retry", name, id);
            } else if (System.nanoTime() - giveUpAt >= 0) {
                pending.remove(id);
                log.warn("{}: gave up releasing {} ({}); the registry's expiry reclaims it", name, id,
                        failure.toString());
            } else {
                Duration next = delay.multipliedBy(2);
                schedule(id, release, next.compareTo(maxDelay) > 0 ? maxDelay : next, giveUpAt);
            }
        });
    }
}
