package io.gatehouse.registry.config;

import io.gatehouse.registry.core.Session;
import io.gatehouse.registry.core.SessionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Periodically reclaims dead sessions (crashed gateways' players, abandoned initConnects) with their net IDs and
 * slots. Runs are never stacked: a slow store skips ticks instead of piling up calls.
 *
 * <p>After the store was unreachable (and when this registry starts) reaping waits {@code recoveryHold}: during an
 * outage no gateway could heartbeat, so every gateway looks dead until its next heartbeat lands. Reaping at once would
 * reclaim sessions of live gateways; the hold (the gateway TTL) gives each of them a heartbeat first.
 */
public final class SessionReaper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SessionReaper.class);

    private final SessionStore store;
    private final Duration interval;
    private final Duration recoveryHold;
    private volatile long holdUntilNanos;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private ScheduledExecutorService scheduler;

    public SessionReaper(SessionStore store, Duration interval) {
        this(store, interval, Duration.ZERO);
    }

    public SessionReaper(SessionStore store, Duration interval, Duration recoveryHold) {
        this.store = store;
        this.interval = interval;
        this.recoveryHold = recoveryHold;
    }

    @Override
    public void start() {
        if (running.compareAndSet(false, true)) {
            holdUntilNanos = System.nanoTime() + recoveryHold.toNanos();
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "session-reaper");
                thread.setDaemon(true);
                return thread;
            });
            scheduler.scheduleWithFixedDelay(this::reapOnce, interval.toMillis(), interval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    void reapOnce() {
        if (System.nanoTime() - holdUntilNanos < 0 || !inFlight.compareAndSet(false, true)) {
            return;
        }
        store.reapExpired().whenComplete((reaped, error) -> {
            inFlight.set(false);
            if (error != null) {
                holdUntilNanos = System.nanoTime() + recoveryHold.toNanos();
                log.warn("reaping dead sessions failed: {}", error.getClass().getName());
            } else if (!reaped.isEmpty()) {
                log.info("reaped {} dead session(s): {}", reaped.size(), keys(reaped));
            }
        });
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
