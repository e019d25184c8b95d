package io.gatehouse.gateway.cluster;

import io.gatehouse.contracts.session.v1.CountsRequest;
import io.gatehouse.contracts.session.v1.CountsResponse;
import io.gatehouse.contracts.session.v1.Game;
import io.gatehouse.contracts.session.v1.SessionRegistryGrpc;
import io.grpc.Channel;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.SmartLifecycle;

/**
 * {@code gatehouse_cluster_players{protocol}}: players bound to a gateway across the cluster, as the registry counts
 * them. Polled in the background ({@code Counts} every {@code interval}) so a scrape never waits on the registry;
 * the gauge keeps the last answer (NaN until the first one).
 */
public final class ClusterPlayersMetrics implements SmartLifecycle, AutoCloseable {

    private final SessionRegistryGrpc.SessionRegistryStub stub;
    private final Duration deadline;
    private final Duration interval;
    private final Map<Game, AtomicLong> connected = Map.of(Game.GAME_FIVEM, new AtomicLong(-1),
            Game.GAME_HYTALE, new AtomicLong(-1));
    private volatile ScheduledExecutorService scheduler;

    public ClusterPlayersMetrics(Channel session, Duration deadline, Duration interval, MeterRegistry registry) {
        this.stub = SessionRegistryGrpc.newStub(session);
        this.deadline = deadline;
        this.interval = interval;
        connected.forEach((game, value) -> Gauge.builder("gatehouse.cluster.players", value,
                        v -> v.get() < 0 ? Double.NaN : v.get())
                .tag("protocol", game == Game.GAME_FIVEM ? "fivem" : "hytale")
                .description("players across all gateways (from the registry)")
                .strongReference(true).register(registry));
    }

    void poll() {
        connected.forEach((game, value) -> stub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                .counts(CountsRequest.newBuilder().setGame(game).build(), new StreamObserver<>() {
                    @Override
                    public void onNext(CountsResponse counts) {
                        value.set(counts.getConnected());
                    }

                    @Override
                    public void onError(Throwable t) {
                        // keep the last answer; the registry's own metrics tell the outage
                    }

                    @Override
                    public void onCompleted() {
                    }
                }));
    }

    @Override
    public void start() {
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gatehouse-cluster-players");
            t.setDaemon(true);
            return t;
        });
        s.scheduleWithFixedDelay(this::poll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        scheduler = s;
    }

    @Override
    public void stop() {
        close();
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    @Override
    public void close() {
        ScheduledExecutorService s = scheduler;
        scheduler = null;
        if (s != null) {
            s.shutdownNow();
        }
    }
}
