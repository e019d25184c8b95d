package io.gatehouse.hytale.protocol.packet.connection;

import io.gatehouse.hytale.protocol.io.PayloadReader;
import io.gatehouse.hytale.protocol.packet.Packet;
import io.gatehouse.hytale.protocol.types.InstantData;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * Pong (id 3, client → server, fixed 20 bytes; reference §5.3): nullBits [time] @0, id @1, time InstantData @5
 * (zero-filled when null), type @17, packetQueueSize int16 LE @18.
 */
public record Pong(int pingId, InstantData time, PongType type, short packetQueueSize) implements Packet {

    public static final int ID = 3;
    public static final int SIZE = 20;

    public Pong {
        Objects.requireNonNull(type, "type");
    }

    public static Pong decode(ByteBuf buf) {
        PayloadReader in = PayloadReader.consuming(buf).requireAtLeast(SIZE, "Pong");
        byte nullBits = in.readByte("Pong.nullBits");
        int pingId = in.readIntLE("Pong.id");
        InstantData time = InstantData.read(in);
        PongType type = PongType.fromValue(in.readUnsignedByte("Pong.type"));
        return new Pong(pingId, (nullBits & 0x01) != 0 ? time : null, type, in.readShortLE("Pong.packetQueueSize"));
    }

    @Override
    public int id() {
        return ID;
    }

    @Override
    public void encode(ByteBuf buf) {
        buf.writeByte(time != null ? 0x01 : 0);
        buf.writeIntLE(pingId);
        (time != null ? time : InstantData.ZERO).write(buf);
        buf.writeByte(type.value());
        buf.writeShortLE(packetQueueSize);
    }
}
