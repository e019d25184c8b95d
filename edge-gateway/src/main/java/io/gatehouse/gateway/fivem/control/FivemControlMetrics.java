package io.gatehouse.gateway.fivem.control;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The control plane's share of docs/metrics.md: {@code gatehouse_joins_started_total{protocol=fivem}} per initConnect,
 * {@code gatehouse_initconnect_completed_total} when it ended with a token, {@code gatehouse_joins_failed_total}
 * with a fixed {@code reason} vocabulary, {@code gatehouse_deferrals_pending}, and
 * {@code gatehouse_join_stage_seconds{stage=init_connect|deferral}}.
 */
public final class FivemControlMetrics {

    private static final String PROTOCOL = "fivem";

    private final MeterRegistry registry;
    private final Counter started;
    private final Counter completed;
    private final AtomicInteger pendingDeferrals = new AtomicInteger();
    private final Timer initConnectStage;
    private final Timer deferralStage;

    public FivemControlMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.started = Counter.builder("gatehouse.joins.started").tag("protocol", PROTOCOL).register(registry);
        this.completed = Counter.builder("gatehouse.initconnect.completed").tag("protocol", PROTOCOL)
                .description("initConnect calls that ended with a connection token").register(registry);
        registry.gauge("gatehouse.deferrals.pending", pendingDeferrals);
        this.initConnectStage = stage("init_connect");
        this.deferralStage = stage("deferral");
    }

    private Timer stage(String name) {
        return Timer.builder("gatehouse.join.stage").tag("protocol", PROTOCOL).tag("stage", name)
                .publishPercentileHistogram().register(registry);
    }

    public void started() {
        started.increment();
    }

    public void completed() {
        completed.increment();
    }

    public void failed(String stage, String reason) {
        registry.counter("gatehouse.joins.failed", "protocol", PROTOCOL, "stage", stage, "reason", reason).increment();
    }

    public void deferralStarted() {
        pendingDeferrals.incrementAndGet();
    }

    public void deferralEnded() {
        pendingDeferrals.decrementAndGet();
    }

    public int pendingDeferrals() {
        return pendingDeferrals.get();
    }

    public void initConnectStage(long nanos) {
        initConnectStage.record(Duration.ofNanos(nanos));
    }

    public void deferralStage(long nanos) {
        deferralStage.record(Duration.ofNanos(nanos));
    }

    /** Maps FXServer's refusal text to the fixed {@code reason} vocabulary. */
    public static String reasonOf(String errorText) {
        if (errorText.startsWith("Ticket authorization failed") || errorText.startsWith("No authentication ticket")
                || errorText.startsWith("CitizenFX ticket") || errorText.startsWith("Parsing error while verifying")
                || errorText.startsWith("public key request failed")) {
            return "ticket";
        }
        if (errorText.startsWith("Sorry ") && errorText.contains("the server is full")) {
            return "full";
        }
        if (errorText.equals("Reconnecting")) {
            return "replaced";
        }
        if (errorText.equals("fields missing") || errorText.startsWith("Client/server version mismatch")
                || errorText.startsWith("Client/Server game") || errorText.contains("game build")
                || errorText.equals("Parsing name failed.") || errorText.equals("The server is starting up.")
                || errorText.startsWith("You can not join this server due to your identifiers")) {
            return "protocol_error";
        }
        return "denied";
    }
}
