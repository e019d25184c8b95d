package io.gatehouse.hytale.protocol.packet.connection;

import io.gatehouse.hytale.protocol.io.PayloadReader;
import io.gatehouse.hytale.protocol.io.PayloadWriter;
import io.gatehouse.hytale.protocol.packet.Packet;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * Disconnect (id 1, both directions; reference §5.3): nullBits [reason] @0, type @1, reason VarString UTF-8 @2
 * (single variable field: no offset table). Valid in v1 and v2 (renumbered in v3).
 */
public record Disconnect(String reason, DisconnectType type) implements Packet {

    public static final int ID = 1;
    public static final int MIN_SIZE = 2;
    public static final int MAX_SIZE = 16_384_007;
    public static final int MAX_REASON_BYTES = 4_096_000;

    public Disconnect {
        Objects.requireNonNull(type, "type");
    }

    /** A normal disconnect with a reason shown to the player. */
    public static Disconnect withReason(String reason) {
        return new Disconnect(reason, DisconnectType.DISCONNECT);
    }

    public static Disconnect decode(ByteBuf buf) {
        PayloadReader in = PayloadReader.consuming(buf).requireAtLeast(MIN_SIZE, "Disconnect");
        byte nullBits = in.readByte("Disconnect.nullBits");
        DisconnectType type = DisconnectType.fromValue(in.readUnsignedByte("Disconnect.type"));
        String reason = (nullBits & 0x01) != 0 ? in.readVarString("Disconnect.reason", MAX_REASON_BYTES) : null;
        return new Disconnect(reason, type);
    }

    @Override
    public int id() {
        return ID;
    }

    @Override
    public void encode(ByteBuf buf) {
        buf.writeByte(reason != null ? 0x01 : 0);
        buf.writeByte(type.value());
        if (reason != null) {
            PayloadWriter.writeVarString(buf, reason, MAX_REASON_BYTES, "Disconnect.reason");
        }
    }
}
