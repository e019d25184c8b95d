package io.gatehouse.hytale.protocol.types;

import io.gatehouse.hytale.protocol.io.PayloadReader;
import io.netty.buffer.ByteBuf;

/** {@code protocol/InstantData.java}: {@code seconds} int64 LE, {@code nanos} int32 LE (12 bytes). */
public record InstantData(long seconds, int nanos) {

    public static final int SIZE = 12;
    public static final InstantData ZERO = new InstantData(0, 0);

    public static InstantData read(PayloadReader in) {
        return new InstantData(in.readLongLE("InstantData.seconds"), in.readIntLE("InstantData.nanos"));
    }

    public void write(ByteBuf buf) {
        buf.writeLongLE(seconds);
        buf.writeIntLE(nanos);
    }
}
