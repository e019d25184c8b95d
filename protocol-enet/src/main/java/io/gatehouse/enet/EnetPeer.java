package io.gatehouse.enet;

import io.gatehouse.enet.wire.Command;
import io.gatehouse.enet.wire.Protocol;
import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * One remote endpoint of a host ({@code ENetPeer}). All state lives on the host's event loop; the public
 * methods may be called from any thread (off the loop they are handed to it). A peer object stands for one
 * connection: after it disconnects it stays DISCONNECTED and a new connection gets a new object.
 */
public final class EnetPeer {
    static final int DEFAULT_ROUND_TRIP_TIME = 500;
    static final int DEFAULT_PACKET_THROTTLE = 32;
    static final int PACKET_THROTTLE_SCALE = 32;
    static final int PACKET_THROTTLE_COUNTER = 7;
    static final int PACKET_THROTTLE_ACCELERATION = 2;
    static final int PACKET_THROTTLE_DECELERATION = 2;
    static final int PACKET_THROTTLE_INTERVAL = 5000;
    static final int PACKET_LOSS_SCALE = 1 << 16;
    static final int PACKET_LOSS_INTERVAL = 10000;
    static final int WINDOW_SIZE_SCALE = 64 * 1024;
    public static final int DEFAULT_TIMEOUT_LIMIT = 32;
    public static final int DEFAULT_TIMEOUT_MINIMUM = 5000;
    public static final int DEFAULT_TIMEOUT_MAXIMUM = 30000;
    public static final int DEFAULT_PING_INTERVAL = 500;
    static final int UNSEQUENCED_WINDOW_SIZE = 1024;
    static final int FREE_UNSEQUENCED_WINDOWS = 32;

    final HostCore host;
    final int incomingPeerId;
    int outgoingPeerId = Protocol.MAXIMUM_PEER_ID;
    int connectId;
    int outgoingSessionId;
    int incomingSessionId;
    InetSocketAddress address;
    private volatile Object attachment;
    volatile PeerState state = PeerState.DISCONNECTED;
    PeerChannel[] channels;
    int channelCount;

    long incomingBandwidth;
    long outgoingBandwidth;
    long incomingBandwidthThrottleEpoch;
    long outgoingBandwidthThrottleEpoch;
    long incomingDataTotal;
    long outgoingDataTotal;
    long lastSendTime;
    long lastReceiveTime;
    long nextTimeout;
    long earliestTimeout;
    long packetLossEpoch;
    long packetsSent;
    long packetsLost;
    long packetLoss;
    long packetLossVariance;
    long packetThrottle = DEFAULT_PACKET_THROTTLE;
    long packetThrottleLimit = PACKET_THROTTLE_SCALE;
    long packetThrottleCounter;
    long packetThrottleEpoch;
    long packetThrottleAcceleration = PACKET_THROTTLE_ACCELERATION;
    long packetThrottleDeceleration = PACKET_THROTTLE_DECELERATION;
    long packetThrottleInterval = PACKET_THROTTLE_INTERVAL;
    long pingInterval = DEFAULT_PING_INTERVAL;
    long timeoutLimit = DEFAULT_TIMEOUT_LIMIT;
    long timeoutMinimum = DEFAULT_TIMEOUT_MINIMUM;
    long timeoutMaximum = DEFAULT_TIMEOUT_MAXIMUM;
    long lastRoundTripTime = DEFAULT_ROUND_TRIP_TIME;
    long lowestRoundTripTime = DEFAULT_ROUND_TRIP_TIME;
    long lastRoundTripTimeVariance;
    long highestRoundTripTimeVariance;
    volatile long roundTripTime = DEFAULT_ROUND_TRIP_TIME;
    long roundTripTimeVariance;
    int mtu;
    long windowSize = Protocol.MAXIMUM_WINDOW_SIZE;
    long reliableDataInTransit;
    int outgoingReliableSeq;

    /**
     * The remote side's handshake command (its CONNECT, or its VERIFY_CONNECT when we connected) that we
     * acknowledge ahead of our first reliable command in every datagram until it answers: sequence number (-1:
     * none), command byte, the sent time of its datagram and when that arrived here.
     */
    int handshakeAckSeq = -1;
    int handshakeAckCommand;
    int handshakeSentTime;
    long handshakeReceivedAt;

    /** Second copies of acknowledgements of retransmitted commands (see SendPath); allocated on first use. */
    long[] redundantAcks;
    int redundantAckCount;

    /** Pending acknowledgements, packed by {@link #packAck}; allocated on first use. */
    long[] acks;
    int ackCount;
    final OutgoingList sentReliableCommands = new OutgoingList();
    final OutgoingList outgoingCommands = new OutgoingList();
    final IncomingList dispatchedCommands = new IncomingList();
    boolean needsDispatch;
    /** Listed in the host's flush set. */
    boolean dirty;
    boolean continueSending;
    int incomingUnsequencedGroup;
    int outgoingUnsequencedGroup;
    /** Bit set of seen unsequenced groups; allocated on the first unsequenced receive. */
    int[] unsequencedWindow;
    int eventData;
    long totalWaitingData;

    /** Bandwidth limits last told to the peer, to skip BANDWIDTH_LIMIT commands that change nothing. */
    long advertisedIncomingBandwidth;
    long advertisedOutgoingBandwidth;

    DisconnectReason disconnectReason = DisconnectReason.LOCAL;
    /** Connected, but the listener has not been told yet. */
    boolean connectEventPending;
    boolean connectNotified;
    boolean disconnectNotified;
    CompletableFuture<EnetPeer> connectFuture;
    /** Index in the host's active peer list, or -1. */
    int activeIndex = -1;

    // lifetime counters for metrics (libenet's packetsSent/packetsLost are reset every 10 s for the loss estimate)
    volatile long totalPacketsSent;
    volatile long totalPacketsLost;
    volatile long totalBytesSent;
    volatile long totalBytesReceived;
    volatile long totalPacketsReceived;

    EnetPeer(HostCore host, int incomingPeerId, int mtu, int incomingSessionId, int outgoingSessionId) {
        this.host = host;
        this.incomingPeerId = incomingPeerId;
        this.mtu = mtu;
        this.incomingSessionId = incomingSessionId;
        this.outgoingSessionId = outgoingSessionId;
    }

    // ------------------------------------------------------------------ public API

    /**
     * Queues a message. Takes ownership of {@code payload} (released once sent, or at once on failure).
     *
     * @return false if the peer is not connected, the channel does not exist or the message is too large;
     *     off the event loop the send is handed to the loop and this returns true
     */
    public boolean send(int channelId, ByteBuf payload, DeliveryMode mode) {
        if (!host.inEventLoop()) {
            host.execute(() -> send(channelId, payload, mode));
            return true;
        }
        boolean queued;
        try {
            queued = queueSend(channelId, payload, mode);
        } catch (RuntimeException e) {
            payload.release();
            throw e;
        }
        if (!queued) {
            payload.release();
            return false;
        }
        host.requestFlush();
        return true;
    }

    /** Graceful disconnect: DISCONNECT is sent reliably, {@code onDisconnect(LOCAL)} follows its acknowledgement. */
    public void disconnect(int data) {
        if (!host.inEventLoop()) {
            host.execute(() -> disconnect(data));
            return;
        }
        disconnectInternal(data);
        host.requestFlush();
    }

    /** Disconnects once every queued outgoing message has been sent and acknowledged. */
    public void disconnectLater(int data) {
        if (!host.inEventLoop()) {
            host.execute(() -> disconnectLater(data));
            return;
        }
        if ((state == PeerState.CONNECTED || state == PeerState.DISCONNECT_LATER)
            && !(outgoingCommands.isEmpty() && sentReliableCommands.isEmpty())) {
            state = PeerState.DISCONNECT_LATER;
            eventData = data;
        } else {
            disconnectInternal(data);
        }
        host.requestFlush();
    }

    /** Sends one unacknowledged DISCONNECT and drops the peer at once ({@code onDisconnect(LOCAL)} follows). */
    public void disconnectNow(int data) {
        if (!host.inEventLoop()) {
            host.execute(() -> disconnectNow(data));
            return;
        }
        if (state == PeerState.DISCONNECTED) {
            return;
        }
        if (state != PeerState.ZOMBIE && state != PeerState.DISCONNECTING) {
            resetQueues();
            queueDisconnect(Protocol.FLAG_UNSEQUENCED, data);
            host.flushPeer(this);
        }
        resetLocally();
    }

    /** Drops the peer without telling the remote side ({@code onDisconnect(LOCAL)} follows if it was connected). */
    public void reset() {
        if (!host.inEventLoop()) {
            host.execute(this::reset);
            return;
        }
        if (state != PeerState.DISCONNECTED) {
            resetLocally();
        }
    }

    /** ENet's {@code enet_peer_timeout}; 0 keeps a parameter at its default (32, 5000 ms, 30000 ms). */
    public void setTimeout(int limit, int minimumMillis, int maximumMillis) {
        if (!host.inEventLoop()) {
            host.execute(() -> setTimeout(limit, minimumMillis, maximumMillis));
            return;
        }
        timeoutLimit = limit != 0 ? Integer.toUnsignedLong(limit) : DEFAULT_TIMEOUT_LIMIT;
        timeoutMinimum = minimumMillis != 0 ? Integer.toUnsignedLong(minimumMillis) : DEFAULT_TIMEOUT_MINIMUM;
        timeoutMaximum = maximumMillis != 0 ? Integer.toUnsignedLong(maximumMillis) : DEFAULT_TIMEOUT_MAXIMUM;
    }

    /** ENet's {@code enet_peer_ping_interval}; 0 means the default 500 ms. */
    public void setPingInterval(int millis) {
        if (!host.inEventLoop()) {
            host.execute(() -> setPingInterval(millis));
            return;
        }
        pingInterval = millis != 0 ? millis : DEFAULT_PING_INTERVAL;
    }

    /** ENet's {@code enet_peer_throttle_configure}: sets the parameters and tells the remote peer. */
    public void throttleConfigure(int intervalMillis, int acceleration, int deceleration) {
        if (!host.inEventLoop()) {
            host.execute(() -> throttleConfigure(intervalMillis, acceleration, deceleration));
            return;
        }
        packetThrottleInterval = Integer.toUnsignedLong(intervalMillis);
        packetThrottleAcceleration = Integer.toUnsignedLong(acceleration);
        packetThrottleDeceleration = Integer.toUnsignedLong(deceleration);
        if (state == PeerState.DISCONNECTED) {
            return;
        }
        OutgoingCommand c = newControlCommand(Protocol.COMMAND_THROTTLE_CONFIGURE | Protocol.FLAG_ACKNOWLEDGE);
        c.packetThrottleInterval = packetThrottleInterval;
        c.packetThrottleAcceleration = packetThrottleAcceleration;
        c.packetThrottleDeceleration = packetThrottleDeceleration;
        setupOutgoingCommand(c);
        host.requestFlush();
    }

    public InetSocketAddress remoteAddress() {
        return address;
    }

    public PeerState state() {
        return state;
    }

    public boolean isConnected() {
        return state == PeerState.CONNECTED;
    }

    /** This side's ID for the peer (the peer writes it in its headers). */
    public int incomingPeerId() {
        return incomingPeerId;
    }

    /** The remote side's ID for this connection (written in our headers). */
    public int outgoingPeerId() {
        return outgoingPeerId;
    }

    public int connectId() {
        return connectId;
    }

    public int channelCount() {
        return channelCount;
    }

    public int mtu() {
        return mtu;
    }

    /** Smoothed round trip time in ms. */
    public long roundTripTime() {
        return roundTripTime;
    }

    public long roundTripTimeVariance() {
        return roundTripTimeVariance;
    }

    /** Mean packet loss of reliable commands, scaled by 65536 (libenet's {@code packetLoss}). */
    public long packetLoss() {
        return packetLoss;
    }

    public long packetsSent() {
        return totalPacketsSent;
    }

    /** Reliable commands that timed out and were retransmitted. */
    public long packetsLost() {
        return totalPacketsLost;
    }

    public long packetsReceived() {
        return totalPacketsReceived;
    }

    public long bytesSent() {
        return totalBytesSent;
    }

    public long bytesReceived() {
        return totalBytesReceived;
    }

    public Object attachment() {
        return attachment;
    }

    public void attach(Object value) {
        attachment = value;
    }

    public EnetHost host() {
        return host.owner();
    }

    @Override
    public String toString() {
        return "EnetPeer{" + incomingPeerId + "->" + outgoingPeerId + ", " + address + ", " + state + "}";
    }

    /** Internal counters for diagnosing a stalled connection (read on the event loop). */
    String debugState() {
        int outgoing = 0;
        for (OutgoingCommand c = outgoingCommands.head; c != null; c = c.next) {
            outgoing++;
        }
        int sent = 0;
        for (OutgoingCommand c = sentReliableCommands.head; c != null; c = c.next) {
            sent++;
        }
        return toString() + " rtt=" + roundTripTime + "/" + roundTripTimeVariance + " throttle=" + packetThrottle
            + "/" + packetThrottleLimit + " window=" + windowSize + " inTransit=" + reliableDataInTransit
            + " outgoing=" + outgoing + " sentReliable=" + sent + " acks=" + ackCount + " waiting=" + totalWaitingData
            + " lost=" + totalPacketsLost + " nextTimeout=" + nextTimeout + " now=" + host.serviceTime
            + " head=" + (sentReliableCommands.head == null ? "-" : sentReliableCommands.head.reliableSeq + "@"
            + sentReliableCommands.head.channelId + " attempts=" + sentReliableCommands.head.sendAttempts
            + " rto=" + sentReliableCommands.head.roundTripTimeout);
    }

    // ------------------------------------------------------------------ sending (peer.c)

    boolean queueSend(int channelId, ByteBuf payload, DeliveryMode mode) {
        int length = payload.readableBytes();
        if (state != PeerState.CONNECTED || channelId < 0 || channelId >= channelCount
            || length > host.config.maximumPacketSize()) {
            return false;
        }
        PeerChannel channel = channels[channelId];
        int fragmentLength = mtu - Protocol.HEADER_SIZE - Protocol.commandSize(Protocol.COMMAND_SEND_FRAGMENT);
        if (length > fragmentLength) {
            int fragmentCount = (length + fragmentLength - 1) / fragmentLength;
            if (fragmentCount > Protocol.MAXIMUM_FRAGMENT_COUNT) {
                return false;
            }
            int commandByte;
            int startSeq;
            if (mode == DeliveryMode.UNRELIABLE_FRAGMENTED && channel.outgoingUnreliableSeq < 0xFFFF) {
                commandByte = Protocol.COMMAND_SEND_UNRELIABLE_FRAGMENT;
                startSeq = (channel.outgoingUnreliableSeq + 1) & 0xFFFF;
            } else {
                commandByte = Protocol.COMMAND_SEND_FRAGMENT | Protocol.FLAG_ACKNOWLEDGE;
                startSeq = (channel.outgoingReliableSeq + 1) & 0xFFFF;
            }
            // one reference per fragment command; the caller's reference becomes the first fragment's
            payload.retain(fragmentCount - 1);
            int base = payload.readerIndex();
            for (int number = 0, offset = 0; offset < length; number++, offset += fragmentLength) {
                int thisLength = Math.min(fragmentLength, length - offset);
                OutgoingCommand f = host.newOutgoing();
                f.command = commandByte;
                f.channelId = channelId;
                f.startSequenceNumber = startSeq;
                f.dataLength = thisLength;
                f.fragmentCount = fragmentCount;
                f.fragmentNumber = number;
                f.totalLength = length;
                f.fragmentOffset = offset;
                f.packet = payload;
                f.payloadOffset = base + offset;
                f.payloadLength = thisLength;
                setupOutgoingCommand(f);
            }
            return true;
        }
        OutgoingCommand c = host.newOutgoing();
        c.channelId = channelId;
        if (mode == DeliveryMode.UNSEQUENCED) {
            c.command = Protocol.COMMAND_SEND_UNSEQUENCED | Protocol.FLAG_UNSEQUENCED;
        } else if (mode == DeliveryMode.RELIABLE || channel.outgoingUnreliableSeq >= 0xFFFF) {
            c.command = Protocol.COMMAND_SEND_RELIABLE | Protocol.FLAG_ACKNOWLEDGE;
        } else {
            c.command = Protocol.COMMAND_SEND_UNRELIABLE;
        }
        c.dataLength = length;
        c.fragmentOffset = 0;
        c.packet = payload;
        c.payloadOffset = payload.readerIndex();
        c.payloadLength = length;
        setupOutgoingCommand(c);
        return true;
    }

    OutgoingCommand newControlCommand(int commandByte) {
        OutgoingCommand c = host.newOutgoing();
        c.command = commandByte;
        c.channelId = Protocol.CONTROL_CHANNEL;
        return c;
    }

    /** {@code enet_peer_setup_outgoing_command}: assigns sequence numbers and queues the command. */
    void setupOutgoingCommand(OutgoingCommand c) {
        outgoingDataTotal += Protocol.commandSize(c.command) + c.payloadLength;
        if (c.channelId == Protocol.CONTROL_CHANNEL) {
            outgoingReliableSeq = (outgoingReliableSeq + 1) & 0xFFFF;
            c.reliableSeq = outgoingReliableSeq;
            c.unreliableSeq = 0;
        } else if ((c.command & Protocol.FLAG_ACKNOWLEDGE) != 0) {
            PeerChannel channel = channels[c.channelId];
            channel.outgoingReliableSeq = (channel.outgoingReliableSeq + 1) & 0xFFFF;
            channel.outgoingUnreliableSeq = 0;
            c.reliableSeq = channel.outgoingReliableSeq;
            c.unreliableSeq = 0;
        } else if ((c.command & Protocol.FLAG_UNSEQUENCED) != 0) {
            outgoingUnsequencedGroup = (outgoingUnsequencedGroup + 1) & 0xFFFF;
            c.reliableSeq = 0;
            c.unreliableSeq = 0;
        } else {
            PeerChannel channel = channels[c.channelId];
            if (c.fragmentOffset == 0) {
                channel.outgoingUnreliableSeq = (channel.outgoingUnreliableSeq + 1) & 0xFFFF;
            }
            c.reliableSeq = channel.outgoingReliableSeq;
            c.unreliableSeq = channel.outgoingUnreliableSeq;
        }
        c.sendAttempts = 0;
        c.sentTime = 0;
        c.roundTripTimeout = 0;
        c.reliableSequenceNumber = c.reliableSeq;
        switch (c.command & Protocol.COMMAND_MASK) {
            case Protocol.COMMAND_SEND_UNRELIABLE -> c.unreliableSequenceNumber = c.unreliableSeq;
            case Protocol.COMMAND_SEND_UNSEQUENCED -> c.unsequencedGroup = outgoingUnsequencedGroup;
            default -> {
            }
        }
        c.queueTime = host.serviceTime;
        outgoingCommands.addLast(c);
        host.markDirty(this);
    }

    void queueDisconnect(int flag, int data) {
        OutgoingCommand c = newControlCommand(Protocol.COMMAND_DISCONNECT | flag);
        c.data = data;
        setupOutgoingCommand(c);
    }

    void ping() {
        if (state != PeerState.CONNECTED) {
            return;
        }
        setupOutgoingCommand(newControlCommand(Protocol.COMMAND_PING | Protocol.FLAG_ACKNOWLEDGE));
    }

    boolean hasOutgoingCommands() {
        return !(outgoingCommands.isEmpty() && sentReliableCommands.isEmpty());
    }

    // ------------------------------------------------------------------ acknowledgements

    void expectHandshakeAck(Command command, int sentTime, long receivedAt) {
        handshakeAckSeq = command.reliableSequenceNumber;
        handshakeAckCommand = command.command;
        handshakeSentTime = sentTime;
        handshakeReceivedAt = receivedAt;
    }

    /**
     * The sent time our repeated handshake ACK echoes: the original, moved on by the time we have held it, so the
     * remote side's round-trip sample measures the network rather than our waiting.
     */
    int handshakeAckSentTime(long now) {
        return (int) ((handshakeSentTime + (now - handshakeReceivedAt)) & 0xFFFF);
    }

    static long packAck(int commandByte, int channelId, int reliableSeq, int sentTime) {
        return ((long) (commandByte & 0xFF) << 40) | ((long) (channelId & 0xFF) << 32)
            | ((long) (reliableSeq & 0xFFFF) << 16) | (sentTime & 0xFFFF);
    }

    /** {@code enet_peer_queue_acknowledgement}; false when the command lies in the window ENet refuses to ack. */
    boolean queueAcknowledgement(Command command, int sentTime) {
        if (command.channelId < channelCount) {
            PeerChannel channel = channels[command.channelId];
            int reliableWindow = command.reliableSequenceNumber / PeerChannel.RELIABLE_WINDOW_SIZE;
            int currentWindow = channel.incomingReliableSeq / PeerChannel.RELIABLE_WINDOW_SIZE;
            if (command.reliableSequenceNumber < channel.incomingReliableSeq) {
                reliableWindow += PeerChannel.RELIABLE_WINDOWS;
            }
            if (reliableWindow >= currentWindow + PeerChannel.FREE_RELIABLE_WINDOWS - 1
                && reliableWindow <= currentWindow + PeerChannel.FREE_RELIABLE_WINDOWS) {
                return false;
            }
        }
        outgoingDataTotal += Protocol.commandSize(Protocol.COMMAND_ACKNOWLEDGE);
        if (acks == null) {
            acks = new long[8];
        } else if (ackCount == acks.length) {
            acks = java.util.Arrays.copyOf(acks, ackCount * 2);
        }
        acks[ackCount++] = packAck(command.command, command.channelId, command.reliableSequenceNumber, sentTime);
        host.markDirty(this);
        return true;
    }

    void queueRedundantAcknowledgement(Command command, int sentTime) {
        if (redundantAcks == null) {
            redundantAcks = new long[8];
        } else if (redundantAckCount == redundantAcks.length) {
            if (redundantAckCount >= Protocol.MAXIMUM_PACKET_COMMANDS) {
                return; // one datagram's worth; the rest rely on the ordinary acknowledgement
            }
            redundantAcks = java.util.Arrays.copyOf(redundantAcks, redundantAckCount * 2);
        }
        redundantAcks[redundantAckCount++] = packAck(command.command, command.channelId, command.reliableSequenceNumber,
            sentTime);
    }

    // ------------------------------------------------------------------ state changes (protocol.c)

    void onConnectCounted() {
        if (state != PeerState.CONNECTED && state != PeerState.DISCONNECT_LATER) {
            if (incomingBandwidth != 0) {
                host.bandwidthLimitedPeers++;
            }
            host.stats.connectedPeers++;
        }
    }

    void onDisconnectCounted() {
        if (state == PeerState.CONNECTED || state == PeerState.DISCONNECT_LATER) {
            if (incomingBandwidth != 0) {
                host.bandwidthLimitedPeers--;
            }
            host.stats.connectedPeers--;
        }
    }

    void changeState(PeerState newState) {
        if (newState == PeerState.CONNECTED || newState == PeerState.DISCONNECT_LATER) {
            onConnectCounted();
        } else {
            onDisconnectCounted();
        }
        state = newState;
    }

    void dispatchState(PeerState newState) {
        changeState(newState);
        host.markForDispatch(this);
    }

    void disconnectInternal(int data) {
        if (state == PeerState.DISCONNECTING || state == PeerState.DISCONNECTED
            || state == PeerState.ACKNOWLEDGING_DISCONNECT || state == PeerState.ZOMBIE) {
            return;
        }
        resetQueues();
        boolean connected = state == PeerState.CONNECTED || state == PeerState.DISCONNECT_LATER;
        queueDisconnect(connected ? Protocol.FLAG_ACKNOWLEDGE : Protocol.FLAG_UNSEQUENCED, data);
        if (connected) {
            onDisconnectCounted();
            state = PeerState.DISCONNECTING;
            disconnectReason = DisconnectReason.LOCAL;
        } else {
            host.flushPeer(this);
            resetLocally();
        }
    }

    /** Local reset: drops the peer and tells the listener if it had seen the connection. */
    void resetLocally() {
        disconnectReason = DisconnectReason.LOCAL;
        eventData = 0;
        host.notifyLocalDisconnect(this);
        resetPeer();
    }

    /** {@code enet_peer_reset_queues}: releases every buffer the peer holds. */
    void resetQueues() {
        host.removeFromDispatch(this);
        ackCount = 0;
        redundantAckCount = 0;
        handshakeAckSeq = -1;
        if (acks != null && acks.length > 64) {
            acks = null;
        }
        releaseOutgoing(sentReliableCommands);
        releaseOutgoing(outgoingCommands);
        releaseIncoming(dispatchedCommands);
        if (channels != null) {
            for (int i = 0; i < channelCount; i++) {
                releaseIncoming(channels[i].incomingReliable);
                releaseIncoming(channels[i].incomingUnreliable);
            }
        }
        channels = null;
        channelCount = 0;
        totalWaitingData = 0;
        reliableDataInTransit = 0;
    }

    private void releaseOutgoing(OutgoingList list) {
        OutgoingCommand c;
        while ((c = list.head) != null) {
            list.remove(c);
            host.freeOutgoing(c);
        }
    }

    private void releaseIncoming(IncomingList list) {
        IncomingCommand c;
        while ((c = list.pollFirst()) != null) {
            host.freeIncoming(c);
        }
    }

    /** {@code enet_peer_reset}: back to DISCONNECTED and out of the host's slot table. */
    void resetPeer() {
        onDisconnectCounted();
        outgoingPeerId = Protocol.MAXIMUM_PEER_ID;
        state = PeerState.DISCONNECTED;
        resetQueues();
        unsequencedWindow = null;
        host.releaseSlot(this);
    }

    /** {@code enet_peer_throttle}: adapts the unreliable packet throttle to a new RTT sample. */
    int throttle(long rtt) {
        if (lastRoundTripTime <= lastRoundTripTimeVariance) {
            packetThrottle = packetThrottleLimit;
        } else if (rtt <= lastRoundTripTime) {
            packetThrottle += packetThrottleAcceleration;
            if (packetThrottle > packetThrottleLimit) {
                packetThrottle = packetThrottleLimit;
            }
            return 1;
        } else if (rtt > lastRoundTripTime + 2 * lastRoundTripTimeVariance) {
            if (packetThrottle > packetThrottleDeceleration) {
                packetThrottle -= packetThrottleDeceleration;
            } else {
                packetThrottle = 0;
            }
            return -1;
        }
        return 0;
    }

    boolean isUnsequencedSeen(int index) {
        return unsequencedWindow != null && (unsequencedWindow[index >>> 5] & (1 << (index & 31))) != 0;
    }

    void markUnsequencedSeen(int index) {
        if (unsequencedWindow == null) {
            unsequencedWindow = new int[UNSEQUENCED_WINDOW_SIZE / 32];
        }
        unsequencedWindow[index >>> 5] |= 1 << (index & 31);
    }

    void clearUnsequencedWindow() {
        if (unsequencedWindow != null) {
            java.util.Arrays.fill(unsequencedWindow, 0);
        }
    }
}
