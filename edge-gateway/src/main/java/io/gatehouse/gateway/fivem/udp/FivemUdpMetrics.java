package io.gatehouse.gateway.fivem.udp;

import io.gatehouse.enet.EnetHost;
import io.gatehouse.enet.EnetPeer;
import io.gatehouse.enet.HostStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Metrics of the FiveM UDP path, named as docs/metrics.md lists them: joins by stage and result
 * ({@code protocol=fivem}), connected players, ENet host statistics polled from {@link HostStats} and OOB
 * rate-limit drops. Counters are cached per tag set so the hot path does not look meters up.
 */
final class FivemUdpMetrics {

    private final MeterRegistry registry;
    private final AtomicInteger players = new AtomicInteger();
    private final Counter completed;
    private final Timer joinDuration;
    private final Map<String, Counter> failures = new ConcurrentHashMap<>();
    private final Map<String, Counter> rateLimited = new ConcurrentHashMap<>();
    private final Map<String, Timer> stages = new ConcurrentHashMap<>();

    FivemUdpMetrics(MeterRegistry registry) {
        this.registry = registry == null ? new SimpleMeterRegistry() : registry;
        this.completed = Counter.builder("gatehouse.joins.completed").tag("protocol", "fivem")
                .description("joins that reached the world (FiveM: connectOK sent)").register(this.registry);
        Gauge.builder("gatehouse.players.connected", players, AtomicInteger::get).tag("protocol", "fivem")
                .description("players this gateway holds").register(this.registry);
        this.joinDuration = Timer.builder("gatehouse.join.duration").tag("protocol", "fivem")
                .description("first request to completion (initConnect to connectOK)")
                .publishPercentileHistogram().register(this.registry);
        // Known limiters exist from the start at 0, so rate() answers 0 rather than nothing.
        for (String limiter : List.of("getinfo", "getstatus")) {
            rateLimited(limiter, 0);
        }
    }

    /** Binds the ENet host's counters; {@code peers} snapshots connected peers for the RTT mean. */
    void bindHost(EnetHost host, Supplier<List<EnetPeer>> peers) {
        HostStats stats = host.stats();
        Gauge.builder("gatehouse.enet.peers", stats, HostStats::connectedPeers)
                .description("ENet peers on this gateway").register(registry);
        FunctionCounter.builder("gatehouse.enet.retransmits", stats, HostStats::retransmits)
                .description("reliable commands sent again").register(registry);
        FunctionCounter.builder("gatehouse.enet.bytes", stats, HostStats::bytesReceived).tag("direction", "in")
                .baseUnit("bytes").register(registry);
        FunctionCounter.builder("gatehouse.enet.bytes", stats, HostStats::bytesSent).tag("direction", "out")
                .baseUnit("bytes").register(registry);
        FunctionCounter.builder("gatehouse.enet.datagrams.malformed", stats, HostStats::malformedDatagrams)
                .register(registry);
        FunctionCounter.builder("gatehouse.enet.connects.rejected", stats, HostStats::connectsRejected)
                .register(registry);
        // Strong: nothing else holds the supplier, a weak gauge would read NaN after the first GC.
        Gauge.builder("gatehouse.enet.rtt", peers, FivemUdpMetrics::meanRttSeconds).baseUnit("seconds")
                .strongReference(true)
                .description("mean round-trip time over connected peers").register(registry);
    }

    private static double meanRttSeconds(Supplier<List<EnetPeer>> peers) {
        List<EnetPeer> connected = peers.get();
        if (connected.isEmpty()) {
            return 0;
        }
        long sum = 0;
        for (EnetPeer peer : connected) {
            sum += peer.roundTripTime();
        }
        return sum / 1000.0 / connected.size();
    }

    void joined() {
        completed.increment();
    }

    void playerAdded() {
        players.incrementAndGet();
    }

    void playerRemoved() {
        players.decrementAndGet();
    }

    int players() {
        return players.get();
    }

    /** A join that ended early; {@code stage} is enet_connect or handshake, {@code reason} the metrics vocabulary. */
    void failed(String stage, String reason) {
        failures.computeIfAbsent(stage + '/' + reason, k -> Counter.builder("gatehouse.joins.failed")
                .tag("protocol", "fivem").tag("stage", stage).tag("reason", reason).register(registry)).increment();
    }

    void stage(String stage, long nanos) {
        stages.computeIfAbsent(stage, s -> Timer.builder("gatehouse.join.stage").tag("protocol", "fivem")
                .tag("stage", s).publishPercentileHistogram().register(registry)).record(Duration.ofNanos(nanos));
    }

    /** A completed join, from initConnect (the session's creation in the registry) to connectOK. */
    void joinDuration(long millis) {
        if (millis >= 0) {
            joinDuration.record(Duration.ofMillis(millis));
        }
    }

    void rateLimited(String limiter) {
        rateLimited(limiter, 1);
    }

    private void rateLimited(String limiter, int dropped) {
        rateLimited.computeIfAbsent(limiter, l -> Counter.builder("gatehouse.ratelimit.dropped").tag("limiter", l)
                .description("requests or packets refused by a rate limit").register(registry)).increment(dropped);
    }
}
