package io.gatehouse.hytale.protocol.packet.setup;

import io.gatehouse.hytale.protocol.io.PayloadReader;
import io.gatehouse.hytale.protocol.io.PayloadWriter;
import io.gatehouse.hytale.protocol.types.Asset;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/** {@code Asset[]} as WorldSettings and RequestAssets carry it: VarInt count, then the assets back to back. */
final class AssetListCodec {

    static final int MAX_ASSETS = 4_096_000;

    private AssetListCodec() {
    }

    static List<Asset> read(PayloadReader in, String field) {
        int count = in.readCount(field, MAX_ASSETS, Asset.MIN_SIZE);
        List<Asset> assets = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            assets.add(Asset.read(in));
        }
        return List.copyOf(assets);
    }

    static void write(ByteBuf buf, List<Asset> assets, String field) {
        PayloadWriter.writeCount(buf, assets.size(), MAX_ASSETS, field);
        for (Asset asset : assets) {
            asset.write(buf);
        }
    }
}
