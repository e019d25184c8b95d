package io.gatehouse.enet;

import io.gatehouse.enet.wire.Protocol;
import io.netty.buffer.ByteBuf;

/** A received data command waiting for its turn, or a message being reassembled ({@code ENetIncomingCommand}). */
final class IncomingCommand {
    IncomingCommand prev;
    IncomingCommand next;

    int command;
    int channelId;
    int reliableSeq;
    int unreliableSeq;
    long fragmentCount;
    long fragmentsRemaining;
    /** Bit set of received fragments; null unless this is a fragmented message. */
    int[] fragments;
    ByteBuf packet;

    int number() {
        return command & Protocol.COMMAND_MASK;
    }

    void clear() {
        prev = null;
        next = null;
        fragments = null;
        packet = null;
        fragmentCount = 0;
        fragmentsRemaining = 0;
    }
}
