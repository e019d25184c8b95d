package io.gatehouse.enet;

import io.gatehouse.enet.wire.Command;
import io.netty.buffer.ByteBuf;

/** A command queued for sending or waiting for its acknowledgement ({@code ENetOutgoingCommand}). */
final class OutgoingCommand extends Command {
    OutgoingCommand prev;
    OutgoingCommand next;

    int reliableSeq;
    int unreliableSeq;
    long sentTime;
    long roundTripTimeout;
    int sendAttempts;
    /** Time the command was queued: retransmits keep their original position relative to new traffic. */
    long queueTime;
    /** Absolute index of this command's bytes in {@link #packet}. */
    int payloadOffset;
    int payloadLength;
    /** The whole message this command carries a part of; one reference per command. */
    ByteBuf packet;

    void clear() {
        prev = null;
        next = null;
        packet = null;
        sendAttempts = 0;
        sentTime = 0;
        roundTripTimeout = 0;
        payloadOffset = 0;
        payloadLength = 0;
        fragmentOffset = 0;
        reliableSeq = 0;
        unreliableSeq = 0;
    }
}
