package io.gatehouse.gateway.cluster;

import io.gatehouse.support.lifecycle.ListenerReadiness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Takes a gateway out of the cluster in order: readiness OUT_OF_SERVICE first (balancers stop sending), then after
 * {@code readiness-delay} every listener stops accepting and tells its players why (Hytale {@code Disconnect},
 * FiveM OOB {@code error Server shutting down: ...}, initConnect 503), releasing their sessions in the registry;
 * bounded by {@code timeout}.
 *
 * <p>Runs on SIGTERM as the first lifecycle to stop (phase {@link Integer#MAX_VALUE}: before Spring's graceful web
 * server shutdown and the listeners' own stops, which then find nothing left to do), or earlier from the admin
 * endpoint for a {@code preStop} hook. Idempotent: a second drain returns the first one's future.
 */
public final class GatewayDrain implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GatewayDrain.class);

    private final ListenerReadiness readiness;
    private final DrainProperties properties;
    private final List<Supplier<CompletableFuture<?>>> steps = new ArrayList<>();
    private volatile boolean running;
    private volatile boolean acceptingJoins = true;
    private CompletableFuture<Void> drain;

    public GatewayDrain(ListenerReadiness readiness, DrainProperties properties) {
        this.readiness = readiness;
        this.properties = properties;
    }

    /** A listener's "stop accepting, say goodbye, release" step; run after the readiness delay. */
    public void addStep(Supplier<CompletableFuture<?>> step) {
        steps.add(step);
    }

    /** False once the readiness delay has passed: new joins are refused (FiveM initConnect 503). */
    public boolean isAcceptingJoins() {
        return acceptingJoins;
    }

    public synchronized boolean isDraining() {
        return drain != null;
    }

    /** Whether the drain has finished (every step done, or the timeout passed). */
    public synchronized boolean isDrained() {
        return drain != null && drain.isDone();
    }

    public synchronized CompletableFuture<Void> drain() {
        if (drain != null) {
            return drain;
        }
        readiness.startDraining();
        Duration delay = properties.getReadinessDelay();
        log.info("Draining: readiness is OUT_OF_SERVICE; players are told in {} ms", delay.toMillis());
        drain = CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(delay.toMillis(),
                        TimeUnit.MILLISECONDS))
                .thenCompose(ignored -> {
                    acceptingJoins = false;
                    List<CompletableFuture<?>> started = new ArrayList<>();
                    for (Supplier<CompletableFuture<?>> step : steps) {
                        try {
                            started.add(step.get().exceptionally(e -> {
                                log.warn("A drain step failed", e);
                                return null;
                            }));
                        } catch (RuntimeException e) {
                            log.warn("A drain step failed", e);
                        }
                    }
                    return CompletableFuture.allOf(started.toArray(CompletableFuture[]::new));
                })
                .completeOnTimeout(null, properties.getTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((ignored, error) -> log.info("Drained: players told and sessions released"));
        return drain;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        stop(() -> { });
    }

    @Override
    public void stop(Runnable callback) {
        running = false;
        drain().whenComplete((ignored, error) -> callback.run());
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
