package io.gatehouse.hytale.protocol.packet.setup;

import io.gatehouse.hytale.protocol.io.PayloadReader;
import io.gatehouse.hytale.protocol.packet.Packet;
import io.gatehouse.hytale.protocol.types.PlayerSkin;
import io.netty.buffer.ByteBuf;

/** PlayerOptions (id 33, client → server; reference §5.4): nullBits [skin], then the {@link PlayerSkin} @1. */
public record PlayerOptions(PlayerSkin skin) implements Packet {

    public static final int ID = 33;
    public static final int MIN_SIZE = 1;
    public static final int MAX_SIZE = 327_680_184;

    public static PlayerOptions decode(ByteBuf buf) {
        PayloadReader in = PayloadReader.consuming(buf).requireAtLeast(MIN_SIZE, "PlayerOptions");
        byte nullBits = in.readByte("PlayerOptions.nullBits");
        return new PlayerOptions((nullBits & 0x01) != 0 ? PlayerSkin.read(in) : null);
    }

    @Override
    public int id() {
        return ID;
    }

    @Override
    public void encode(ByteBuf buf) {
        buf.writeByte(skin != null ? 0x01 : 0);
        if (skin != null) {
            skin.write(buf);
        }
    }
}
