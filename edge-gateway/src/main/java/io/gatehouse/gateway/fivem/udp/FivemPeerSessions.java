package io.gatehouse.gateway.fivem.udp;

import io.gatehouse.contracts.session.v1.BindResponse;
import io.gatehouse.contracts.session.v1.ClusterEvent;
import io.gatehouse.contracts.session.v1.ClusterPlayer;
import io.gatehouse.contracts.session.v1.Game;
import io.gatehouse.contracts.session.v1.Kick;
import io.gatehouse.contracts.session.v1.PlayerDropped;
import io.gatehouse.contracts.session.v1.PlayerJoined;
import io.gatehouse.contracts.session.v1.RelayedMessage;
import io.gatehouse.contracts.session.v1.SessionReplaced;
import io.gatehouse.gateway.cluster.ClusterEventsClient;
import io.gatehouse.gateway.cluster.ReleaseRetries;
import io.gatehouse.contracts.session.v1.ConnectGateVerdict;
import io.gatehouse.contracts.session.v1.Holder;
import io.gatehouse.contracts.session.v1.RosterResponse;
import io.gatehouse.contracts.session.v1.Session;
import io.gatehouse.contracts.world.v1.EnetMessage;
import io.gatehouse.contracts.world.v1.FivemJoinReply;
import io.gatehouse.contracts.world.v1.FivemJoinRequest;
import io.gatehouse.contracts.world.v1.FivemLeaveRequest;
import io.gatehouse.contracts.world.v1.FivemObjectIdsRequest;
import io.gatehouse.contracts.world.v1.FivemPlayer;
import io.gatehouse.enet.ConnectGate;
import io.gatehouse.enet.DeliveryMode;
import io.gatehouse.enet.DisconnectReason;
import io.gatehouse.enet.EnetHost;
import io.gatehouse.enet.EnetListener;
import io.gatehouse.enet.EnetPeer;
import io.gatehouse.fivem.protocol.net.ServerMessages;
import io.gatehouse.fivem.protocol.oob.OutOfBand;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FiveM realtime path of one gateway, FXServer's {@code GameServer} + {@code ClientRegistry} glue around an ENet
 * host: token-gated CONNECTs, the msgType 1 handshake bound in the session registry, the world's join sequence,
 * keep-alives, drops (client quit, dead clients, shutdown) and the registry heartbeat.
 *
 * <p>All state is confined to the ENet host's event loop. Registry and world calls are asynchronous, guarded by
 * deadlines and circuit breakers; their continuations hop back to the loop and check that the connection is still
 * the one they started for before acting.
 */
final class FivemPeerSessions implements EnetListener, ConnectGate {

    private static final Logger log = LoggerFactory.getLogger(FivemPeerSessions.class);
    /** {@code enet_peer_timeout(peer, 10000000, 10000000, 30000)}: only the hard maximum remains. */
    private static final int TIMEOUT_NEVER = 10_000_000;

    private final FivemRegistryClient registry;
    private final FivemWorldClient world;
    private final FivemUdpProperties settings;
    private final FivemUdpMetrics metrics;
    private final String gatewayId;
    /** Cluster-wide announcements and replacements; null when running without a registry bus (unit tests). */
    private final ClusterEventsClient events;
    private final HandshakeHandler handshake = new HandshakeHandler(this);
    private final ConnectedHandler connected = new ConnectedHandler(this);
    /** One OOB error per second (burst 3) per source when the registry cannot judge a CONNECT. */
    private final SourceRateLimiter outageNotices;
    private final byte[] frame = ServerMessages.frame(0, 0);

    /** Every ENet-connected peer of this host. */
    private final Set<FivemPeerConnection> connections = new LinkedHashSet<>();
    /** Bound players by guid, including ones in their reconnect grace. */
    private final Map<String, FivemPeerConnection> players = new HashMap<>();
    private EnetHost host;
    /** Releases that failed in an outage, retried once the registry is back (fenced, so always safe). */
    private ReleaseRetries releaseRetries;
    private long nextConnectionId;
    private long lastFrameNanos;
    private volatile boolean stopping;

    FivemPeerSessions(FivemRegistryClient registry, FivemWorldClient world, FivemUdpProperties settings,
                      FivemUdpMetrics metrics, String gatewayId) {
        this(registry, world, settings, metrics, gatewayId, null);
    }

    FivemPeerSessions(FivemRegistryClient registry, FivemWorldClient world, FivemUdpProperties settings,
                      FivemUdpMetrics metrics, String gatewayId, ClusterEventsClient events) {
        this.events = events;
        this.registry = registry;
        this.world = world;
        this.settings = settings;
        this.metrics = metrics;
        this.gatewayId = gatewayId;
        this.outageNotices = new SourceRateLimiter(1.0, 3.0, settings.getRateLimitSources());
    }

    void attach(EnetHost host) {
        this.host = host;
        this.releaseRetries = ReleaseRetries.withDefaults("fivem " + gatewayId, host.eventLoop());
    }

    /** Releases waiting for the registry to come back (tests, diagnostics). */
    int pendingReleases() {
        return releaseRetries == null ? 0 : releaseRetries.size();
    }

    String gatewayId() {
        return gatewayId;
    }

    // ------------------------------------------------------------------ CONNECT gating (reference §5.3)

    @Override
    public CompletionStage<Boolean> admit(InetSocketAddress from, int connectData) {
        if (stopping) {
            onLoop(() -> {
                // draining: the balancer should no longer send players here; one who still arrives is told why
                if (outageNotices.tryConsume(from.getAddress(), System.nanoTime())) {
                    sendOob(from, DropReasons.shutdown(settings.getShutdownReason()));
                }
            });
            return CompletableFuture.completedFuture(false);
        }
        return registry.gateConnect(connectData, from.getAddress().getHostAddress()).handle((verdict, failure) -> {
            if (failure != null) {
                metrics.failed("enet_connect", "service_unavailable");
                onLoop(() -> {
                    // a rejected CONNECT is silent; an outage is not the player's fault: say so (rate-limited)
                    if (outageNotices.tryConsume(from.getAddress(), System.nanoTime())) {
                        sendOob(from, DropReasons.UNAVAILABLE);
                    }
                });
                return false;
            }
            if (verdict != ConnectGateVerdict.CONNECT_GATE_VERDICT_ACCEPTED) {
                metrics.failed("enet_connect", verdict == ConnectGateVerdict.CONNECT_GATE_VERDICT_UNKNOWN_TOKEN
                        ? "token" : "denied");
                return false;
            }
            return true;
        });
    }

    // ------------------------------------------------------------------ ENet events (on the loop)

    @Override
    public void onConnect(EnetPeer peer, int data) {
        long now = System.nanoTime();
        FivemPeerConnection connection = new FivemPeerConnection(peer, ++nextConnectionId, data, now);
        connection.handler = handshake;
        peer.attach(connection);
        connections.add(connection);
        // FXServer sets the token's use count to 9999: no second peer with this token until the disconnect
        connection.gateLock = registry.lockConnectGate(data).exceptionally(e -> null);
        metrics.stage("enet_connect", 0);
    }

    @Override
    public void onReceive(EnetPeer peer, int channelId, ByteBuf payload, DeliveryMode mode) {
        if (peer.attachment() instanceof FivemPeerConnection connection && connection.phase != FivemPeerConnection.Phase.CLOSED) {
            connection.touch(System.nanoTime());
            connection.handler.onMessage(connection, channelId, payload);
        }
    }

    @Override
    public void onDisconnect(EnetPeer peer, DisconnectReason reason, int data) {
        if (!(peer.attachment() instanceof FivemPeerConnection connection)) {
            return;
        }
        connections.remove(connection);
        clearGate(connection);
        if (connection.phase == FivemPeerConnection.Phase.CLOSED) {
            return; // we dropped or detached it ourselves
        }
        connection.phase = FivemPeerConnection.Phase.CLOSED;
        connection.handler = FivemPeerHandler.IGNORE;
        if (connection.isBound() && players.get(connection.guid) == connection) {
            // FXServer: the client is dead once its peer is gone; we wait a little so a reconnect with the same
            // guid and token can re-bind (same net ID and slot, no join events)
            long graceMillis = settings.getReconnectGrace().toMillis();
            host.eventLoop().schedule(() -> {
                if (players.get(connection.guid) == connection) {
                    long lastSeenAgo = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - connection.lastSeenNanos);
                    finishDrop(connection, DropReasons.timedOut(lastSeenAgo));
                }
            }, graceMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void clearGate(FivemPeerConnection connection) {
        if (!connection.gateCleared) {
            connection.gateCleared = true;
            int hash = connection.tokenHash;
            connection.gateLock.whenComplete((r, e) -> registry.clearConnectGate(hash));
        }
    }

    // ------------------------------------------------------------------ handshake → bind → join (§5.4, §5.5)

    void beginBind(FivemPeerConnection connection, String guid, String token) {
        if (stopping) {
            return;
        }
        connection.phase = FivemPeerConnection.Phase.BINDING;
        connection.handler = FivemPeerHandler.IGNORE;
        long started = System.nanoTime();
        Holder holder = Holder.newBuilder().setGatewayId(gatewayId).setPeerId(connection.id)
                .setPeerEndpoint(endpoint(connection.address)).build();
        registry.bind(guid, token, holder).whenComplete((bound, failure) ->
                onLoop(() -> bindDone(connection, guid, token, holder, bound, failure, started)));
    }

    private void bindDone(FivemPeerConnection connection, String guid, String token, Holder holder,
                          BindResponse bound, Throwable failure, long started) {
        if (failure != null) {
            Optional<String> refusal = FivemRegistryClient.refusal(failure);
            if (refusal.isPresent() && refusal.get().equals("NO_SESSION")) {
                metrics.failed("handshake", "denied");
                if (connection.isOpen()) { // FXServer: no client with this guid, nothing happens
                    connection.phase = FivemPeerConnection.Phase.AWAITING_HANDSHAKE;
                    connection.handler = handshake;
                }
                return;
            }
            if (refusal.isEmpty()) {
                log.debug("handshake of {} failed: registry unavailable", connection, failure);
            }
            metrics.failed("handshake", refusal.map(DropReasons::metricReason).orElse("service_unavailable"));
            if (connection.isOpen()) {
                sendOob(connection.address, refusal.map(DropReasons::forRefusal).orElse(DropReasons.UNAVAILABLE));
                connection.phase = FivemPeerConnection.Phase.REFUSED;
            }
            return;
        }
        if (!connection.isOpen()) {
            // gone while binding: nobody will ever hear of this peer; let the session go (fenced by our holder)
            registry.remove(guid, token, holder);
            return;
        }
        Session session = bound.getSession();
        connection.guid = guid;
        connection.token = token;
        connection.holder = holder;
        connection.netId = session.getNetId();
        connection.slotId = session.getSlotId();
        connection.name = session.getName();
        connection.createdAtMillis = session.getCreatedAtMs();
        FivemPeerConnection previous = players.put(guid, connection);
        if (previous == null) {
            metrics.playerAdded();
        } else if (previous != connection) {
            connection.joined = previous.joined;
            detach(previous, false);
        }
        // NetPeerImplENet::OnSendConnectOK: throttle fully open, only the hard timeout left
        connection.peer.throttleConfigure(1000, 32, 0);
        connection.peer.setTimeout(TIMEOUT_NEVER, TIMEOUT_NEVER, (int) settings.getEnetTimeout().toMillis());
        connection.phase = FivemPeerConnection.Phase.JOINING;
        boolean reconnect = !bound.getWasNew();
        CompletableFuture<List<FivemPlayer>> others = reconnect
                ? CompletableFuture.completedFuture(List.of())
                : registry.roster().thenApply(r -> others(r, guid)).exceptionally(e -> List.of());
        others.thenCompose(list -> world.join(FivemJoinRequest.newBuilder().setGuid(guid)
                        .setNetId(connection.netId).setSlotId(connection.slotId).setName(connection.name)
                        .setReconnect(reconnect).setGatewayId(gatewayId).addAllOthers(list).build()))
                .whenComplete((reply, joinFailure) ->
                        onLoop(() -> joinDone(connection, reply, joinFailure, started)));
    }

    private static List<FivemPlayer> others(RosterResponse roster, String guid) {
        List<FivemPlayer> list = new ArrayList<>(roster.getSessionsCount());
        for (Session s : roster.getSessionsList()) {
            if (s.getNetId() != 0 && !s.getKey().getId().equals(guid)) {
                list.add(FivemPlayer.newBuilder().setNetId(s.getNetId()).setName(s.getName())
                        .setSlotId(s.getSlotId()).build());
            }
        }
        return list;
    }

    private void joinDone(FivemPeerConnection connection, FivemJoinReply reply, Throwable failure, long started) {
        if (!connection.isOpen() || players.get(connection.guid) != connection) {
            return; // lost meanwhile: the disconnect path owns the session now
        }
        if (failure != null) {
            log.debug("world join of {} failed", connection, failure);
            metrics.failed("handshake", "service_unavailable");
            finishDrop(connection, DropReasons.UNAVAILABLE);
            return;
        }
        for (EnetMessage message : reply.getMessagesList()) {
            send(connection.peer, message);
        }
        connection.joined = true;
        connection.phase = FivemPeerConnection.Phase.CONNECTED;
        connection.handler = connected;
        connection.touch(System.nanoTime());
        announce(reply.getAnnounceList(), connection);
        publish(ClusterEvent.newBuilder().setPlayerJoined(PlayerJoined.newBuilder()
                .setPlayer(clusterPlayer(connection)).addAllAnnounce(relayed(reply.getAnnounceList()))));
        metrics.joined();
        metrics.stage("handshake", System.nanoTime() - started);
        if (connection.createdAtMillis > 0) {
            metrics.joinDuration(System.currentTimeMillis() - connection.createdAtMillis);
        }
    }

    void requestObjectIds(FivemPeerConnection connection) {
        world.requestObjectIds(FivemObjectIdsRequest.newBuilder().setGuid(connection.guid)
                        .setNetId(connection.netId).build())
                .whenComplete((reply, failure) -> onLoop(() -> {
                    if (failure == null && connection.isOpen()) {
                        reply.getMessagesList().forEach(m -> send(connection.peer, m));
                    }
                }));
    }

    // ------------------------------------------------------------------ drops (§6)

    /** msgIQuit or any server-side drop of a live player: the full FXServer drop path. */
    void drop(FivemPeerConnection connection, String reason) {
        finishDrop(connection, reason);
    }

    /**
     * {@code GameServer::DropClientInternal}: OOB {@code error <reason>}, the session released in the registry
     * (fenced by our holder), {@code onPlayerDropped} to the others (from the world), the peer reset.
     */
    private void finishDrop(FivemPeerConnection connection, String reason) {
        boolean peerUp = connection.phase != FivemPeerConnection.Phase.CLOSED && connection.peer.isConnected();
        connection.phase = FivemPeerConnection.Phase.CLOSED;
        connection.handler = FivemPeerHandler.IGNORE;
        sendOob(connection.address, reason);
        if (connection.isBound() && players.get(connection.guid) == connection) {
            players.remove(connection.guid);
            metrics.playerRemoved();
            release(connection, true);
        }
        if (peerUp) {
            connection.peer.reset(); // FXServer resets the peer (no DISCONNECT): the OOB error is the goodbye
        }
    }

    /** The session moved (re-bound by another peer, or the registry says we no longer hold it): let go quietly. */
    private void detach(FivemPeerConnection connection, boolean untrack) {
        boolean peerUp = connection.phase != FivemPeerConnection.Phase.CLOSED && connection.peer.isConnected();
        connection.phase = FivemPeerConnection.Phase.CLOSED;
        connection.handler = FivemPeerHandler.IGNORE;
        if (untrack && connection.isBound() && players.get(connection.guid) == connection) {
            players.remove(connection.guid);
            metrics.playerRemoved();
        }
        if (peerUp) {
            connection.peer.reset();
        }
    }

    private CompletableFuture<Void> release(FivemPeerConnection connection, boolean tellOthers) {
        FivemLeaveRequest leave = FivemLeaveRequest.newBuilder().setGuid(connection.guid)
                .setNetId(connection.netId).setName(connection.name).setSlotId(connection.slotId).build();
        return registry.remove(connection.guid, connection.token, connection.holder)
                .handle((removed, failure) -> {
                    if (failure != null) {
                        retryRelease(connection); // the registry is away: free the IDs as soon as it is back
                    }
                    return failure != null || removed.hasSession();
                })
                .thenCompose(ours -> {
                    if (!ours) {
                        return CompletableFuture.<Void>completedFuture(null); // someone else holds it now
                    }
                    return world.leave(leave).thenAccept(reply -> {
                        if (tellOthers && connection.joined) {
                            onLoop(() -> announce(reply.getAnnounceList(), connection));
                        }
                        if (connection.joined) { // the other gateways' players, also when this one shuts down
                            publish(ClusterEvent.newBuilder().setPlayerDropped(PlayerDropped.newBuilder()
                                    .setPlayer(clusterPlayer(connection))
                                    .addAllAnnounce(relayed(reply.getAnnounceList()))));
                        }
                    });
                })
                .exceptionally(e -> {
                    log.debug("releasing {} failed", connection, e);
                    return null;
                });
    }

    private void retryRelease(FivemPeerConnection connection) {
        if (releaseRetries == null) {
            return;
        }
        String guid = connection.guid;
        String token = connection.token;
        Holder holder = connection.holder;
        // removal is fenced by token and holder: a retry never removes a newer session of this guid
        releaseRetries.submit(guid + "@" + holder.getPeerId(), () -> registry.remove(guid, token, holder));
    }

    // ------------------------------------------------------------------ periodic work (on the loop)

    /** Dead clients, stale handshakes and the msgFrame beat. */
    void tick() {
        long now = System.nanoTime();
        long deadNanos = settings.getDeadTimeout().toNanos();
        long handshakeNanos = settings.getHandshakeTimeout().toNanos();
        List<FivemPeerConnection> dead = null;
        for (FivemPeerConnection c : players.values()) {
            if (c.phase == FivemPeerConnection.Phase.CONNECTED && now - c.lastSeenNanos > deadNanos) {
                (dead == null ? dead = new ArrayList<>() : dead).add(c);
            }
        }
        if (dead != null) {
            for (FivemPeerConnection c : dead) {
                finishDrop(c, DropReasons.timedOut(TimeUnit.NANOSECONDS.toMillis(now - c.lastSeenNanos)));
            }
        }
        List<FivemPeerConnection> stale = null;
        for (FivemPeerConnection c : connections) {
            boolean waiting = c.phase == FivemPeerConnection.Phase.AWAITING_HANDSHAKE
                    || c.phase == FivemPeerConnection.Phase.REFUSED;
            if (waiting && now - c.connectedAtNanos > handshakeNanos) {
                (stale == null ? stale = new ArrayList<>() : stale).add(c);
            }
        }
        if (stale != null) {
            stale.forEach(c -> detach(c, false));
        }
        if (now - lastFrameNanos >= settings.getFrameInterval().toNanos()) {
            lastFrameNanos = now;
            ByteBuf payload = Unpooled.wrappedBuffer(frame);
            try {
                for (FivemPeerConnection c : players.values()) {
                    if (c.phase == FivemPeerConnection.Phase.CONNECTED) {
                        c.peer.send(0, payload.retainedDuplicate(), DeliveryMode.RELIABLE);
                    }
                }
            } finally {
                payload.release();
            }
        }
    }

    /**
     * Vouches for our players; drops the ones the registry says we no longer hold. A failed heartbeat (registry or
     * Redis away) drops nobody; a successful one that says "not yours" is obeyed at once: the player's net ID and
     * slot may already belong to someone else. Players bound elsewhere (moved to another gateway) are let go quietly;
     * the others (reaped, removed) get the FXServer drop: OOB error, peer reset, onPlayerDropped to everyone else.
     */
    void heartbeat() {
        Map<String, FivemPeerConnection> held = new HashMap<>(players);
        registry.heartbeat(gatewayId, List.copyOf(held.keySet())).whenComplete((lost, failure) -> {
            if (failure != null || lost.isEmpty()) {
                return;
            }
            // which of them another gateway holds now (null: unknown, treat all as gone)
            registry.roster().handle((roster, rosterFailure) -> rosterFailure != null ? null : boundGuids(roster))
                    .thenAccept(boundNow -> onLoop(() -> lost(lost, held, boundNow)));
        });
    }

    private static Set<String> boundGuids(RosterResponse roster) {
        Set<String> guids = new java.util.HashSet<>();
        for (Session s : roster.getSessionsList()) {
            guids.add(s.getKey().getId());
        }
        return guids;
    }

    private void lost(List<String> lost, Map<String, FivemPeerConnection> listed, Set<String> boundNow) {
        for (String guid : lost) {
            FivemPeerConnection c = players.get(guid);
            if (c == null || c != listed.get(guid) || c.phase == FivemPeerConnection.Phase.CLOSED) {
                continue; // gone meanwhile, or a newer connection of this guid that the verdict is not about
            }
            if (boundNow != null && boundNow.contains(guid)) {
                log.info("FiveM player {} (net ID {}) is held by another gateway now; letting go", guid, c.netId);
                detach(c, true);
                continue;
            }
            log.warn("FiveM player {} (net ID {}, slot {}) lost its registry session; dropping", guid, c.netId,
                    c.slotId);
            players.remove(guid);
            metrics.playerRemoved();
            boolean peerUp = c.phase != FivemPeerConnection.Phase.CLOSED && c.peer.isConnected();
            c.phase = FivemPeerConnection.Phase.CLOSED;
            c.handler = FivemPeerHandler.IGNORE;
            sendOob(c.address, DropReasons.SESSION_LOST);
            announceDropped(c);
            if (peerUp) {
                c.peer.reset();
            }
        }
    }

    /** onPlayerDropped for a player whose session is already gone from the registry (nothing to release). */
    private void announceDropped(FivemPeerConnection connection) {
        FivemLeaveRequest leave = FivemLeaveRequest.newBuilder().setGuid(connection.guid)
                .setNetId(connection.netId).setName(connection.name == null ? "" : connection.name)
                .setSlotId(connection.slotId).build();
        world.leave(leave).whenComplete((reply, failure) -> {
            if (failure != null) {
                log.debug("world leave of {} failed", connection, failure);
                return;
            }
            if (connection.joined) {
                onLoop(() -> announce(reply.getAnnounceList(), connection));
                publish(ClusterEvent.newBuilder().setPlayerDropped(PlayerDropped.newBuilder()
                        .setPlayer(clusterPlayer(connection)).addAllAnnounce(relayed(reply.getAnnounceList()))));
            }
        });
    }

    /**
     * Graceful stop: no new CONNECTs, every player told {@code Server shutting down: <reason>}, sessions released.
     * Runs on the loop; the returned future completes when the releases have (or failed).
     */
    CompletableFuture<Void> shutdown(String reason) {
        stopping = true;
        List<CompletableFuture<Void>> releases = new ArrayList<>();
        String text = DropReasons.shutdown(reason);
        for (FivemPeerConnection c : new ArrayList<>(players.values())) {
            c.phase = FivemPeerConnection.Phase.CLOSED;
            c.handler = FivemPeerHandler.IGNORE;
            sendOob(c.address, text);
            releases.add(release(c, false));
            metrics.playerRemoved();
        }
        players.clear();
        for (FivemPeerConnection c : connections) {
            c.phase = FivemPeerConnection.Phase.CLOSED;
            clearGate(c);
        }
        return CompletableFuture.allOf(releases.toArray(CompletableFuture[]::new));
    }

    // ------------------------------------------------------------------ cluster events

    /** From the registry's bus, on a gRPC thread: hop to the loop. */
    void onClusterEvent(ClusterEvent event) {
        if (gatewayId.equals(event.getOrigin())) {
            return; // our own announcements were already sent to our players
        }
        onLoop(() -> handleClusterEvent(event));
    }

    private void handleClusterEvent(ClusterEvent event) {
        switch (event.getEventCase()) {
            case PLAYER_JOINED -> relay(event.getPlayerJoined().getAnnounceList());
            case PLAYER_DROPPED -> relay(event.getPlayerDropped().getAnnounceList());
            case SESSION_REPLACED -> {
                SessionReplaced replaced = event.getSessionReplaced();
                if (replaced.getKey().getGame() != Game.GAME_FIVEM
                        || !gatewayId.equals(replaced.getOldHolder().getGatewayId())) {
                    return;
                }
                FivemPeerConnection c = players.get(replaced.getKey().getId());
                // the exact peer only: a newer connection of the same guid here is not the one replaced
                if (c != null && c.id == replaced.getOldHolder().getPeerId()) {
                    sendOob(c.address, replaced.getReason().isEmpty() ? DropReasons.RECONNECTING : replaced.getReason());
                    detach(c, true); // the registry already freed its net ID and slot
                }
            }
            case KICK -> {
                Kick kick = event.getKick();
                if (kick.getKey().getGame() == Game.GAME_FIVEM) {
                    FivemPeerConnection c = players.get(kick.getKey().getId());
                    if (c != null && c.phase != FivemPeerConnection.Phase.CLOSED) {
                        finishDrop(c, kick.getReason());
                    }
                }
            }
            default -> {
            }
        }
    }

    /** Another gateway's onPlayerJoining/onPlayerDropped to every connected player here. */
    private void relay(List<RelayedMessage> messages) {
        if (messages.isEmpty() || players.isEmpty()) {
            return;
        }
        List<EnetMessage> converted = new ArrayList<>(messages.size());
        for (RelayedMessage m : messages) {
            converted.add(EnetMessage.newBuilder().setChannel(m.getChannel()).setPayload(m.getPayload())
                    .setReliable(m.getReliable()).build());
        }
        announce(converted, null);
    }

    private void publish(ClusterEvent.Builder event) {
        if (events == null) {
            return;
        }
        events.publish(event.setOrigin(gatewayId).setPublishedAtMs(System.currentTimeMillis()).build())
                .whenComplete((ignored, failure) -> {
                    if (failure != null) {
                        log.debug("publishing a cluster event failed: {}", failure.toString());
                    }
                });
    }

    private ClusterPlayer clusterPlayer(FivemPeerConnection c) {
        return ClusterPlayer.newBuilder().setKey(io.gatehouse.contracts.session.v1.SessionKey.newBuilder()
                        .setGame(Game.GAME_FIVEM).setId(c.guid))
                .setNetId(c.netId).setName(c.name == null ? "" : c.name).setSlotId(c.slotId).setGatewayId(gatewayId)
                .build();
    }

    private static List<RelayedMessage> relayed(List<EnetMessage> messages) {
        List<RelayedMessage> out = new ArrayList<>(messages.size());
        for (EnetMessage m : messages) {
            out.add(RelayedMessage.newBuilder().setChannel(m.getChannel()).setPayload(m.getPayload())
                    .setReliable(m.getReliable()).build());
        }
        return out;
    }

    // ------------------------------------------------------------------ plumbing

    int playerCount() {
        return players.size();
    }

    private void announce(List<EnetMessage> messages, FivemPeerConnection except) {
        for (EnetMessage message : messages) {
            ByteBuf payload = Unpooled.wrappedBuffer(message.getPayload().asReadOnlyByteBuffer());
            try {
                for (FivemPeerConnection c : players.values()) {
                    if (c != except && c.phase == FivemPeerConnection.Phase.CONNECTED) {
                        c.peer.send(message.getChannel(), payload.retainedDuplicate(), mode(message));
                    }
                }
            } finally {
                payload.release();
            }
        }
    }

    private static void send(EnetPeer peer, EnetMessage message) {
        peer.send(message.getChannel(), Unpooled.wrappedBuffer(message.getPayload().asReadOnlyByteBuffer()),
                mode(message));
    }

    private static DeliveryMode mode(EnetMessage message) {
        return message.getReliable() ? DeliveryMode.RELIABLE : DeliveryMode.UNRELIABLE;
    }

    private void sendOob(InetSocketAddress to, String reason) {
        host.sendRaw(to, Unpooled.wrappedBuffer(OutOfBand.error(reason)));
    }

    private static String endpoint(InetSocketAddress address) {
        String ip = address.getAddress().getHostAddress();
        return (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + address.getPort();
    }

    /** Runs on the host's loop; after close the task is dropped (there is nothing left to act on). */
    private void onLoop(Runnable task) {
        try {
            host.eventLoop().execute(task);
        } catch (RejectedExecutionException closed) {
            // host closed
        }
    }
}
