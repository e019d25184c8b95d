package io.gatehouse.gateway.fivem.udp;

import io.gatehouse.enet.EnetHost;
import io.gatehouse.gateway.cluster.ClusterEventsClient;
import io.gatehouse.gateway.fivem.config.FivemProperties;
import io.gatehouse.gateway.fivem.http.IpRanges;
import io.gatehouse.support.lifecycle.ListenerReadiness;
import io.gatehouse.support.lifecycle.PlayerListener;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The UDP half of the FiveM port: one socket on {@code gatehouse.fivem.port} carrying out-of-band messages and
 * ENet (reference §1), FXServer's host parameters ({@code sv_maxclients + 32} peers, 2 channels), the CONNECT gate
 * and the per-peer sessions. Starts with the other player-facing listeners; on stop every player is told why,
 * their sessions are released, then the socket closes.
 */
public class FivemUdpListener implements PlayerListener, SmartLifecycle {

    public static final String NAME = "fivem-udp";
    private static final Logger log = LoggerFactory.getLogger(FivemUdpListener.class);
    /** FXServer: {@code enet_host_create(.., peers, 2 channels, 0, 0)}. */
    static final int CHANNELS = 2;
    private static final long TICK_MILLIS = 250;

    private final FivemProperties fivem;
    private final FivemUdpProperties udp;
    private final boolean getStatusEnabled;
    private final IpRanges proxyRanges;
    private final FivemRegistryClient registry;
    private final FivemWorldClient world;
    private final FivemUdpMetrics metrics;
    private final String defaultBindAddress;
    private final String gatewayId;
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();
    private volatile EnetHost host;
    private volatile FivemPeerSessions sessions;
    private volatile String boundAddress;
    private volatile ClusterEventsClient clusterEvents;
    private volatile CompletableFuture<Void> drained;

    public FivemUdpListener(FivemProperties fivem, FivemUdpProperties udp, boolean getStatusEnabled,
                            IpRanges proxyRanges, FivemRegistryClient registry, FivemWorldClient world,
                            FivemUdpMetrics metrics, String defaultBindAddress, String gatewayId) {
        this.fivem = fivem;
        this.udp = udp;
        this.getStatusEnabled = getStatusEnabled;
        this.proxyRanges = proxyRanges;
        this.registry = registry;
        this.world = world;
        this.metrics = metrics;
        this.defaultBindAddress = defaultBindAddress;
        this.gatewayId = gatewayId;
    }

    /** Cluster-wide joins, drops and replacements; set before {@link #start()}. */
    public void setClusterEvents(ClusterEventsClient events) {
        this.clusterEvents = events;
        events.addHandler(event -> {
            FivemPeerSessions current = sessions;
            if (current != null) {
                current.onClusterEvent(event);
            }
        });
    }

    @Override
    public synchronized void start() {
        if (host != null) {
            return;
        }
        ServerInfoCache info = new ServerInfoCache(world, registry, new ServerInfoCache.Local(fivem.getMaxClients(),
                fivem.getHostname(), "", ""), getStatusEnabled);
        FivemProperties.RateLimiters limits = fivem.getRateLimiters();
        OobInterceptor oob = new OobInterceptor(info, proxyRanges,
                new SourceRateLimiter(limits.getGetinfo().getRate(), limits.getGetinfo().getBurst(), udp.getRateLimitSources()),
                new SourceRateLimiter(limits.getGetstatus().getRate(), limits.getGetstatus().getBurst(), udp.getRateLimitSources()),
                getStatusEnabled, metrics);
        FivemPeerSessions peerSessions = new FivemPeerSessions(registry, world, udp, metrics, gatewayId,
                clusterEvents);
        String address = udp.getBindAddress() != null && !udp.getBindAddress().isBlank()
                ? udp.getBindAddress() : defaultBindAddress;
        EnetHost built = EnetHost.builder()
                .bind(new InetSocketAddress(address, fivem.getPort()))
                .peerLimit(Math.min(fivem.getMaxClients() + udp.getPeerHeadroom(), 0xFFF))
                .channelLimit(CHANNELS)
                .interceptor(oob)
                .connectGate(peerSessions, udp.getGateTimeout())
                .listener(peerSessions)
                .build();
        peerSessions.attach(built);
        sessions = peerSessions;
        host = built;
        metrics.bindHost(built, built::connectedPeers);
        var loop = built.eventLoop();
        timers.add(loop.scheduleAtFixedRate(guard(peerSessions::tick), TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS));
        long heartbeat = Math.max(100, udp.getHeartbeatInterval().toMillis());
        timers.add(loop.scheduleAtFixedRate(guard(peerSessions::heartbeat), 0, heartbeat, TimeUnit.MILLISECONDS));
        long refresh = Math.max(100, udp.getInfoRefreshInterval().toMillis());
        timers.add(loop.scheduleAtFixedRate(guard(info::refresh), 0, refresh, TimeUnit.MILLISECONDS));
        InetSocketAddress local = built.localAddress();
        boundAddress = local.getAddress().getHostAddress() + ":" + local.getPort();
        log.info("FiveM UDP (OOB + ENet) listening on {} as gateway {}", boundAddress, gatewayId);
    }

    private static Runnable guard(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("FiveM UDP periodic task failed", e);
            }
        };
    }

    @Override
    public synchronized void stop() {
        EnetHost running = host;
        if (running == null) {
            return;
        }
        boundAddress = null;
        timers.forEach(t -> t.cancel(false));
        timers.clear();
        try {
            drain().get(Duration.ofSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log.debug("FiveM sessions not all released before close", e);
        }
        running.close();
        host = null;
        sessions = null;
        drained = null;
    }

    /**
     * Stops accepting CONNECTs (a late one gets {@code error Server shutting down: ...}), tells every player
     * {@code Server shutting down: <reason>} and releases their sessions. The socket stays open (the OOB errors go
     * out, late packets are absorbed) until {@link #stop()}. Idempotent; completes when the releases have.
     */
    public synchronized CompletableFuture<Void> drain() {
        EnetHost running = host;
        FivemPeerSessions current = sessions;
        if (running == null || current == null) {
            return CompletableFuture.completedFuture(null);
        }
        if (drained == null) {
            CompletableFuture<CompletableFuture<Void>> released = new CompletableFuture<>();
            running.eventLoop().execute(() -> released.complete(current.shutdown(udp.getShutdownReason())));
            drained = released.thenCompose(f -> f);
        }
        return drained;
    }

    @Override
    public boolean isRunning() {
        return host != null;
    }

    @Override
    public int getPhase() {
        return ListenerReadiness.LISTENER_PHASE;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String boundAddress() {
        return boundAddress;
    }

    /** The bound UDP port, or -1. */
    public int port() {
        EnetHost running = host;
        return running == null ? -1 : running.localAddress().getPort();
    }

    public String gatewayId() {
        return gatewayId;
    }

    /** The host (tests and metrics); null when stopped. */
    EnetHost host() {
        return host;
    }

    FivemPeerSessions sessions() {
        return sessions;
    }
}
