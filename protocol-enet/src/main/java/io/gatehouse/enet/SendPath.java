package io.gatehouse.enet;

import io.gatehouse.enet.wire.Protocol;
import io.gatehouse.enet.wire.ProtocolHeader;
import io.netty.buffer.ByteBuf;

/**
 * Builds and sends datagrams for peers ({@code enet_protocol_send_outgoing_commands} and its helpers):
 * acknowledgements first, then retransmission timeouts, then queued commands within the reliable windows,
 * then a ping when the link has been quiet.
 */
final class SendPath {
    /**
     * Retransmission backoff stops doubling here once the peer has a round-trip sample (libenet's doubles without
     * bound). ENet times a peer out only after 5 s without any acknowledgement, so on a lossy link what decides is
     * how many attempts fit into those seconds: at a 25 ms loopback timeout an unbounded backoff makes about nine,
     * a capped one a dozen or more. Before the first sample (the handshake) libenet's schedule is kept.
     */
    static final long MAXIMUM_BACKOFF_MILLIS = 1000;
    private final HostCore host;

    // state of the datagram being built (ENet keeps these on the host too)
    private ByteBuf datagram;
    private int packetSize;
    private int commandCount;
    private int headerFlags;
    /** The peer's repeated handshake ACK is already in the datagram being built. */
    private boolean handshakeAckWritten;

    SendPath(HostCore host) {
        this.host = host;
    }

    /** Services every active peer; returns after all datagrams are handed to the driver. */
    void sendAll(boolean checkForTimeouts) {
        EnetPeer[] active = host.active;
        // backwards: a peer reset here is swap-removed with an already visited one
        for (int i = host.activeCount - 1; i >= 0; i--) {
            if (i < host.activeCount) {
                send(active[i], checkForTimeouts);
            }
        }
    }

    void send(EnetPeer peer, boolean checkForTimeouts) {
        sendDatagrams(peer, checkForTimeouts);
        if (peer.redundantAckCount > 0) {
            sendRedundantAcknowledgements(peer);
        }
    }

    /**
     * Acknowledgements of commands the peer sent again, repeated in a datagram of their own: a retransmission
     * shows our first ACK was lost, and on a lossy link a second copy travelling separately halves the chance
     * that the peer retries (and, after enough failures in a row, times us out) once more.
     */
    private void sendRedundantAcknowledgements(EnetPeer peer) {
        int count = peer.redundantAckCount;
        peer.redundantAckCount = 0;
        if (peer.state == PeerState.DISCONNECTED || peer.state == PeerState.ZOMBIE) {
            return;
        }
        datagram = null;
        packetSize = Protocol.HEADER_SIZE;
        commandCount = 0;
        headerFlags = 0;
        int ackSize = Protocol.commandSize(Protocol.COMMAND_ACKNOWLEDGE);
        long[] acks = peer.redundantAcks;
        for (int i = 0; i < count && commandCount < Protocol.MAXIMUM_PACKET_COMMANDS
            && peer.mtu - packetSize >= ackSize; i++) {
            long ack = acks[i];
            int reliableSeq = (int) (ack >>> 16) & 0xFFFF;
            ByteBuf out = datagram(peer);
            out.writeByte(Protocol.COMMAND_ACKNOWLEDGE);
            out.writeByte((int) (ack >>> 32) & 0xFF);
            out.writeShort(reliableSeq);
            out.writeShort(reliableSeq);
            out.writeShort((int) ack & 0xFFFF);
            packetSize += ackSize;
            commandCount++;
        }
        if (commandCount > 0) {
            finishAndSend(peer, host.serviceTime);
        }
    }

    private void sendDatagrams(EnetPeer peer, boolean checkForTimeouts) {
        do {
            if (peer.state == PeerState.DISCONNECTED || peer.state == PeerState.ZOMBIE) {
                return;
            }
            peer.continueSending = false;
            datagram = null;
            packetSize = Protocol.HEADER_SIZE;
            commandCount = 0;
            headerFlags = 0;
            handshakeAckWritten = false;
            long now = host.serviceTime;

            if (peer.ackCount > 0) {
                sendAcknowledgements(peer);
            }
            if (checkForTimeouts && !peer.sentReliableCommands.isEmpty() && now >= peer.nextTimeout
                && checkTimeouts(peer)) {
                releaseDatagram();
                return;
            }
            if ((peer.outgoingCommands.isEmpty() || checkOutgoingCommands(peer))
                && peer.sentReliableCommands.isEmpty()
                && now - peer.lastReceiveTime >= peer.pingInterval
                && peer.mtu - packetSize >= Protocol.commandSize(Protocol.COMMAND_PING)) {
                peer.ping();
                checkOutgoingCommands(peer);
            }
            if (commandCount == 0) {
                releaseDatagram();
                return;
            }
            updatePacketLoss(peer, now);
            finishAndSend(peer, now);
        } while (peer.continueSending);
    }

    private void releaseDatagram() {
        if (datagram != null) {
            datagram.release();
            datagram = null;
        }
    }

    private ByteBuf datagram(EnetPeer peer) {
        if (datagram == null) {
            datagram = host.alloc.directBuffer(peer.mtu);
            datagram.writerIndex(Protocol.HEADER_SIZE);
        }
        return datagram;
    }

    private void finishAndSend(EnetPeer peer, long now) {
        ByteBuf out = datagram;
        datagram = null;
        boolean withSentTime = (headerFlags & Protocol.HEADER_FLAG_SENT_TIME) != 0;
        int raw = ProtocolHeader.rawPeerId(peer.outgoingPeerId, peer.outgoingSessionId, withSentTime);
        if (withSentTime) {
            out.setShort(0, raw);
            out.setShort(2, (int) (now & 0xFFFF));
            out.readerIndex(0);
        } else {
            out.setShort(2, raw);
            out.readerIndex(2);
        }
        peer.lastSendTime = now;
        int length = out.readableBytes();
        peer.totalBytesSent += length;
        host.stats.bytesSent += length;
        host.stats.datagramsSent++;
        host.driver.send(peer.address, out);
    }

    private void updatePacketLoss(EnetPeer peer, long now) {
        if (peer.packetLossEpoch == 0) {
            peer.packetLossEpoch = now;
        } else if (now - peer.packetLossEpoch >= EnetPeer.PACKET_LOSS_INTERVAL && peer.packetsSent > 0) {
            long packetLoss = peer.packetsLost * EnetPeer.PACKET_LOSS_SCALE / peer.packetsSent;
            peer.packetLossVariance = (peer.packetLossVariance * 3 + Math.abs(packetLoss - peer.packetLoss)) / 4;
            peer.packetLoss = (peer.packetLoss * 7 + packetLoss) / 8;
            peer.packetLossEpoch = now;
            peer.packetsSent = 0;
            peer.packetsLost = 0;
        }
    }

    private void sendAcknowledgements(EnetPeer peer) {
        int ackSize = Protocol.commandSize(Protocol.COMMAND_ACKNOWLEDGE);
        long[] acks = peer.acks;
        int sent = 0;
        while (sent < peer.ackCount) {
            if (commandCount >= Protocol.MAXIMUM_PACKET_COMMANDS || peer.mtu - packetSize < ackSize) {
                peer.continueSending = true;
                break;
            }
            long ack = acks[sent++];
            int commandByte = (int) (ack >>> 40) & 0xFF;
            int channelId = (int) (ack >>> 32) & 0xFF;
            int reliableSeq = (int) (ack >>> 16) & 0xFFFF;
            int sentTime = (int) ack & 0xFFFF;
            ByteBuf out = datagram(peer);
            out.writeByte(Protocol.COMMAND_ACKNOWLEDGE);
            out.writeByte(channelId);
            out.writeShort(reliableSeq);
            out.writeShort(reliableSeq);
            out.writeShort(sentTime);
            packetSize += ackSize;
            commandCount++;
            if ((commandByte & Protocol.COMMAND_MASK) == Protocol.COMMAND_DISCONNECT) {
                peer.disconnectReason = DisconnectReason.REMOTE;
                peer.dispatchState(PeerState.ZOMBIE);
            }
        }
        int remaining = peer.ackCount - sent;
        if (remaining > 0) {
            System.arraycopy(acks, sent, acks, 0, remaining);
        }
        peer.ackCount = remaining;
    }

    /** An ACK of the remote side's handshake command, ahead of our reliable commands (see EnetPeer). */
    private void writeHandshakeAck(EnetPeer peer, long now) {
        ByteBuf out = datagram(peer);
        out.writeByte(Protocol.COMMAND_ACKNOWLEDGE);
        out.writeByte(Protocol.CONTROL_CHANNEL);
        out.writeShort(peer.handshakeAckSeq);
        out.writeShort(peer.handshakeAckSeq);
        out.writeShort(peer.handshakeAckSentTime(now));
        packetSize += Protocol.commandSize(Protocol.COMMAND_ACKNOWLEDGE);
        commandCount++;
        handshakeAckWritten = true;
    }

    /** {@code enet_protocol_check_timeouts}; true when the peer timed out. */
    private boolean checkTimeouts(EnetPeer peer) {
        long now = host.serviceTime;
        OutgoingCommand current = peer.sentReliableCommands.head;
        OutgoingCommand insertPosition = peer.outgoingCommands.head;
        while (current != null) {
            OutgoingCommand c = current;
            current = current.next;
            if (now - c.sentTime < c.roundTripTimeout) {
                continue;
            }
            if (peer.earliestTimeout == 0 || c.sentTime < peer.earliestTimeout) {
                peer.earliestTimeout = c.sentTime;
            }
            long waited = now - peer.earliestTimeout;
            if (peer.earliestTimeout != 0
                && (waited >= peer.timeoutMaximum
                    || (backoffReached(c.sendAttempts, peer.timeoutLimit) && waited >= peer.timeoutMinimum))) {
                host.stats.timeouts++;
                host.notifyDisconnect(peer, peer.state == PeerState.DISCONNECTING
                    ? DisconnectReason.LOCAL : DisconnectReason.TIMEOUT);
                return true;
            }
            peer.packetsLost++;
            peer.totalPacketsLost++;
            host.stats.retransmits++;
            c.roundTripTimeout = peer.lastReceiveTime == 0 ? c.roundTripTimeout * 2 // handshake: libenet's schedule
                : Math.max(c.roundTripTimeout, Math.min(c.roundTripTimeout * 2, MAXIMUM_BACKOFF_MILLIS));
            if (c.packet != null) {
                peer.reliableDataInTransit -= c.payloadLength;
            }
            peer.sentReliableCommands.remove(c);
            peer.outgoingCommands.insertBefore(insertPosition, c);
            OutgoingCommand first = peer.sentReliableCommands.head;
            if (current == first && first != null) {
                peer.nextTimeout = first.sentTime + first.roundTripTimeout;
            }
        }
        return false;
    }

    /** {@code (1 << (sendAttempts - 1)) >= timeoutLimit} without Java's shift wrap-around. */
    static boolean backoffReached(int sendAttempts, long timeoutLimit) {
        int shift = sendAttempts - 1;
        if (shift >= 62) {
            return true;
        }
        return shift >= 0 && (1L << shift) >= timeoutLimit;
    }

    /** {@code enet_protocol_check_outgoing_commands}; returns true when no reliable command went out (may ping). */
    private boolean checkOutgoingCommands(EnetPeer peer) {
        long now = host.serviceTime;
        boolean canPing = true;
        boolean windowWrap = false;
        boolean windowExceeded = false;
        OutgoingCommand current = peer.outgoingCommands.head;
        while (current != null) {
            OutgoingCommand c = current;
            boolean reliable = (c.command & Protocol.FLAG_ACKNOWLEDGE) != 0;
            PeerChannel channel = null;
            int reliableWindow = 0;
            if (reliable) {
                channel = c.channelId < peer.channelCount ? peer.channels[c.channelId] : null;
                reliableWindow = c.reliableSeq / PeerChannel.RELIABLE_WINDOW_SIZE;
                if (channel != null) {
                    if (!windowWrap && c.sendAttempts < 1 && c.reliableSeq % PeerChannel.RELIABLE_WINDOW_SIZE == 0
                        && (channel.reliableWindow((reliableWindow + PeerChannel.RELIABLE_WINDOWS - 1)
                                % PeerChannel.RELIABLE_WINDOWS) >= PeerChannel.RELIABLE_WINDOW_SIZE
                            || (channel.usedReliableWindows & windowMask(reliableWindow)) != 0)) {
                        windowWrap = true;
                    }
                    if (windowWrap) {
                        current = current.next;
                        continue;
                    }
                }
                if (c.packet != null) {
                    if (!windowExceeded) {
                        long windowSize = peer.packetThrottle * peer.windowSize / EnetPeer.PACKET_THROTTLE_SCALE;
                        if (peer.reliableDataInTransit + c.payloadLength > Math.max(windowSize, peer.mtu)) {
                            windowExceeded = true;
                        }
                    }
                    if (windowExceeded) {
                        current = current.next;
                        continue;
                    }
                }
                canPing = false;
            }
            int commandSize = Protocol.commandSize(c.command);
            boolean withHandshakeAck = reliable && peer.handshakeAckSeq >= 0 && !handshakeAckWritten;
            int extra = withHandshakeAck ? Protocol.commandSize(Protocol.COMMAND_ACKNOWLEDGE) : 0;
            int room = peer.mtu - packetSize - extra;
            if (commandCount + (withHandshakeAck ? 1 : 0) >= Protocol.MAXIMUM_PACKET_COMMANDS || room < commandSize
                || (c.packet != null && (room & 0xFFFF) < ((commandSize + c.payloadLength) & 0xFFFF))) {
                peer.continueSending = true;
                break;
            }
            if (withHandshakeAck) {
                writeHandshakeAck(peer, now);
            }
            current = current.next;
            if (reliable) {
                if (channel != null && c.sendAttempts < 1) {
                    channel.addToReliableWindow(reliableWindow);
                }
                c.sendAttempts++;
                if (c.roundTripTimeout == 0) {
                    c.roundTripTimeout = peer.roundTripTime + 4 * peer.roundTripTimeVariance;
                }
                if (peer.sentReliableCommands.isEmpty()) {
                    peer.nextTimeout = now + c.roundTripTimeout;
                }
                peer.outgoingCommands.remove(c);
                peer.sentReliableCommands.addLast(c);
                c.sentTime = now;
                headerFlags |= Protocol.HEADER_FLAG_SENT_TIME;
                peer.reliableDataInTransit += c.payloadLength;
            } else {
                if (c.packet != null && c.fragmentOffset == 0) {
                    peer.packetThrottleCounter = (peer.packetThrottleCounter + EnetPeer.PACKET_THROTTLE_COUNTER)
                        % EnetPeer.PACKET_THROTTLE_SCALE;
                    if (peer.packetThrottleCounter > peer.packetThrottle) {
                        // throttled: drop this unreliable message, all of its fragments
                        int reliableSeq = c.reliableSeq;
                        int unreliableSeq = c.unreliableSeq;
                        for (;;) {
                            peer.outgoingCommands.remove(c);
                            host.freeOutgoing(c);
                            if (current == null) {
                                break;
                            }
                            c = current;
                            if (c.reliableSeq != reliableSeq || c.unreliableSeq != unreliableSeq) {
                                break;
                            }
                            current = current.next;
                        }
                        continue;
                    }
                }
                peer.outgoingCommands.remove(c);
            }
            ByteBuf out = datagram(peer);
            c.encode(out);
            packetSize += commandSize;
            if (c.packet != null) {
                out.writeBytes(c.packet, c.payloadOffset, c.payloadLength);
                packetSize += c.payloadLength;
            }
            if (!reliable) {
                host.freeOutgoing(c);
            }
            peer.packetsSent++;
            peer.totalPacketsSent++;
            commandCount++;
        }
        if (peer.state == PeerState.DISCONNECT_LATER && !peer.hasOutgoingCommands()) {
            peer.disconnectInternal(peer.eventData);
        }
        return canPing;
    }

    /** Windows that must be free before a new reliable window may be entered (libenet master's rule). */
    private static int windowMask(int reliableWindow) {
        int span = (1 << (PeerChannel.FREE_RELIABLE_WINDOWS + 2)) - 1;
        return (span << reliableWindow) | (span >>> (PeerChannel.RELIABLE_WINDOWS - reliableWindow));
    }
}
