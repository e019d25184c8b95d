package io.gatehouse.hytale.protocol.packet.setup;

import io.gatehouse.hytale.protocol.io.PayloadReader;
import io.gatehouse.hytale.protocol.packet.Packet;
import io.gatehouse.hytale.protocol.types.Asset;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * RequestAssets (id 23, client → server, zstd; reference §5.4): nullBits [assets], assets = VarInt count + assets @1
 * — the required assets the client is missing (the stress-test bot sends an empty list).
 */
public record RequestAssets(List<Asset> assets) implements Packet {

    public static final int ID = 23;
    public static final int MIN_SIZE = 1;
    public static final int MAX_SIZE = 1_677_721_600;

    public RequestAssets {
        assets = assets == null ? null : List.copyOf(assets);
    }

    public static RequestAssets decode(ByteBuf buf) {
        PayloadReader in = PayloadReader.consuming(buf).requireAtLeast(MIN_SIZE, "RequestAssets");
        byte nullBits = in.readByte("RequestAssets.nullBits");
        return new RequestAssets((nullBits & 0x01) != 0 ? AssetListCodec.read(in, "RequestAssets.assets") : null);
    }

    @Override
    public int id() {
        return ID;
    }

    @Override
    public void encode(ByteBuf buf) {
        buf.writeByte(assets != null ? 0x01 : 0);
        if (assets != null) {
            AssetListCodec.write(buf, assets, "RequestAssets.assets");
        }
    }
}
