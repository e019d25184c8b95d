package io.gatehouse.gateway.hytale.session;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Join funnel metrics, tags kept low-cardinality: {@code protocol=hytale}, {@code stage} (a {@link ConnectionState}
 * name) and {@code reason} (a {@link FailureReason}).
 */
public final class HytaleJoinMetrics {

    /** Why a join did not complete; the {@code reason} tag. */
    public enum FailureReason {
        TIMEOUT, REFUSED, PROTOCOL_ERROR, SERVICE_UNAVAILABLE, CLIENT_DISCONNECTED, REPLACED, RATE_LIMITED,
        VERSION_MISMATCH, CONNECTION_LOST, SHUTDOWN;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final MeterRegistry registry;
    private final Counter started;
    private final Counter completed;
    private final AtomicInteger playing = new AtomicInteger();
    private final Timer joinDuration;

    public HytaleJoinMetrics(MeterRegistry registry) {
        this.registry = registry != null ? registry : new SimpleMeterRegistry();
        this.started = Counter.builder("gatehouse.joins.started").tag("protocol", "hytale")
                .description("Hytale connections that opened their stream").register(this.registry);
        this.completed = Counter.builder("gatehouse.joins.completed").tag("protocol", "hytale")
                .description("Hytale players that reached ClientReady(gameplay)").register(this.registry);
        Gauge.builder("gatehouse.players.connected", playing, AtomicInteger::get).tag("protocol", "hytale")
                .description("Hytale players in play on this gateway").register(this.registry);
        this.joinDuration = Timer.builder("gatehouse.join.duration").tag("protocol", "hytale")
                .description("first packet to completion (stream open to SetClientId)")
                .publishPercentileHistogram().register(this.registry);
    }

    void joinDuration(Duration took) {
        joinDuration.record(took);
    }

    void joinStarted() {
        started.increment();
    }

    void joinCompleted() {
        completed.increment();
    }

    void joinFailed(ConnectionState stage, FailureReason reason) {
        Counter.builder("gatehouse.joins.failed").tag("protocol", "hytale").tag("stage", stage.metricName())
                .tag("reason", reason.tag()).register(registry).increment();
    }

    void stageCompleted(ConnectionState stage, Duration took) {
        Timer.builder("gatehouse.join.stage").tag("protocol", "hytale").tag("stage", stage.metricName())
                .publishPercentileHistogram().register(registry).record(took);
    }

    void playerEntered() {
        playing.incrementAndGet();
    }

    void playerLeft() {
        playing.decrementAndGet();
    }

    public int playersInPlay() {
        return playing.get();
    }

    public double failures(String stage, String reason) {
        Counter c = registry.find("gatehouse.joins.failed").tag("stage", stage).tag("reason", reason).counter();
        return c == null ? 0 : c.count();
    }

    public double completedCount() {
        return completed.count();
    }
}
