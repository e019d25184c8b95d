package io.gatehouse.hytale.protocol.packet.setup;

import io.gatehouse.hytale.protocol.io.Bytes;
import io.gatehouse.hytale.protocol.io.PayloadReader;
import io.gatehouse.hytale.protocol.io.PayloadWriter;
import io.gatehouse.hytale.protocol.packet.Packet;
import io.netty.buffer.ByteBuf;

/**
 * AssetPart (id 25, server → client, zstd; reference §5.4): nullBits [part], part = VarInt count + bytes @1.
 * The official server cuts blobs into parts of {@link #OFFICIAL_PART_SIZE} bytes.
 */
public record AssetPart(Bytes part) implements Packet {

    public static final int ID = 25;
    public static final int MIN_SIZE = 1;
    public static final int MAX_SIZE = 4_096_006;
    public static final int MAX_PART_BYTES = 4_096_000;
    /** {@code CommonAssetModule.MAX_FRAME} = 0x280000. */
    public static final int OFFICIAL_PART_SIZE = 0x280000;

    public static AssetPart decode(ByteBuf buf) {
        PayloadReader in = PayloadReader.consuming(buf).requireAtLeast(MIN_SIZE, "AssetPart");
        byte nullBits = in.readByte("AssetPart.nullBits");
        return new AssetPart((nullBits & 0x01) != 0 ? Bytes.adopt(in.readByteArray("AssetPart.part", MAX_PART_BYTES)) : null);
    }

    @Override
    public int id() {
        return ID;
    }

    @Override
    public void encode(ByteBuf buf) {
        buf.writeByte(part != null ? 0x01 : 0);
        if (part != null) {
            PayloadWriter.writeByteArray(buf, part, MAX_PART_BYTES, "AssetPart.part");
        }
    }
}
