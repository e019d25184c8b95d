package io.gatehouse.enet;

import io.gatehouse.enet.wire.Command;
import io.gatehouse.enet.wire.Protocol;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transport-independent ENet host: peer table, event dispatch, connect gating and the service cycle.
 * Single-threaded by design: every method runs on the host's event loop, so nothing here is locked.
 */
final class HostCore {
    private static final Logger log = LoggerFactory.getLogger(HostCore.class);
    private static final int BANDWIDTH_THROTTLE_INTERVAL = 1000;
    private static final int POOL_LIMIT = 4096;

    final EnetConfig config;
    final ByteBufAllocator alloc;
    final HostDriver driver;
    final HostStats stats = new HostStats();
    private final EnetListener listener;
    private final ConnectGate gate;
    private EnetHost owner;

    final EnetPeer[] slots;
    /** Session IDs survive a slot's reuse so late datagrams of an old connection are rejected. */
    private final byte[] slotIncomingSession;
    private final byte[] slotOutgoingSession;
    /** Peers not DISCONNECTED, densely packed for the service loop. */
    EnetPeer[] active = new EnetPeer[16];
    int activeCount;
    /** Every slot below this one is taken: the search for the lowest free slot starts here. */
    private int lowestFreeSlot;
    /** Live peers by address and connect ID: a retransmitted CONNECT is recognised without a scan of all peers. */
    private final HashMap<ConnectKey, EnetPeer> peersByConnect = new HashMap<>();

    long serviceTime = 1;
    long bandwidthThrottleEpoch;
    boolean recalculateBandwidthLimits;
    int bandwidthLimitedPeers;
    private int randomSeed;

    private final ArrayDeque<EnetPeer> dispatchQueue = new ArrayDeque<>();
    /** Peers that received or queued something since the last flush: a flush visits only these. */
    private EnetPeer[] dirty = new EnetPeer[16];
    private int dirtyCount;
    private final ArrayList<EnetPeer> localDisconnects = new ArrayList<>();
    private final Map<GateKey, PendingConnect> pendingGates = new HashMap<>();
    private final ReceivePath receivePath = new ReceivePath(this);
    private final SendPath sendPath = new SendPath(this);
    private boolean dispatching;

    private OutgoingCommand freeOutgoing;
    private int freeOutgoingCount;
    private IncomingCommand freeIncoming;
    private int freeIncomingCount;

    private record GateKey(InetSocketAddress from, int connectId) {
    }

    /** A peer's remote address and connect ID: what makes a CONNECT a retransmission of a known one. */
    private record ConnectKey(InetSocketAddress address, int connectId) {
    }

    private static final class PendingConnect {
        final Command connect = new Command();
        long expiresAt;
        /** Sent time of the newest copy of the CONNECT (-1: none) and when it arrived. */
        int sentTime;
        long receivedAt;
    }

    HostCore(EnetConfig config, ByteBufAllocator alloc, HostDriver driver, EnetListener listener, ConnectGate gate) {
        this.config = config;
        this.alloc = alloc;
        this.driver = driver;
        this.listener = listener;
        this.gate = gate;
        this.slots = new EnetPeer[config.peerLimit()];
        this.slotIncomingSession = new byte[config.peerLimit()];
        this.slotOutgoingSession = new byte[config.peerLimit()];
        java.util.Arrays.fill(slotIncomingSession, (byte) 0xFF);
        java.util.Arrays.fill(slotOutgoingSession, (byte) 0xFF);
        this.randomSeed = new SecureRandom().nextInt();
    }

    void owner(EnetHost owner) {
        this.owner = owner;
    }

    EnetHost owner() {
        return owner;
    }

    boolean inEventLoop() {
        return driver.inEventLoop();
    }

    void execute(Runnable task) {
        driver.execute(task);
    }

    void requestFlush() {
        driver.requestFlush();
    }

    // ------------------------------------------------------------------ service cycle

    /** Handles one received datagram (not released here) and dispatches the events it caused. */
    void receive(InetSocketAddress from, ByteBuf datagram, long now) {
        serviceTime = now;
        stats.datagramsReceived++;
        stats.bytesReceived += datagram.readableBytes();
        try {
            receivePath.receive(from, datagram);
        } catch (RuntimeException e) {
            // a parser bug must not take the loop down with it; the datagram is dropped
            stats.internalErrors++;
            log.warn("ENet datagram from {} dropped by an internal error", from, e);
        }
        dispatch();
    }

    /** The periodic service: bandwidth throttle, retransmissions, pings, timeouts, then sending. */
    void service(long now) {
        serviceTime = now;
        if (now - bandwidthThrottleEpoch >= BANDWIDTH_THROTTLE_INTERVAL) {
            BandwidthThrottle.run(this, now);
        }
        expireGates(now);
        sendPath.sendAll(true);
        dispatch();
        sendDirty();
        driver.flushOutput();
    }

    /** Sends what is queued (after a burst of receives, or after sends from the application). */
    void flush(long now) {
        serviceTime = now;
        sendDirty();
        dispatch();
        sendDirty();
        driver.flushOutput();
    }

    void markDirty(EnetPeer peer) {
        if (!peer.dirty) {
            peer.dirty = true;
            if (dirtyCount == dirty.length) {
                dirty = java.util.Arrays.copyOf(dirty, dirtyCount * 2);
            }
            dirty[dirtyCount++] = peer;
        }
    }

    private void sendDirty() {
        while (dirtyCount > 0) {
            EnetPeer peer = dirty[--dirtyCount];
            dirty[dirtyCount] = null;
            peer.dirty = false;
            sendPath.send(peer, true);
        }
    }

    /** Sends one peer's queued commands right away (libenet's flush inside disconnect). */
    void flushPeer(EnetPeer peer) {
        sendPath.send(peer, false);
        driver.flushOutput();
    }

    // ------------------------------------------------------------------ events

    void markForDispatch(EnetPeer peer) {
        if (!peer.needsDispatch) {
            peer.needsDispatch = true;
            dispatchQueue.addLast(peer);
        }
    }

    void removeFromDispatch(EnetPeer peer) {
        if (peer.needsDispatch) {
            peer.needsDispatch = false;
            dispatchQueue.remove(peer);
        }
    }

    void notifyLocalDisconnect(EnetPeer peer) {
        if (peer.connectNotified && !peer.disconnectNotified) {
            peer.disconnectNotified = true;
            localDisconnects.add(peer);
            driver.requestFlush();
        } else {
            failConnect(peer, "connection aborted locally");
        }
    }

    /**
     * {@code enet_protocol_notify_connect} as inside {@code enet_host_service}: the peer is CONNECTED at once,
     * so data commands later in the same datagram are accepted; the connect event is dispatched first.
     */
    void notifyConnect(EnetPeer peer) {
        recalculateBandwidthLimits = true;
        peer.changeState(PeerState.CONNECTED);
        peer.connectEventPending = true;
        markForDispatch(peer);
    }

    /** {@code enet_protocol_notify_disconnect}: half-open peers vanish silently, others produce an event. */
    void notifyDisconnect(EnetPeer peer, DisconnectReason reason) {
        if (peer.state.ordinal() >= PeerState.CONNECTION_PENDING.ordinal()) {
            recalculateBandwidthLimits = true;
        }
        if (peer.state != PeerState.CONNECTING && peer.state.ordinal() < PeerState.CONNECTION_SUCCEEDED.ordinal()) {
            peer.resetPeer();
        } else {
            peer.eventData = 0;
            peer.disconnectReason = reason;
            peer.dispatchState(PeerState.ZOMBIE);
        }
    }

    /** Delivers queued events to the listener ({@code enet_protocol_dispatch_incoming_commands}). */
    void dispatch() {
        if (dispatching) {
            return; // a listener callback re-entered; the outer loop picks up what was queued
        }
        dispatching = true;
        try {
            for (;;) {
                if (!localDisconnects.isEmpty()) {
                    EnetPeer peer = localDisconnects.remove(localDisconnects.size() - 1);
                    fireDisconnect(peer, DisconnectReason.LOCAL, 0);
                    continue;
                }
                EnetPeer peer = dispatchQueue.pollFirst();
                if (peer == null) {
                    return;
                }
                peer.needsDispatch = false;
                if (peer.connectEventPending && peer.state != PeerState.ZOMBIE) {
                    peer.connectEventPending = false;
                    peer.connectNotified = true;
                    fireConnect(peer);
                }
                switch (peer.state) {
                    case ZOMBIE -> {
                        recalculateBandwidthLimits = true;
                        int data = peer.eventData;
                        DisconnectReason reason = peer.disconnectReason;
                        peer.resetPeer();
                        if (peer.connectNotified && !peer.disconnectNotified) {
                            peer.disconnectNotified = true;
                            fireDisconnect(peer, reason, data);
                        } else {
                            failConnect(peer, "connection failed: " + reason.name().toLowerCase());
                        }
                    }
                    case CONNECTED -> deliverReceived(peer);
                    default -> {
                    }
                }
            }
        } finally {
            dispatching = false;
        }
    }

    private void deliverReceived(EnetPeer peer) {
        IncomingCommand c;
        while (peer.state == PeerState.CONNECTED && (c = peer.dispatchedCommands.pollFirst()) != null) {
            ByteBuf payload = c.packet;
            c.packet = null;
            int channelId = c.channelId;
            DeliveryMode mode = switch (c.number()) {
                case Protocol.COMMAND_SEND_RELIABLE, Protocol.COMMAND_SEND_FRAGMENT -> DeliveryMode.RELIABLE;
                case Protocol.COMMAND_SEND_UNSEQUENCED -> DeliveryMode.UNSEQUENCED;
                case Protocol.COMMAND_SEND_UNRELIABLE_FRAGMENT -> DeliveryMode.UNRELIABLE_FRAGMENTED;
                default -> DeliveryMode.UNRELIABLE;
            };
            peer.totalWaitingData -= payload.readableBytes();
            freeIncoming(c);
            try {
                listener.onReceive(peer, channelId, payload, mode);
            } catch (Throwable t) {
                log.warn("EnetListener.onReceive failed for {}", peer, t);
            } finally {
                payload.release();
            }
        }
    }

    private void fireConnect(EnetPeer peer) {
        CompletableFuture<EnetPeer> future = peer.connectFuture;
        peer.connectFuture = null;
        try {
            listener.onConnect(peer, peer.eventData);
        } catch (Throwable t) {
            log.warn("EnetListener.onConnect failed for {}", peer, t);
        }
        if (future != null) {
            future.complete(peer);
        }
    }

    private void fireDisconnect(EnetPeer peer, DisconnectReason reason, int data) {
        try {
            listener.onDisconnect(peer, reason, data);
        } catch (Throwable t) {
            log.warn("EnetListener.onDisconnect failed for {}", peer, t);
        }
    }

    private static void failConnect(EnetPeer peer, String why) {
        CompletableFuture<EnetPeer> future = peer.connectFuture;
        if (future != null) {
            peer.connectFuture = null;
            future.completeExceptionally(new EnetConnectException(why + " (" + peer.address + ")"));
        }
    }

    // ------------------------------------------------------------------ connecting

    /**
     * A CONNECT for no known peer: dedupe, then ask the gate (if any) before creating the peer.
     *
     * @param sentTime the datagram's sent time, echoed in our acknowledgement of the CONNECT; -1 if it had none
     */
    void onConnectCommand(InetSocketAddress from, Command connect, int sentTime) {
        if (isDuplicateConnect(from, connect.connectId)) {
            return; // a retransmission; VERIFY_CONNECT is already on its way
        }
        if (gate == null) {
            acceptConnect(from, connect, sentTime, serviceTime);
            return;
        }
        GateKey key = new GateKey(from, connect.connectId);
        PendingConnect waiting = pendingGates.get(key);
        if (waiting != null) {
            // a retransmission while the gate decides: the newest copy gives the truest round-trip sample
            waiting.sentTime = sentTime;
            waiting.receivedAt = serviceTime;
            return;
        }
        if (pendingGates.size() >= config.maximumPendingGates()) {
            stats.connectsRejected++;
            return;
        }
        PendingConnect pending = new PendingConnect();
        pending.connect.copyFrom(connect);
        pending.expiresAt = serviceTime + config.gateTimeoutMillis();
        pending.sentTime = sentTime;
        pending.receivedAt = serviceTime;
        pendingGates.put(key, pending);
        CompletionStage<Boolean> answer;
        try {
            answer = gate.admit(from, connect.data);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((admitted, failure) -> {
            boolean ok = failure == null && Boolean.TRUE.equals(admitted);
            if (driver.inEventLoop()) {
                onGateAnswer(key, pending, ok);
            } else {
                driver.execute(() -> onGateAnswer(key, pending, ok));
            }
        });
    }

    private void onGateAnswer(GateKey key, PendingConnect pending, boolean admitted) {
        if (pendingGates.get(key) != pending) {
            return; // expired, or the host closed
        }
        pendingGates.remove(key);
        if (!admitted) {
            stats.connectsRejected++;
            return;
        }
        acceptConnect(key.from(), pending.connect, pending.sentTime, pending.receivedAt);
        driver.requestFlush();
    }

    private void acceptConnect(InetSocketAddress from, Command connect, int sentTime, long receivedAt) {
        if (receivePath.handleConnect(from, connect, sentTime, receivedAt) == null) {
            stats.connectsRejected++;
        }
    }

    private void expireGates(long now) {
        if (pendingGates.isEmpty()) {
            return;
        }
        for (Iterator<PendingConnect> it = pendingGates.values().iterator(); it.hasNext(); ) {
            if (now >= it.next().expiresAt) {
                it.remove();
                stats.connectsRejected++;
            }
        }
    }

    /** ENet refuses a CONNECT whose address and connectID match a live peer, and caps peers per IP. */
    boolean isDuplicateConnect(InetSocketAddress from, int connectId) {
        EnetPeer known = peersByConnect.get(new ConnectKey(from, connectId));
        if (known != null && known.state != PeerState.CONNECTING) {
            return true;
        }
        if (config.duplicatePeers() >= slots.length) {
            // the cap cannot bind before the host is full, which allocatePeer refuses anyway
            return false;
        }
        InetAddress ip = from.getAddress();
        int sameHost = 0;
        for (int i = 0; i < activeCount; i++) {
            EnetPeer p = active[i];
            if (p.state != PeerState.CONNECTING && p.address != null && Objects.equals(ip, p.address.getAddress())) {
                sameHost++;
            }
        }
        return sameHost >= config.duplicatePeers();
    }

    /** Takes the lowest free slot (as libenet does), or null when the host is full. */
    EnetPeer allocatePeer() {
        for (int i = lowestFreeSlot; i < slots.length; i++) {
            if (slots[i] == null) {
                lowestFreeSlot = i + 1;
                EnetPeer peer = new EnetPeer(this, i, config.mtu(), slotIncomingSession[i] & 0xFF,
                    slotOutgoingSession[i] & 0xFF);
                slots[i] = peer;
                if (activeCount == active.length) {
                    active = java.util.Arrays.copyOf(active, activeCount * 2);
                }
                peer.activeIndex = activeCount;
                active[activeCount++] = peer;
                return peer;
            }
        }
        lowestFreeSlot = slots.length;
        return null;
    }

    /** Makes the peer's address and connect ID known to {@link #isDuplicateConnect}; both must be set. */
    void registerConnect(EnetPeer peer) {
        peersByConnect.putIfAbsent(new ConnectKey(peer.address, peer.connectId), peer);
    }

    void releaseSlot(EnetPeer peer) {
        int id = peer.incomingPeerId;
        if (slots[id] != peer) {
            return;
        }
        slots[id] = null;
        if (id < lowestFreeSlot) {
            lowestFreeSlot = id;
        }
        if (peer.address != null) {
            peersByConnect.remove(new ConnectKey(peer.address, peer.connectId), peer);
        }
        slotIncomingSession[id] = (byte) peer.incomingSessionId;
        slotOutgoingSession[id] = (byte) peer.outgoingSessionId;
        int index = peer.activeIndex;
        int last = --activeCount;
        EnetPeer moved = active[last];
        active[index] = moved;
        moved.activeIndex = index;
        active[last] = null;
        peer.activeIndex = -1;
    }

    /** Client role: {@code enet_host_connect}. The future completes on the connect event. */
    EnetPeer connect(InetSocketAddress address, int channelCount, int data, CompletableFuture<EnetPeer> future) {
        channelCount = Math.max(Protocol.MINIMUM_CHANNEL_COUNT, Math.min(Protocol.MAXIMUM_CHANNEL_COUNT, channelCount));
        EnetPeer peer = allocatePeer();
        if (peer == null) {
            future.completeExceptionally(new EnetConnectException("no free peer slot"));
            return null;
        }
        peer.state = PeerState.CONNECTING;
        peer.address = address;
        peer.connectId = ++randomSeed;
        peer.connectFuture = future;
        registerConnect(peer);
        peer.windowSize = config.outgoingBandwidth() == 0 ? Protocol.MAXIMUM_WINDOW_SIZE
            : Math.max(Protocol.MINIMUM_WINDOW_SIZE, Math.min(Protocol.MAXIMUM_WINDOW_SIZE,
                (config.outgoingBandwidth() / EnetPeer.WINDOW_SIZE_SCALE) * Protocol.MINIMUM_WINDOW_SIZE));
        peer.channels = ReceivePath.newChannels(channelCount);
        peer.channelCount = channelCount;

        OutgoingCommand c = peer.newControlCommand(Protocol.COMMAND_CONNECT | Protocol.FLAG_ACKNOWLEDGE);
        c.outgoingPeerId = peer.incomingPeerId;
        c.incomingSessionId = peer.incomingSessionId;
        c.outgoingSessionId = peer.outgoingSessionId;
        c.mtu = peer.mtu;
        c.windowSize = peer.windowSize;
        c.channelCount = channelCount;
        c.incomingBandwidth = config.incomingBandwidth();
        c.outgoingBandwidth = config.outgoingBandwidth();
        c.packetThrottleInterval = peer.packetThrottleInterval;
        c.packetThrottleAcceleration = peer.packetThrottleAcceleration;
        c.packetThrottleDeceleration = peer.packetThrottleDeceleration;
        c.connectId = peer.connectId;
        c.data = data;
        peer.setupOutgoingCommand(c);
        peer.advertisedIncomingBandwidth = config.incomingBandwidth();
        peer.advertisedOutgoingBandwidth = config.outgoingBandwidth();
        return peer;
    }

    /**
     * Gives up a client connect still waiting for VERIFY_CONNECT: fails its future and frees the peer without a
     * word on the wire (the server, if it ever answered, times its half-open peer out).
     */
    void abandonConnect(EnetPeer peer, String why) {
        if (peer.state != PeerState.CONNECTING || peer.connectFuture == null) {
            return;
        }
        failConnect(peer, "connect timed out: " + why);
        peer.resetPeer();
    }

    /** Drops every peer (telling connected ones with an unacknowledged DISCONNECT) and pending gates. */
    void close() {
        pendingGates.clear();
        for (int i = activeCount - 1; i >= 0; i--) {
            if (i < activeCount) {
                active[i].disconnectNow(0);
            }
        }
        dispatch();
        freeOutgoing = null;
        freeIncoming = null;
    }

    int pendingGateCount() {
        return pendingGates.size();
    }

    // ------------------------------------------------------------------ command pools

    OutgoingCommand newOutgoing() {
        OutgoingCommand c = freeOutgoing;
        if (c == null) {
            return new OutgoingCommand();
        }
        freeOutgoing = c.next;
        freeOutgoingCount--;
        c.next = null;
        return c;
    }

    /** Returns a command to the pool and drops its reference to the message. */
    void freeOutgoing(OutgoingCommand c) {
        ByteBuf packet = c.packet;
        c.clear();
        if (packet != null) {
            packet.release();
        }
        if (freeOutgoingCount < POOL_LIMIT) {
            c.next = freeOutgoing;
            freeOutgoing = c;
            freeOutgoingCount++;
        }
    }

    IncomingCommand newIncoming() {
        IncomingCommand c = freeIncoming;
        if (c == null) {
            return new IncomingCommand();
        }
        freeIncoming = c.next;
        freeIncomingCount--;
        c.next = null;
        return c;
    }

    void freeIncoming(IncomingCommand c) {
        ByteBuf packet = c.packet;
        c.clear();
        if (packet != null) {
            packet.release();
        }
        if (freeIncomingCount < POOL_LIMIT) {
            c.next = freeIncoming;
            freeIncoming = c;
            freeIncomingCount++;
        }
    }
}
