package io.gatehouse.hytale.protocol.packet.setup;

import io.gatehouse.hytale.protocol.io.PayloadReader;
import io.gatehouse.hytale.protocol.packet.Packet;
import io.gatehouse.hytale.protocol.types.Asset;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * WorldSettings (id 20, server → client, zstd; reference §5.4): nullBits [requiredAssets], worldHeight int32 LE @1,
 * requiredAssets = VarInt count + assets @5. The official server sends worldHeight 320.
 */
public record WorldSettings(int worldHeight, List<Asset> requiredAssets) implements Packet {

    public static final int ID = 20;
    public static final int MIN_SIZE = 5;
    public static final int MAX_SIZE = 1_677_721_600;

    public WorldSettings {
        requiredAssets = requiredAssets == null ? null : List.copyOf(requiredAssets);
    }

    public static WorldSettings decode(ByteBuf buf) {
        PayloadReader in = PayloadReader.consuming(buf).requireAtLeast(MIN_SIZE, "WorldSettings");
        byte nullBits = in.readByte("WorldSettings.nullBits");
        int worldHeight = in.readIntLE("WorldSettings.worldHeight");
        return new WorldSettings(worldHeight,
                (nullBits & 0x01) != 0 ? AssetListCodec.read(in, "WorldSettings.requiredAssets") : null);
    }

    @Override
    public int id() {
        return ID;
    }

    @Override
    public void encode(ByteBuf buf) {
        buf.writeByte(requiredAssets != null ? 0x01 : 0);
        buf.writeIntLE(worldHeight);
        if (requiredAssets != null) {
            AssetListCodec.write(buf, requiredAssets, "WorldSettings.requiredAssets");
        }
    }
}
