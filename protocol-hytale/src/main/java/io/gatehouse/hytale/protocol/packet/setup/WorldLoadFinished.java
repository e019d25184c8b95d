package io.gatehouse.hytale.protocol.packet.setup;

import io.gatehouse.hytale.protocol.packet.Packet;
import io.netty.buffer.ByteBuf;

/** WorldLoadFinished (id 22, server → client): empty payload; the client may leave the loading screen once JoinWorld follows. */
public record WorldLoadFinished() implements Packet {

    public static final int ID = 22;
    public static final int MAX_SIZE = 0;
    public static final WorldLoadFinished INSTANCE = new WorldLoadFinished();

    public static WorldLoadFinished decode(ByteBuf buf) {
        buf.skipBytes(buf.readableBytes());
        return INSTANCE;
    }

    @Override
    public int id() {
        return ID;
    }

    @Override
    public void encode(ByteBuf buf) {
    }
}
