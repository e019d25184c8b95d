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
 */
public final class SessionReaper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SessionReaper.class);

    private final SessionStore store;
    private final Duration interval;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private ScheduledExecutorService scheduler;

    public SessionReaper(SessionStore store, Duration interval) {
        this.store = store;
        this.interval = interval;
    }

    @Override
    public void start() {
        if (running.compareAndSet(false, true)) {
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
        if (!inFlight.compareAndSet(false, true)) {
            return;
        }
        store.reapExpired().whenComplete((reaped, error) -> {
            inFlight.set(false);
            if (error != null) {
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
