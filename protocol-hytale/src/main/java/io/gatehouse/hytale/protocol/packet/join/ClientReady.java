package io.gatehouse.hytale.protocol.packet.join;

import io.gatehouse.hytale.protocol.io.PayloadReader;
import io.gatehouse.hytale.protocol.io.PayloadWriter;
import io.gatehouse.hytale.protocol.packet.Packet;
import io.netty.buffer.ByteBuf;

/**
 * ClientReady (id 105, client → server, fixed 2 bytes): readyForChunks @0, readyForGameplay @1. Sent twice: {1,0}
 * after JoinWorld, {1,1} once the client can play.
 */
public record ClientReady(boolean readyForChunks, boolean readyForGameplay) implements Packet {

    public static final int ID = 105;
    public static final int SIZE = 2;

    public static ClientReady decode(ByteBuf buf) {
        PayloadReader in = PayloadReader.consuming(buf).requireAtLeast(SIZE, "ClientReady");
        return new ClientReady(in.readBool("ClientReady.readyForChunks"), in.readBool("ClientReady.readyForGameplay"));
    }

    @Override
    public int id() {
        return ID;
    }

    @Override
    public void encode(ByteBuf buf) {
        PayloadWriter.writeBool(buf, readyForChunks);
        PayloadWriter.writeBool(buf, readyForGameplay);
    }
}
