package io.gatehouse.enet;

import io.gatehouse.enet.wire.Command;
import io.gatehouse.enet.wire.Protocol;
import io.netty.buffer.ByteBuf;

/**
 * Ordering of received data commands per channel: {@code enet_peer_queue_incoming_command} and the two
 * {@code enet_peer_dispatch_incoming_*} functions of peer.c, ported closely because their window arithmetic
 * is what keeps us interoperable with libenet.
 */
final class IncomingQueues {
    /** Returned for commands ENet discards silently (duplicates, out of window): not an error. */
    static final IncomingCommand DISCARDED = new IncomingCommand();

    private IncomingQueues() {
    }

    private static boolean outsideWindow(int reliableSeq, int incomingReliableSeq) {
        int reliableWindow = reliableSeq / PeerChannel.RELIABLE_WINDOW_SIZE;
        int currentWindow = incomingReliableSeq / PeerChannel.RELIABLE_WINDOW_SIZE;
        if (reliableSeq < incomingReliableSeq) {
            reliableWindow += PeerChannel.RELIABLE_WINDOWS;
        }
        return reliableWindow < currentWindow || reliableWindow >= currentWindow + PeerChannel.FREE_RELIABLE_WINDOWS - 1;
    }

    /**
     * Queues a data command. With a {@code source} the payload is a slice of it; without, a zeroed buffer of
     * {@code length} bytes is allocated for fragment reassembly.
     *
     * @return the queued command, {@link #DISCARDED}, or null on error (the datagram's processing stops)
     */
    static IncomingCommand queue(HostCore host, EnetPeer peer, Command command, ByteBuf source, int offset, int length,
                                 long fragmentCount) {
        PeerChannel channel = peer.channels[command.channelId];
        int unreliableSeq = 0;
        int reliableSeq = 0;
        int number = command.number();
        if (peer.state == PeerState.DISCONNECT_LATER) {
            // Discarded but acknowledged, fragments too. libenet refuses a fragment here as an error, so it is
            // never acknowledged: a peer still retransmitting one whose ACK was lost (all of it was delivered
            // before we chose to disconnect) then retries until it times out instead of seeing our DISCONNECT.
            return DISCARDED;
        }
        if (number != Protocol.COMMAND_SEND_UNSEQUENCED) {
            reliableSeq = command.reliableSequenceNumber;
            if (outsideWindow(reliableSeq, channel.incomingReliableSeq)) {
                return discard(fragmentCount);
            }
        }
        IncomingCommand anchor;
        IncomingList list;
        switch (number) {
            case Protocol.COMMAND_SEND_FRAGMENT, Protocol.COMMAND_SEND_RELIABLE -> {
                if (reliableSeq == channel.incomingReliableSeq) {
                    return discard(fragmentCount);
                }
                list = channel.incomingReliable;
                IncomingCommand current;
                for (current = list.tail; current != null; current = current.prev) {
                    if (reliableSeq >= channel.incomingReliableSeq) {
                        if (current.reliableSeq < channel.incomingReliableSeq) {
                            continue;
                        }
                    } else if (current.reliableSeq >= channel.incomingReliableSeq) {
                        break;
                    }
                    if (current.reliableSeq <= reliableSeq) {
                        if (current.reliableSeq < reliableSeq) {
                            break;
                        }
                        return discard(fragmentCount);
                    }
                }
                anchor = current;
            }
            case Protocol.COMMAND_SEND_UNRELIABLE, Protocol.COMMAND_SEND_UNRELIABLE_FRAGMENT -> {
                // sendUnreliable.unreliableSequenceNumber aliases sendFragment.startSequenceNumber in the C union
                unreliableSeq = number == Protocol.COMMAND_SEND_UNRELIABLE
                    ? command.unreliableSequenceNumber : command.startSequenceNumber;
                if (reliableSeq == channel.incomingReliableSeq && unreliableSeq <= channel.incomingUnreliableSeq) {
                    return discard(fragmentCount);
                }
                list = channel.incomingUnreliable;
                IncomingCommand current;
                for (current = list.tail; current != null; current = current.prev) {
                    if (reliableSeq >= channel.incomingReliableSeq) {
                        if (current.reliableSeq < channel.incomingReliableSeq) {
                            continue;
                        }
                    } else if (current.reliableSeq >= channel.incomingReliableSeq) {
                        break;
                    }
                    if (current.reliableSeq < reliableSeq) {
                        break;
                    }
                    if (current.reliableSeq > reliableSeq) {
                        continue;
                    }
                    if (current.unreliableSeq <= unreliableSeq) {
                        if (current.unreliableSeq < unreliableSeq) {
                            break;
                        }
                        return discard(fragmentCount);
                    }
                }
                anchor = current;
            }
            case Protocol.COMMAND_SEND_UNSEQUENCED -> {
                list = channel.incomingUnreliable;
                anchor = null;
            }
            default -> {
                return discard(fragmentCount);
            }
        }

        if (peer.totalWaitingData >= host.config.maximumWaitingData()) {
            return null;
        }
        ByteBuf packet;
        if (source != null) {
            packet = source.retainedSlice(offset, length);
        } else {
            packet = host.alloc.buffer(length, length);
            packet.writerIndex(length);
        }
        IncomingCommand incoming = host.newIncoming();
        incoming.command = command.command;
        incoming.channelId = command.channelId;
        incoming.reliableSeq = command.reliableSequenceNumber;
        incoming.unreliableSeq = unreliableSeq & 0xFFFF;
        incoming.fragmentCount = fragmentCount;
        incoming.fragmentsRemaining = fragmentCount;
        incoming.packet = packet;
        if (fragmentCount > 0) {
            incoming.fragments = new int[(int) ((fragmentCount + 31) / 32)];
        }
        peer.totalWaitingData += length;
        list.insertAfter(anchor, incoming);

        if (number == Protocol.COMMAND_SEND_FRAGMENT || number == Protocol.COMMAND_SEND_RELIABLE) {
            dispatchReliable(host, peer, channel, incoming);
        } else {
            dispatchUnreliable(host, peer, channel, incoming);
        }
        return incoming;
    }

    private static IncomingCommand discard(long fragmentCount) {
        // a fragment that cannot be queued is an error in ENet, which stops the datagram
        return fragmentCount > 0 ? null : DISCARDED;
    }

    /** Moves every reliable command that is now in order to the peer's dispatch list. */
    static void dispatchReliable(HostCore host, EnetPeer peer, PeerChannel channel, IncomingCommand queued) {
        IncomingList list = channel.incomingReliable;
        IncomingCommand current;
        for (current = list.head; current != null; current = current.next) {
            if (current.fragmentsRemaining > 0
                || current.reliableSeq != ((channel.incomingReliableSeq + 1) & 0xFFFF)) {
                break;
            }
            channel.incomingReliableSeq = current.reliableSeq;
            if (current.fragmentCount > 0) {
                channel.incomingReliableSeq = (int) ((channel.incomingReliableSeq + current.fragmentCount - 1) & 0xFFFF);
            }
        }
        if (current == list.head) {
            return;
        }
        channel.incomingUnreliableSeq = 0;
        list.moveRangeTo(list.head, current == null ? list.tail : current.prev, peer.dispatchedCommands);
        host.markForDispatch(peer);
        if (!channel.incomingUnreliable.isEmpty()) {
            dispatchUnreliable(host, peer, channel, queued);
        }
    }

    /** Moves deliverable unreliable commands to the dispatch list and drops the ones that can never be. */
    static void dispatchUnreliable(HostCore host, EnetPeer peer, PeerChannel channel, IncomingCommand queued) {
        IncomingList list = channel.incomingUnreliable;
        IncomingCommand dropped = list.head;
        IncomingCommand start = list.head;
        IncomingCommand current;
        for (current = list.head; current != null; current = current.next) {
            if (current.number() == Protocol.COMMAND_SEND_UNSEQUENCED) {
                continue;
            }
            if (current.reliableSeq == channel.incomingReliableSeq) {
                if (current.fragmentsRemaining <= 0) {
                    channel.incomingUnreliableSeq = current.unreliableSeq;
                    continue;
                }
                if (start != current) {
                    list.moveRangeTo(start, current.prev, peer.dispatchedCommands);
                    host.markForDispatch(peer);
                    dropped = current;
                } else if (dropped != current) {
                    dropped = current.prev;
                }
            } else {
                int reliableWindow = current.reliableSeq / PeerChannel.RELIABLE_WINDOW_SIZE;
                int currentWindow = channel.incomingReliableSeq / PeerChannel.RELIABLE_WINDOW_SIZE;
                if (current.reliableSeq < channel.incomingReliableSeq) {
                    reliableWindow += PeerChannel.RELIABLE_WINDOWS;
                }
                if (reliableWindow >= currentWindow
                    && reliableWindow < currentWindow + PeerChannel.FREE_RELIABLE_WINDOWS - 1) {
                    break;
                }
                dropped = current.next;
                if (start != current) {
                    list.moveRangeTo(start, current.prev, peer.dispatchedCommands);
                    host.markForDispatch(peer);
                }
            }
            start = current.next;
        }
        if (start != current && start != null) {
            list.moveRangeTo(start, current == null ? list.tail : current.prev, peer.dispatchedCommands);
            host.markForDispatch(peer);
            dropped = current;
        }
        // drop what lies before 'dropped' (never the command just queued: its caller still uses it)
        IncomingCommand c = list.head;
        while (c != null && c != dropped) {
            IncomingCommand next = c.next;
            if (c != queued) {
                list.remove(c);
                peer.totalWaitingData -= c.packet.readableBytes();
                host.freeIncoming(c);
            }
            c = next;
        }
    }
}
