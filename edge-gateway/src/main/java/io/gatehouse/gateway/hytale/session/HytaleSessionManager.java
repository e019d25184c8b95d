package io.gatehouse.gateway.hytale.session;

import io.gatehouse.contracts.session.v1.ClusterEvent;
import io.gatehouse.contracts.session.v1.Game;
import io.gatehouse.contracts.session.v1.Holder;
import io.gatehouse.contracts.session.v1.Kick;
import io.gatehouse.contracts.session.v1.SessionReplaced;
import io.gatehouse.gateway.hytale.client.HytaleAuthClient;
import io.gatehouse.gateway.hytale.client.HytaleRegistryClient;
import io.gatehouse.gateway.hytale.client.HytaleWorldClient;
import io.gatehouse.gateway.hytale.session.HytaleJoinMetrics.FailureReason;
import io.gatehouse.gateway.hytale.transport.HytaleConnectionContext;
import io.gatehouse.gateway.hytale.transport.HytaleDrainHook;
import io.gatehouse.gateway.cluster.ReleaseRetries;
import io.gatehouse.hytale.protocol.DisconnectReasons;
import io.gatehouse.hytale.protocol.VersionCheck;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's Hytale players: who is connected here, the backend clients their handlers use, the registry
 * heartbeat (how this gateway learns that one of its players logged in elsewhere) and the release of sessions when
 * connections close.
 */
public final class HytaleSessionManager implements HytaleDrainHook, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HytaleSessionManager.class);
    static final String SHUTTING_DOWN = "Server is shutting down";

    /** How long a draining connection waits for its client to close after the Disconnect was sent. */
    static final java.time.Duration DRAIN_LINGER = java.time.Duration.ofSeconds(1);

    private final HytaleSessionProperties properties;
    private final String gatewayId;
    private final String serverCertificateFingerprint;
    private final VersionCheck versionCheck;
    private final HytaleAuthClient auth;
    private final HytaleWorldClient world;
    private final HytaleRegistryClient registry;
    private final HytaleJoinMetrics metrics;
    private final AtomicLong peerIds = new AtomicLong();
    private final Map<Long, HytaleConnection> byPeer = new ConcurrentHashMap<>();
    private final Map<QuicChannel, HytaleConnection> byChannel = new ConcurrentHashMap<>();
    private final Map<String, HytaleConnection> registered = new ConcurrentHashMap<>();
    private final ScheduledExecutorService heartbeat;
    /** Releases that failed in an outage, retried once the registry is back. */
    private final ReleaseRetries releaseRetries;

    public HytaleSessionManager(HytaleSessionProperties properties, String serverCertificateFingerprint,
            VersionCheck versionCheck, HytaleAuthClient auth, HytaleWorldClient world, HytaleRegistryClient registry,
            HytaleJoinMetrics metrics) {
        this.properties = Objects.requireNonNull(properties);
        this.gatewayId = properties.getGatewayId() != null && !properties.getGatewayId().isBlank()
                ? properties.getGatewayId() : defaultGatewayId();
        this.serverCertificateFingerprint = Objects.requireNonNull(serverCertificateFingerprint);
        this.versionCheck = Objects.requireNonNull(versionCheck);
        this.auth = Objects.requireNonNull(auth);
        this.world = Objects.requireNonNull(world);
        this.registry = Objects.requireNonNull(registry);
        this.metrics = Objects.requireNonNull(metrics);
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("hytale-heartbeat", true));
        long every = properties.getHeartbeatInterval().toMillis();
        heartbeat.scheduleWithFixedDelay(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
        this.releaseRetries = ReleaseRetries.withDefaults("hytale " + gatewayId, heartbeat);
    }

    private static String defaultGatewayId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "gateway";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    // ------------------------------------------------------------------------------------------ accessors

    HytaleSessionProperties properties() {
        return properties;
    }

    public String gatewayId() {
        return gatewayId;
    }

    String serverCertificateFingerprint() {
        return serverCertificateFingerprint;
    }

    VersionCheck versionCheck() {
        return versionCheck;
    }

    HytaleAuthClient auth() {
        return auth;
    }

    HytaleWorldClient world() {
        return world;
    }

    HytaleRegistryClient registry() {
        return registry;
    }

    public HytaleJoinMetrics metrics() {
        return metrics;
    }

    /** Connections currently open on this gateway (any state). */
    public int connectionCount() {
        return byPeer.size();
    }

    // ------------------------------------------------------------------------------------------ lifecycle of connections

    HytaleConnection open(QuicStreamChannel stream, HytaleConnectionContext context,
            io.gatehouse.hytale.protocol.netty.CodecState codec) {
        HytaleConnection connection = new HytaleConnection(this, stream, context, codec, peerIds.incrementAndGet());
        byPeer.put(connection.peerId(), connection);
        byChannel.put(context.channel(), connection);
        metrics.joinStarted();
        return connection;
    }

    void registered(HytaleConnection connection) {
        HytaleConnection previous = registered.put(connection.uuid().toString(), connection);
        if (previous != null && previous != connection) {
            kick(previous);
        }
    }

    /** The registry dropped an older session of the same uuid: if its player is here, tell them. */
    void replaced(Holder holder) {
        if (!gatewayId.equals(holder.getGatewayId())) {
            return; // the other gateway hears it from the registry's SessionReplaced event (or its heartbeat)
        }
        HytaleConnection old = byPeer.get(holder.getPeerId());
        if (old != null) {
            kick(old);
        }
    }

    /**
     * From the registry's cluster bus (gRPC thread): a login on another gateway replaced one of our players, or an
     * operator kicked one. Both act on the exact connection; the heartbeat still catches whatever an event missed.
     */
    public void onClusterEvent(ClusterEvent event) {
        switch (event.getEventCase()) {
            case SESSION_REPLACED -> {
                SessionReplaced replaced = event.getSessionReplaced();
                if (replaced.getKey().getGame() == Game.GAME_HYTALE && replaced.hasOldHolder()) {
                    replaced(replaced.getOldHolder());
                }
            }
            case KICK -> {
                Kick kick = event.getKick();
                HytaleConnection connection = kick.getKey().getGame() == Game.GAME_HYTALE
                        ? registered.get(kick.getKey().getId()) : null;
                if (connection != null) {
                    connection.onLoop(() -> connection.disconnect(kick.getReason()), null);
                }
            }
            default -> {
            }
        }
    }

    private void kick(HytaleConnection old) {
        old.onLoop(() -> {
            old.fail(FailureReason.REPLACED);
            old.disconnect(DisconnectReasons.LOGGED_IN_AGAIN);
        }, null);
    }

    void released(HytaleConnection connection) {
        byPeer.remove(connection.peerId());
        byChannel.remove(connection.context().channel(), connection);
        HytaleRegistryClient.Registration registration = connection.registration();
        if (registration == null) {
            return;
        }
        registered.remove(registration.key().getId(), connection);
        registry.release(registration).whenComplete((ignored, error) -> {
            if (error != null) {
                // registry or Redis away: retry (fenced by token and holder) so the IDs are freed once it is back
                log.debug("Releasing Hytale session {} failed: {}", registration, error.toString());
                releaseRetries.submit(registration.key().getId() + "@" + registration.holder().getPeerId(),
                        () -> registry.release(registration));
            }
        });
    }

    private void heartbeat() {
        List<String> held = List.copyOf(registered.keySet());
        registry.heartbeat(gatewayId, held).whenComplete((lost, error) -> {
            if (error != null) {
                log.debug("Hytale registry heartbeat failed: {}", error.toString());
                return;
            }
            for (String uuid : lost) {
                HytaleConnection connection = registered.get(uuid);
                if (connection != null) {
                    log.debug("Hytale player {} is held elsewhere now", uuid);
                    registered.remove(uuid, connection);
                    kick(connection);
                }
            }
        });
    }

    @Override
    public CompletionStage<?> beforeClose(HytaleConnectionContext context) {
        HytaleConnection connection = byChannel.get(context.channel());
        if (connection == null || !connection.isOpen()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> said = new CompletableFuture<>();
        connection.fail(FailureReason.SHUTDOWN);
        // Flushed is not delivered: closing right after the write can overtake the Disconnect (a lost or late
        // packet is not retransmitted once the connection is closed). Linger until the client, having read it,
        // closes by itself, or until the linger ends; the listener's drain grace bounds it all.
        context.channel().closeFuture().addListener(f -> said.complete(null));
        connection.stream().writeAndFlush(io.gatehouse.hytale.protocol.packet.connection.Disconnect
                .withReason(SHUTTING_DOWN)).addListener(f -> context.eventLoop().schedule(
                        () -> said.complete(null), DRAIN_LINGER.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
        return said;
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
    }
}
