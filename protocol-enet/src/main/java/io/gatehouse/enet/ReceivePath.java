package io.gatehouse.enet;

import io.gatehouse.enet.wire.Command;
import io.gatehouse.enet.wire.Protocol;
import io.gatehouse.enet.wire.ProtocolHeader;
import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;

/** Parses one datagram and applies its commands ({@code enet_protocol_handle_incoming_commands} and handlers). */
final class ReceivePath {
    private static final int OK = 0;
    private static final int ERROR = -1;

    private final HostCore host;
    /** Reused for every command: decoding allocates nothing. */
    private final Command command = new Command();
    /** The command being handled is a reliable one we already had: the peer retransmitted it. */
    private boolean duplicate;
    /** Sent time in the header of the datagram being handled, or -1 when it has none. */
    private int sentTimeOfDatagram = -1;

    ReceivePath(HostCore host) {
        this.host = host;
    }

    void receive(InetSocketAddress from, ByteBuf data) {
        int base = data.readerIndex();
        int length = data.readableBytes();
        int end = base + length;
        if (length < Protocol.HEADER_SIZE_NO_TIME) {
            host.stats.malformedDatagrams++;
            return;
        }
        int raw = data.getUnsignedShort(base);
        int sessionId = ProtocolHeader.sessionId(raw);
        int flags = ProtocolHeader.flags(raw);
        int peerId = ProtocolHeader.peerId(raw);
        int headerSize = ProtocolHeader.size(raw);
        if (length < headerSize || (flags & Protocol.HEADER_FLAG_COMPRESSED) != 0) {
            // stock ENet without a compressor drops compressed datagrams
            host.stats.malformedDatagrams++;
            return;
        }
        EnetPeer peer;
        if (peerId == Protocol.MAXIMUM_PEER_ID) {
            peer = null;
        } else {
            peer = peerId < host.slots.length ? host.slots[peerId] : null;
            if (peer == null || peer.state == PeerState.DISCONNECTED || peer.state == PeerState.ZOMBIE
                || !from.equals(peer.address)
                || (peer.outgoingPeerId < Protocol.MAXIMUM_PEER_ID && sessionId != peer.incomingSessionId)) {
                host.stats.malformedDatagrams++;
                return;
            }
            peer.incomingDataTotal += length;
            peer.totalBytesReceived += length;
            peer.totalPacketsReceived++;
            // an acknowledgement may have opened the window for queued commands
            host.markDirty(peer);
        }
        int sentTime = headerSize == Protocol.HEADER_SIZE ? data.getUnsignedShort(base + 2) : 0;
        sentTimeOfDatagram = headerSize == Protocol.HEADER_SIZE ? sentTime : -1;
        int pos = base + headerSize;
        Command c = command;
        while (pos < end) {
            int size = c.decode(data, pos, end);
            if (size < 0) {
                host.stats.malformedDatagrams++;
                break;
            }
            pos += size;
            int number = c.number();
            if (peer == null && number != Protocol.COMMAND_CONNECT) {
                break;
            }
            if (peer != null && peer.state == PeerState.ACKNOWLEDGING_CONNECT && provesVerifyReceived(number)) {
                acknowledgeVerifyImplicitly(peer);
            }
            int result;
            duplicate = false;
            switch (number) {
                case Protocol.COMMAND_ACKNOWLEDGE -> result = handleAcknowledge(peer, c);
                case Protocol.COMMAND_CONNECT -> {
                    if (peer != null) {
                        result = ERROR;
                    } else {
                        // the gate (if any) decides asynchronously; nothing else in this datagram applies yet
                        host.onConnectCommand(from, c, headerSize == Protocol.HEADER_SIZE ? sentTime : -1);
                        return;
                    }
                }
                case Protocol.COMMAND_VERIFY_CONNECT -> result = handleVerifyConnect(peer, c);
                case Protocol.COMMAND_DISCONNECT -> result = handleDisconnect(peer, c);
                case Protocol.COMMAND_PING -> result = isConnected(peer) ? OK : ERROR;
                case Protocol.COMMAND_SEND_RELIABLE, Protocol.COMMAND_SEND_UNRELIABLE -> {
                    result = handleSend(peer, c, data, pos, end);
                    if (result >= 0) {
                        pos = result;
                    }
                }
                case Protocol.COMMAND_SEND_UNSEQUENCED -> {
                    result = handleSendUnsequenced(peer, c, data, pos, end);
                    if (result >= 0) {
                        pos = result;
                    }
                }
                case Protocol.COMMAND_SEND_FRAGMENT -> {
                    result = handleSendFragment(peer, c, data, pos, end);
                    if (result >= 0) {
                        pos = result;
                    }
                }
                case Protocol.COMMAND_SEND_UNRELIABLE_FRAGMENT -> {
                    result = handleSendUnreliableFragment(peer, c, data, pos, end);
                    if (result >= 0) {
                        pos = result;
                    }
                }
                case Protocol.COMMAND_BANDWIDTH_LIMIT -> result = handleBandwidthLimit(peer, c);
                case Protocol.COMMAND_THROTTLE_CONFIGURE -> result = handleThrottleConfigure(peer, c);
                default -> result = ERROR;
            }
            if (result < 0) {
                host.stats.malformedDatagrams++;
                break;
            }
            if (peer.state == PeerState.DISCONNECTED) {
                // reset while handling (e.g. DISCONNECT during the handshake): the rest is meaningless
                break;
            }
            if (c.isAcknowledged()) {
                if ((flags & Protocol.HEADER_FLAG_SENT_TIME) == 0) {
                    break;
                }
                switch (peer.state) {
                    case DISCONNECTING, ACKNOWLEDGING_CONNECT, DISCONNECTED, ZOMBIE -> {
                    }
                    case ACKNOWLEDGING_DISCONNECT -> {
                        if (number == Protocol.COMMAND_DISCONNECT) {
                            peer.queueAcknowledgement(c, sentTime);
                        }
                    }
                    default -> {
                        if (peer.queueAcknowledgement(c, sentTime) && duplicate) {
                            peer.queueRedundantAcknowledgement(c, sentTime);
                        }
                    }
                }
            }
        }
    }

    /** Commands a client sends only once connected, i.e. after it has processed our VERIFY_CONNECT. */
    private static boolean provesVerifyReceived(int number) {
        return switch (number) {
            case Protocol.COMMAND_PING, Protocol.COMMAND_SEND_RELIABLE, Protocol.COMMAND_SEND_UNRELIABLE,
                Protocol.COMMAND_SEND_FRAGMENT, Protocol.COMMAND_SEND_UNSEQUENCED,
                Protocol.COMMAND_SEND_UNRELIABLE_FRAGMENT -> true;
            default -> false;
        };
    }

    /**
     * Completes the handshake without the ACK of VERIFY_CONNECT. libenet waits for that ACK and rejects the
     * client's data until then, but the client sends it only once: when it is lost or overtaken by the data
     * behind it (reordering), every command of the client's first flight is refused and starts on libenet's
     * 500 ms retransmission backoff, which a lossy link can stretch into a client-side timeout. The client writes
     * our peer ID and session into its header only after processing VERIFY_CONNECT, and it sends data or pings
     * only when connected, so such a datagram from the peer's address proves the handshake as well as the ACK
     * would (which stays harmless when it arrives later).
     */
    private void acknowledgeVerifyImplicitly(EnetPeer peer) {
        OutgoingCommand verify = peer.sentReliableCommands.head;
        if (verify != null && verify.number() == Protocol.COMMAND_VERIFY_CONNECT && verify.sendAttempts == 1
            && peer.lastReceiveTime == 0) {
            // the ACK would have been our first round-trip sample; without one our first replies would start
            // at the default 500 ms retransmission timeout
            sampleRoundTripTime(peer, Math.max(host.serviceTime - verify.sentTime, 1));
        }
        removeSentReliableCommand(peer, 1, Protocol.CONTROL_CHANNEL); // VERIFY_CONNECT is the peer's first command
        peer.handshakeAckSeq = -1;
        host.notifyConnect(peer);
    }

    private static boolean isConnected(EnetPeer peer) {
        return peer.state == PeerState.CONNECTED || peer.state == PeerState.DISCONNECT_LATER;
    }

    // ------------------------------------------------------------------ handshake

    /**
     * {@code enet_protocol_handle_connect}: creates the peer and queues VERIFY_CONNECT; null if refused.
     *
     * @param sentTime the CONNECT datagram's sent time (-1: none), for our acknowledgement of it
     * @param receivedAt when it arrived (the gate may have held it since)
     */
    EnetPeer handleConnect(InetSocketAddress from, Command c, int sentTime, long receivedAt) {
        long channelCount = c.channelCount;
        if (channelCount < Protocol.MINIMUM_CHANNEL_COUNT || channelCount > Protocol.MAXIMUM_CHANNEL_COUNT) {
            return null;
        }
        if (host.isDuplicateConnect(from, c.connectId)) {
            return null;
        }
        EnetPeer peer = host.allocatePeer();
        if (peer == null) {
            return null;
        }
        if (channelCount > host.config.channelLimit()) {
            channelCount = host.config.channelLimit();
        }
        peer.channels = newChannels((int) channelCount);
        peer.channelCount = (int) channelCount;
        peer.state = PeerState.ACKNOWLEDGING_CONNECT;
        peer.connectId = c.connectId;
        peer.address = from;
        host.registerConnect(peer);
        peer.outgoingPeerId = c.outgoingPeerId;
        peer.incomingBandwidth = c.incomingBandwidth;
        peer.outgoingBandwidth = c.outgoingBandwidth;
        peer.packetThrottleInterval = c.packetThrottleInterval;
        peer.packetThrottleAcceleration = c.packetThrottleAcceleration;
        peer.packetThrottleDeceleration = c.packetThrottleDeceleration;
        peer.eventData = c.data;

        int sessionMask = Protocol.HEADER_SESSION_MASK >>> Protocol.HEADER_SESSION_SHIFT;
        int incomingSessionId = c.incomingSessionId == 0xFF ? peer.outgoingSessionId : c.incomingSessionId;
        incomingSessionId = (incomingSessionId + 1) & sessionMask;
        if (incomingSessionId == peer.outgoingSessionId) {
            incomingSessionId = (incomingSessionId + 1) & sessionMask;
        }
        peer.outgoingSessionId = incomingSessionId;
        int outgoingSessionId = c.outgoingSessionId == 0xFF ? peer.incomingSessionId : c.outgoingSessionId;
        outgoingSessionId = (outgoingSessionId + 1) & sessionMask;
        if (outgoingSessionId == peer.incomingSessionId) {
            outgoingSessionId = (outgoingSessionId + 1) & sessionMask;
        }
        peer.incomingSessionId = outgoingSessionId;

        long mtu = Math.max(Protocol.MINIMUM_MTU, Math.min(Protocol.MAXIMUM_MTU, c.mtu));
        if (mtu < peer.mtu) {
            peer.mtu = (int) mtu;
        }
        peer.windowSize = windowFor(host.config.outgoingBandwidth(), peer.incomingBandwidth);

        long windowSize = host.config.incomingBandwidth() == 0 ? Protocol.MAXIMUM_WINDOW_SIZE
            : (host.config.incomingBandwidth() / EnetPeer.WINDOW_SIZE_SCALE) * Protocol.MINIMUM_WINDOW_SIZE;
        if (windowSize > c.windowSize) {
            windowSize = c.windowSize;
        }
        windowSize = Math.max(Protocol.MINIMUM_WINDOW_SIZE, Math.min(Protocol.MAXIMUM_WINDOW_SIZE, windowSize));

        OutgoingCommand verify = peer.newControlCommand(Protocol.COMMAND_VERIFY_CONNECT | Protocol.FLAG_ACKNOWLEDGE);
        verify.outgoingPeerId = peer.incomingPeerId;
        verify.incomingSessionId = incomingSessionId;
        verify.outgoingSessionId = outgoingSessionId;
        verify.mtu = peer.mtu;
        verify.windowSize = windowSize;
        verify.channelCount = channelCount;
        verify.incomingBandwidth = host.config.incomingBandwidth();
        verify.outgoingBandwidth = host.config.outgoingBandwidth();
        verify.packetThrottleInterval = peer.packetThrottleInterval;
        verify.packetThrottleAcceleration = peer.packetThrottleAcceleration;
        verify.packetThrottleDeceleration = peer.packetThrottleDeceleration;
        verify.connectId = peer.connectId;
        peer.setupOutgoingCommand(verify);
        peer.advertisedIncomingBandwidth = host.config.incomingBandwidth();
        peer.advertisedOutgoingBandwidth = host.config.outgoingBandwidth();
        if (sentTime >= 0) {
            // Not done by libenet, which lets VERIFY_CONNECT stand for the acknowledgement: an explicit ACK ahead
            // of every VERIFY_CONNECT gives the client a round-trip sample before its first data. Without one a
            // libenet client starts every command of its first flight at the default 500 ms timeout; on a lossy
            // link six attempts then span 15 s and a loss of all of them times the peer out. libenet accepts an
            // ACK while CONNECTING (it only measures and removes the CONNECT).
            peer.expectHandshakeAck(c, sentTime, receivedAt);
        }
        return peer;
    }

    static PeerChannel[] newChannels(int count) {
        PeerChannel[] channels = new PeerChannel[count];
        for (int i = 0; i < count; i++) {
            channels[i] = new PeerChannel();
        }
        return channels;
    }

    /** The reliable window a peer may use given both sides' bandwidth (ENet's window size rule). */
    static long windowFor(long hostOutgoingBandwidth, long peerIncomingBandwidth) {
        long window;
        if (hostOutgoingBandwidth == 0 && peerIncomingBandwidth == 0) {
            window = Protocol.MAXIMUM_WINDOW_SIZE;
        } else if (hostOutgoingBandwidth == 0 || peerIncomingBandwidth == 0) {
            window = (Math.max(hostOutgoingBandwidth, peerIncomingBandwidth) / EnetPeer.WINDOW_SIZE_SCALE)
                * Protocol.MINIMUM_WINDOW_SIZE;
        } else {
            window = (Math.min(hostOutgoingBandwidth, peerIncomingBandwidth) / EnetPeer.WINDOW_SIZE_SCALE)
                * Protocol.MINIMUM_WINDOW_SIZE;
        }
        return Math.max(Protocol.MINIMUM_WINDOW_SIZE, Math.min(Protocol.MAXIMUM_WINDOW_SIZE, window));
    }

    private int handleVerifyConnect(EnetPeer peer, Command c) {
        if (peer.state != PeerState.CONNECTING) {
            return OK;
        }
        if (c.channelCount < Protocol.MINIMUM_CHANNEL_COUNT || c.channelCount > Protocol.MAXIMUM_CHANNEL_COUNT
            || c.packetThrottleInterval != peer.packetThrottleInterval
            || c.packetThrottleAcceleration != peer.packetThrottleAcceleration
            || c.packetThrottleDeceleration != peer.packetThrottleDeceleration
            || c.connectId != peer.connectId) {
            peer.eventData = 0;
            peer.disconnectReason = DisconnectReason.REMOTE;
            peer.dispatchState(PeerState.ZOMBIE);
            return ERROR;
        }
        OutgoingCommand connect = peer.sentReliableCommands.head;
        if (connect != null && connect.number() == Protocol.COMMAND_CONNECT && connect.sendAttempts == 1
            && peer.lastReceiveTime == 0) {
            // Not done by libenet: VERIFY_CONNECT answers a CONNECT sent once, so it is a round-trip sample, and
            // without one our first flight of data would start at the default 500 ms retransmission timeout
            sampleRoundTripTime(peer, Math.max(host.serviceTime - connect.sentTime, 1));
        }
        removeSentReliableCommand(peer, 1, Protocol.CONTROL_CHANNEL);
        if (c.isAcknowledged() && sentTimeOfDatagram >= 0) {
            // A libenet server rejects our data until it has our ACK of VERIFY_CONNECT, which is sent once: when
            // it is lost the server only retransmits VERIFY_CONNECT on its slow initial timeouts while our first
            // flight is refused, and a few losses time us out. Until the server acknowledges anything (it cannot
            // before it has the ACK) every datagram of ours with a reliable command repeats that ACK.
            peer.expectHandshakeAck(c, sentTimeOfDatagram, host.serviceTime);
        }
        if (c.channelCount < peer.channelCount) {
            peer.channelCount = (int) c.channelCount;
        }
        peer.outgoingPeerId = c.outgoingPeerId;
        peer.incomingSessionId = c.incomingSessionId;
        peer.outgoingSessionId = c.outgoingSessionId;
        long mtu = Math.max(Protocol.MINIMUM_MTU, Math.min(Protocol.MAXIMUM_MTU, c.mtu));
        if (mtu < peer.mtu) {
            peer.mtu = (int) mtu;
        }
        long windowSize = Math.max(Protocol.MINIMUM_WINDOW_SIZE, Math.min(Protocol.MAXIMUM_WINDOW_SIZE, c.windowSize));
        if (windowSize < peer.windowSize) {
            peer.windowSize = windowSize;
        }
        peer.incomingBandwidth = c.incomingBandwidth;
        peer.outgoingBandwidth = c.outgoingBandwidth;
        host.notifyConnect(peer);
        return OK;
    }

    // ------------------------------------------------------------------ acknowledgements

    private int handleAcknowledge(EnetPeer peer, Command c) {
        if (peer.state == PeerState.DISCONNECTED || peer.state == PeerState.ZOMBIE) {
            return OK;
        }
        long serviceTime = host.serviceTime;
        long receivedSentTime = c.receivedSentTime | (serviceTime & ~0xFFFFL);
        if ((receivedSentTime & 0x8000) > (serviceTime & 0x8000)) {
            receivedSentTime -= 0x10000;
        }
        if (serviceTime < receivedSentTime) {
            return OK;
        }
        sampleRoundTripTime(peer, Math.max(serviceTime - receivedSentTime, 1));
        peer.earliestTimeout = 0;
        // any acknowledgement shows that the remote side has completed the handshake
        peer.handshakeAckSeq = -1;

        int commandNumber = removeSentReliableCommand(peer, c.receivedReliableSequenceNumber, c.channelId);
        switch (peer.state) {
            case ACKNOWLEDGING_CONNECT -> {
                if (commandNumber != Protocol.COMMAND_VERIFY_CONNECT) {
                    return ERROR;
                }
                host.notifyConnect(peer);
            }
            case DISCONNECTING -> {
                if (commandNumber != Protocol.COMMAND_DISCONNECT) {
                    return ERROR;
                }
                host.notifyDisconnect(peer, DisconnectReason.LOCAL);
            }
            case DISCONNECT_LATER -> {
                if (!peer.hasOutgoingCommands()) {
                    peer.disconnectInternal(peer.eventData);
                }
            }
            default -> {
            }
        }
        return OK;
    }

    /** The round-trip part of {@code enet_protocol_handle_acknowledge}: smoothing, throttle and its epoch. */
    private void sampleRoundTripTime(EnetPeer peer, long roundTripTime) {
        long serviceTime = host.serviceTime;
        if (peer.lastReceiveTime > 0) {
            peer.throttle(roundTripTime);
            peer.roundTripTimeVariance -= peer.roundTripTimeVariance / 4;
            if (roundTripTime >= peer.roundTripTime) {
                long diff = roundTripTime - peer.roundTripTime;
                peer.roundTripTimeVariance += diff / 4;
                peer.roundTripTime += diff / 8;
            } else {
                long diff = peer.roundTripTime - roundTripTime;
                peer.roundTripTimeVariance += diff / 4;
                peer.roundTripTime -= diff / 8;
            }
        } else {
            peer.roundTripTime = roundTripTime;
            peer.roundTripTimeVariance = (roundTripTime + 1) / 2;
        }
        if (peer.roundTripTime < peer.lowestRoundTripTime) {
            peer.lowestRoundTripTime = peer.roundTripTime;
        }
        if (peer.roundTripTimeVariance > peer.highestRoundTripTimeVariance) {
            peer.highestRoundTripTimeVariance = peer.roundTripTimeVariance;
        }
        if (peer.packetThrottleEpoch == 0 || serviceTime - peer.packetThrottleEpoch >= peer.packetThrottleInterval) {
            peer.lastRoundTripTime = peer.lowestRoundTripTime;
            peer.lastRoundTripTimeVariance = Math.max(peer.highestRoundTripTimeVariance, 1);
            peer.lowestRoundTripTime = peer.roundTripTime;
            peer.highestRoundTripTimeVariance = peer.roundTripTimeVariance;
            peer.packetThrottleEpoch = serviceTime;
        }
        peer.lastReceiveTime = Math.max(serviceTime, 1);
    }

    /** {@code enet_protocol_remove_sent_reliable_command}; returns the acknowledged command's number or 0. */
    int removeSentReliableCommand(EnetPeer peer, int reliableSeq, int channelId) {
        OutgoingCommand found = null;
        boolean wasSent = true;
        for (OutgoingCommand c = peer.sentReliableCommands.head; c != null; c = c.next) {
            if (c.reliableSeq == reliableSeq && c.channelId == channelId) {
                found = c;
                break;
            }
        }
        OutgoingList owner = peer.sentReliableCommands;
        if (found == null) {
            // an acknowledgement can overtake the retransmission timer that re-queued the command
            for (OutgoingCommand c = peer.outgoingCommands.head; c != null; c = c.next) {
                if ((c.command & Protocol.FLAG_ACKNOWLEDGE) == 0) {
                    continue;
                }
                if (c.sendAttempts < 1) {
                    break;
                }
                if (c.reliableSeq == reliableSeq && c.channelId == channelId) {
                    found = c;
                    break;
                }
            }
            owner = peer.outgoingCommands;
            wasSent = false;
        }
        if (found == null) {
            return Protocol.COMMAND_NONE;
        }
        if (channelId < peer.channelCount) {
            peer.channels[channelId].removeFromReliableWindow(reliableSeq / PeerChannel.RELIABLE_WINDOW_SIZE);
        }
        int commandNumber = found.command & Protocol.COMMAND_MASK;
        owner.remove(found);
        if (found.packet != null && wasSent) {
            peer.reliableDataInTransit -= found.payloadLength;
        }
        host.freeOutgoing(found);
        OutgoingCommand first = peer.sentReliableCommands.head;
        if (first != null) {
            peer.nextTimeout = first.sentTime + first.roundTripTimeout;
        }
        return commandNumber;
    }

    // ------------------------------------------------------------------ control commands

    private int handleDisconnect(EnetPeer peer, Command c) {
        PeerState state = peer.state;
        if (state == PeerState.DISCONNECTED || state == PeerState.ZOMBIE || state == PeerState.ACKNOWLEDGING_DISCONNECT) {
            return OK;
        }
        peer.resetQueues();
        peer.disconnectReason = DisconnectReason.REMOTE;
        if (state == PeerState.CONNECTION_SUCCEEDED || state == PeerState.DISCONNECTING || state == PeerState.CONNECTING) {
            peer.dispatchState(PeerState.ZOMBIE);
        } else if (state != PeerState.CONNECTED && state != PeerState.DISCONNECT_LATER) {
            if (state == PeerState.CONNECTION_PENDING) {
                host.recalculateBandwidthLimits = true;
            }
            peer.resetPeer();
        } else if (c.isAcknowledged()) {
            peer.changeState(PeerState.ACKNOWLEDGING_DISCONNECT);
        } else {
            peer.dispatchState(PeerState.ZOMBIE);
        }
        if (peer.state != PeerState.DISCONNECTED) {
            peer.eventData = c.data;
        }
        return OK;
    }

    private int handleBandwidthLimit(EnetPeer peer, Command c) {
        if (!isConnected(peer)) {
            return ERROR;
        }
        if (peer.incomingBandwidth != 0) {
            host.bandwidthLimitedPeers--;
        }
        peer.incomingBandwidth = c.incomingBandwidth;
        peer.outgoingBandwidth = c.outgoingBandwidth;
        if (peer.incomingBandwidth != 0) {
            host.bandwidthLimitedPeers++;
        }
        peer.windowSize = windowFor(host.config.outgoingBandwidth(), peer.incomingBandwidth);
        return OK;
    }

    private int handleThrottleConfigure(EnetPeer peer, Command c) {
        if (!isConnected(peer)) {
            return ERROR;
        }
        peer.packetThrottleInterval = c.packetThrottleInterval;
        peer.packetThrottleAcceleration = c.packetThrottleAcceleration;
        peer.packetThrottleDeceleration = c.packetThrottleDeceleration;
        return OK;
    }

    // ------------------------------------------------------------------ data commands (return the new position or -1)

    private int checkPayload(EnetPeer peer, Command c, int pos, int end) {
        if (c.channelId >= peer.channelCount || !isConnected(peer)) {
            return ERROR;
        }
        int dataLength = c.dataLength;
        if (dataLength > host.config.maximumPacketSize() || pos + dataLength > end) {
            return ERROR;
        }
        return pos + dataLength;
    }

    private int handleSend(EnetPeer peer, Command c, ByteBuf data, int pos, int end) {
        int next = checkPayload(peer, c, pos, end);
        if (next < 0) {
            return ERROR;
        }
        IncomingCommand queued = IncomingQueues.queue(host, peer, c, data, pos, c.dataLength, 0);
        if (queued == null) {
            return ERROR;
        }
        duplicate = queued == IncomingQueues.DISCARDED && c.isAcknowledged();
        return next;
    }

    private int handleSendUnsequenced(EnetPeer peer, Command c, ByteBuf data, int pos, int end) {
        int next = checkPayload(peer, c, pos, end);
        if (next < 0) {
            return ERROR;
        }
        int group = c.unsequencedGroup;
        int index = group % EnetPeer.UNSEQUENCED_WINDOW_SIZE;
        if (group < peer.incomingUnsequencedGroup) {
            group += 0x10000;
        }
        if (group >= peer.incomingUnsequencedGroup + EnetPeer.FREE_UNSEQUENCED_WINDOWS * EnetPeer.UNSEQUENCED_WINDOW_SIZE) {
            return next;
        }
        group &= 0xFFFF;
        if (group - index != peer.incomingUnsequencedGroup) {
            peer.incomingUnsequencedGroup = group - index;
            peer.clearUnsequencedWindow();
        } else if (peer.isUnsequencedSeen(index)) {
            return next;
        }
        if (IncomingQueues.queue(host, peer, c, data, pos, c.dataLength, 0) == null) {
            return ERROR;
        }
        peer.markUnsequencedSeen(index);
        return next;
    }

    private boolean badFragmentMetadata(Command c, int fragmentLength) {
        long fragmentCount = c.fragmentCount;
        long totalLength = c.totalLength;
        // totalLength >= fragmentCount also bounds the reassembly bit set by the message size, for both kinds
        return fragmentCount > Protocol.MAXIMUM_FRAGMENT_COUNT
            || c.fragmentNumber >= fragmentCount
            || totalLength > host.config.maximumPacketSize()
            || totalLength < fragmentCount
            || c.fragmentOffset >= totalLength
            || fragmentLength > totalLength - c.fragmentOffset;
    }

    private int handleSendFragment(EnetPeer peer, Command c, ByteBuf data, int pos, int end) {
        int next = checkPayload(peer, c, pos, end);
        int fragmentLength = c.dataLength;
        if (next < 0 || fragmentLength <= 0) {
            return ERROR;
        }
        PeerChannel channel = peer.channels[c.channelId];
        int startSeq = c.startSequenceNumber;
        int startWindow = startSeq / PeerChannel.RELIABLE_WINDOW_SIZE;
        int currentWindow = channel.incomingReliableSeq / PeerChannel.RELIABLE_WINDOW_SIZE;
        if (startSeq < channel.incomingReliableSeq) {
            startWindow += PeerChannel.RELIABLE_WINDOWS;
        }
        if (startWindow < currentWindow || startWindow >= currentWindow + PeerChannel.FREE_RELIABLE_WINDOWS - 1) {
            duplicate = true; // (or far ahead, which a conforming peer never sends)
            return next;
        }
        if (badFragmentMetadata(c, fragmentLength)) {
            return ERROR;
        }
        IncomingCommand start = null;
        for (IncomingCommand ic = channel.incomingReliable.tail; ic != null; ic = ic.prev) {
            if (startSeq >= channel.incomingReliableSeq) {
                if (ic.reliableSeq < channel.incomingReliableSeq) {
                    continue;
                }
            } else if (ic.reliableSeq >= channel.incomingReliableSeq) {
                break;
            }
            if (ic.reliableSeq <= startSeq) {
                if (ic.reliableSeq < startSeq) {
                    break;
                }
                if (ic.number() != Protocol.COMMAND_SEND_FRAGMENT || c.totalLength != ic.packet.readableBytes()
                    || c.fragmentCount != ic.fragmentCount) {
                    return ERROR;
                }
                start = ic;
                break;
            }
        }
        if (start == null) {
            // the message is queued under its first fragment's sequence number
            int headerSeq = c.reliableSequenceNumber;
            c.reliableSequenceNumber = startSeq;
            start = IncomingQueues.queue(host, peer, c, null, 0, (int) c.totalLength, c.fragmentCount);
            c.reliableSequenceNumber = headerSeq;
            if (start == null) {
                return ERROR;
            }
            if (start == IncomingQueues.DISCARDED) {
                return next;
            }
        }
        int copied = copyFragment(start, c, data, pos, fragmentLength);
        if (copied > 0) {
            IncomingQueues.dispatchReliable(host, peer, channel, null);
        }
        duplicate = copied < 0;
        return next;
    }

    private int handleSendUnreliableFragment(EnetPeer peer, Command c, ByteBuf data, int pos, int end) {
        int next = checkPayload(peer, c, pos, end);
        if (next < 0) {
            return ERROR;
        }
        int fragmentLength = c.dataLength;
        PeerChannel channel = peer.channels[c.channelId];
        int reliableSeq = c.reliableSequenceNumber;
        int startSeq = c.startSequenceNumber;
        int reliableWindow = reliableSeq / PeerChannel.RELIABLE_WINDOW_SIZE;
        int currentWindow = channel.incomingReliableSeq / PeerChannel.RELIABLE_WINDOW_SIZE;
        if (reliableSeq < channel.incomingReliableSeq) {
            reliableWindow += PeerChannel.RELIABLE_WINDOWS;
        }
        if (reliableWindow < currentWindow || reliableWindow >= currentWindow + PeerChannel.FREE_RELIABLE_WINDOWS - 1) {
            return next;
        }
        if (reliableSeq == channel.incomingReliableSeq && startSeq <= channel.incomingUnreliableSeq) {
            return next;
        }
        if (badFragmentMetadata(c, fragmentLength)) {
            return ERROR;
        }
        IncomingCommand start = null;
        for (IncomingCommand ic = channel.incomingUnreliable.tail; ic != null; ic = ic.prev) {
            if (reliableSeq >= channel.incomingReliableSeq) {
                if (ic.reliableSeq < channel.incomingReliableSeq) {
                    continue;
                }
            } else if (ic.reliableSeq >= channel.incomingReliableSeq) {
                break;
            }
            if (ic.reliableSeq < reliableSeq) {
                break;
            }
            if (ic.reliableSeq > reliableSeq) {
                continue;
            }
            if (ic.unreliableSeq <= startSeq) {
                if (ic.unreliableSeq < startSeq) {
                    break;
                }
                if (ic.number() != Protocol.COMMAND_SEND_UNRELIABLE_FRAGMENT
                    || c.totalLength != ic.packet.readableBytes() || c.fragmentCount != ic.fragmentCount) {
                    return ERROR;
                }
                start = ic;
                break;
            }
        }
        if (start == null) {
            start = IncomingQueues.queue(host, peer, c, null, 0, (int) c.totalLength, c.fragmentCount);
            if (start == null) {
                return ERROR;
            }
            if (start == IncomingQueues.DISCARDED) {
                return next;
            }
        }
        if (copyFragment(start, c, data, pos, fragmentLength) > 0) {
            IncomingQueues.dispatchUnreliable(host, peer, channel, null);
        }
        return next;
    }

    /** Copies a not yet seen fragment into its message: 1 when the message became complete, -1 if already held. */
    private static int copyFragment(IncomingCommand start, Command c, ByteBuf data, int pos, int fragmentLength) {
        int number = (int) c.fragmentNumber;
        int bit = 1 << (number & 31);
        if ((start.fragments[number >>> 5] & bit) != 0) {
            return -1;
        }
        start.fragmentsRemaining--;
        start.fragments[number >>> 5] |= bit;
        int offset = (int) c.fragmentOffset;
        int total = start.packet.readableBytes();
        if (offset + fragmentLength > total) {
            fragmentLength = total - offset;
        }
        start.packet.setBytes(offset, data, pos, fragmentLength);
        return start.fragmentsRemaining <= 0 ? 1 : 0;
    }
}
