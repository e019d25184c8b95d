package io.gatehouse.hytale.protocol.packet.setup;

import io.gatehouse.hytale.protocol.io.PayloadReader;
import io.gatehouse.hytale.protocol.packet.Packet;
import io.gatehouse.hytale.protocol.types.Asset;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * AssetInitialize (id 24, server → client; reference §5.4): size int32 LE @0 (total blob bytes), then the Asset @4.
 * No null bits: both fields are required.
 */
public record AssetInitialize(Asset asset, int size) implements Packet {

    public static final int ID = 24;
    public static final int MIN_SIZE = 4;
    public static final int MAX_SIZE = 2121;

    public AssetInitialize {
        Objects.requireNonNull(asset, "asset");
    }

    public static AssetInitialize decode(ByteBuf buf) {
        PayloadReader in = PayloadReader.consuming(buf).requireAtLeast(MIN_SIZE, "AssetInitialize");
        int size = in.readIntLE("AssetInitialize.size");
        return new AssetInitialize(Asset.read(in), size);
    }

    @Override
    public int id() {
        return ID;
    }

    @Override
    public void encode(ByteBuf buf) {
        buf.writeIntLE(size);
        asset.write(buf);
    }
}
