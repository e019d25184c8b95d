package io.gatehouse.hytale.protocol.packet.setup;

import io.gatehouse.hytale.protocol.io.PayloadReader;
import io.gatehouse.hytale.protocol.packet.Packet;
import io.netty.buffer.ByteBuf;

/**
 * ViewRadius (id 32, both directions, fixed 4 bytes): value int32 LE in blocks (the server works in chunks of 32
 * and later sends {@code maxViewRadius * 32}).
 */
public record ViewRadius(int value) implements Packet {

    public static final int ID = 32;
    public static final int SIZE = 4;

    public static ViewRadius decode(ByteBuf buf) {
        return new ViewRadius(PayloadReader.consuming(buf).requireAtLeast(SIZE, "ViewRadius").readIntLE("ViewRadius.value"));
    }

    @Override
    public int id() {
        return ID;
    }

    @Override
    public void encode(ByteBuf buf) {
        buf.writeIntLE(value);
    }
}
