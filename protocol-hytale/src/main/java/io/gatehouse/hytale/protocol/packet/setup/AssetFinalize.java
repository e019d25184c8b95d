package io.gatehouse.hytale.protocol.packet.setup;

import io.gatehouse.hytale.protocol.packet.Packet;
import io.netty.buffer.ByteBuf;

/** AssetFinalize (id 26, server → client): empty payload; ends the asset started by AssetInitialize. */
public record AssetFinalize() implements Packet {

    public static final int ID = 26;
    public static final int MAX_SIZE = 0;
    public static final AssetFinalize INSTANCE = new AssetFinalize();

    public static AssetFinalize decode(ByteBuf buf) {
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
