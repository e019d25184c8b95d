package io.gatehouse.hytale.protocol.packet.setup;

import io.gatehouse.hytale.protocol.packet.Packet;
import io.netty.buffer.ByteBuf;

/** RequestCommonAssetsRebuild (id 28, server → client): empty payload; sent after an asset transfer that delivered anything. */
public record RequestCommonAssetsRebuild() implements Packet {

    public static final int ID = 28;
    public static final int MAX_SIZE = 0;
    public static final RequestCommonAssetsRebuild INSTANCE = new RequestCommonAssetsRebuild();

    public static RequestCommonAssetsRebuild decode(ByteBuf buf) {
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
