package io.gatehouse.registry.config;

import io.gatehouse.registry.core.Game;
import io.gatehouse.registry.core.Session;
import io.gatehouse.registry.core.SessionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Periodically reclaims dead sessions (crashed gateways' players, abandoned initConnects) with their net IDs and
 * slots. Runs are never stacked: a slow store skips ticks instead of piling up calls.
 *
 * <p><b>Reaping needs proof that gateways could heartbeat.</b> A bound session is reaped only when its gateway has not
 * heartbeated for the gateway TTL; during a store outage no gateway can heartbeat, so every gateway looks dead once
 * the store is back. This reaper therefore reaps only after the store has been <em>continuously</em> reachable from
 * it for {@code graceAfterOutage} (at least the gateway TTL plus the gateways' heartbeat interval): by then every live
 * gateway has had a full heartbeat interval to vouch for its players again. The same grace applies when this reaper
 * starts (it cannot know how long the store was away before). While in grace each tick is a cheap probe, so every
 * registry instance notices an outage by itself (its own failed call restarts the grace), not only the instance whose
 * reaping happened to fail.
 */
public final class SessionReaper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SessionReaper.class);
    private static final long UNREACHABLE = Long.MIN_VALUE;

    private final SessionStore store;
    private final Duration interval;
    private final Duration graceAfterOutage;
    private final LongSupplier nanoTime;
    /** {@link System#nanoTime()} since when every call of this reaper succeeded; {@link #UNREACHABLE} after a failure. */
    private volatile long reachableSinceNanos = UNREACHABLE;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private ScheduledExecutorService scheduler;

    public SessionReaper(SessionStore store, Duration interval) {
        this(store, interval, Duration.ZERO);
    }

    public SessionReaper(SessionStore store, Duration interval, Duration graceAfterOutage) {
        this(store, interval, graceAfterOutage, System::nanoTime);
    }

    SessionReaper(SessionStore store, Duration interval, Duration graceAfterOutage, LongSupplier nanoTime) {
        this.store = store;
        this.interval = interval;
        this.graceAfterOutage = graceAfterOutage;
        this.nanoTime = nanoTime;
    }

    @Override
    public void start() {
        if (running.compareAndSet(false, true)) {
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "session-reaper");
                thread.setDaemon(true);
                return thread;
            });
            scheduler.scheduleWithFixedDelay(this::reapOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** One tick: a probe while the store has not been reachable for the whole grace, else a reaping run. */
    CompletableFuture<?> reapOnce() {
        if (!inFlight.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(null);
        }
        long started = nanoTime.getAsLong();
        boolean reap = mayReap(started);
        CompletableFuture<?> call;
        try {
            call = reap ? store.reapExpired() : store.counts(Game.FIVEM);
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        return call.whenComplete((result, error) -> {
            inFlight.set(false);
            if (error != null) {
                if (reachableSinceNanos != UNREACHABLE) {
                    log.warn("session store unreachable ({}): no reaping until it has been reachable for {}",
                            error.getClass().getName(), graceAfterOutage);
                }
                reachableSinceNanos = UNREACHABLE;
                return;
            }
            if (reachableSinceNanos == UNREACHABLE) {
                // reachable from now on (the call proves no earlier moment): the grace counts from here
                reachableSinceNanos = nanoTime.getAsLong();
            }
            if (reap && result instanceof List<?> reaped && !reaped.isEmpty()) {
                @SuppressWarnings("unchecked")
                List<Session> sessions = (List<Session>) reaped;
                log.info("reaped {} dead session(s): {}", sessions.size(), keys(sessions));
            }
        });
    }

    /** Whether the store has been reachable from this reaper, without a failed call, for the whole grace. */
    boolean mayReap(long nowNanos) {
        long since = reachableSinceNanos;
        return since != UNREACHABLE && nowNanos - since >= graceAfterOutage.toNanos();
    }

    private static List<String> keys(List<Session> sessions) {
        return sessions.stream().limit(20).map(s -> s.key().qualified()).toList();
    }

    @Override
    public void stop() {
        if (running.compareAndSet(true, false)) {
            scheduler.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running.get();
    }
}
