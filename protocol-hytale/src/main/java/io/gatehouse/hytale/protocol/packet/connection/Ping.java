package io.gatehouse.hytale.protocol.packet.connection;

import io.gatehouse.hytale.protocol.io.PayloadReader;
import io.gatehouse.hytale.protocol.packet.Packet;
import io.gatehouse.hytale.protocol.types.InstantData;
import io.netty.buffer.ByteBuf;

/**
 * Ping (id 2, server → client, fixed 29 bytes; reference §5.3): nullBits [time] @0, id @1, time InstantData @5
 * (zero-filled when null), lastPingValueRaw @17, lastPingValueDirect @21, lastPingValueTick @25.
 */
public record Ping(int pingId, InstantData time, int lastPingValueRaw, int lastPingValueDirect, int lastPingValueTick)
        implements Packet {

    public static final int ID = 2;
    public static final int SIZE = 29;

    public static Ping decode(ByteBuf buf) {
        PayloadReader in = PayloadReader.consuming(buf).requireAtLeast(SIZE, "Ping");
        byte nullBits = in.readByte("Ping.nullBits");
        int pingId = in.readIntLE("Ping.id");
        InstantData time = InstantData.read(in);
        return new Ping(pingId, (nullBits & 0x01) != 0 ? time : null,
                in.readIntLE("Ping.lastPingValueRaw"), in.readIntLE("Ping.lastPingValueDirect"),
                in.readIntLE("Ping.lastPingValueTick"));
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
        buf.writeIntLE(lastPingValueRaw);
        buf.writeIntLE(lastPingValueDirect);
        buf.writeIntLE(lastPingValueTick);
    }
}
