package io.gatehouse.hytale.protocol.io;

import io.gatehouse.hytale.protocol.ProtocolException;
import io.netty.buffer.ByteBuf;

/** Unsigned LEB128 as the Hytale codec writes it: 7 bits per byte, low group first, at most 5 bytes, never negative. */
public final class VarInt {

    public static final int MAX_BYTES = 5;

    private VarInt() {
    }

    public static void write(ByteBuf buf, int value) {
        if (value < 0) {
            throw new ProtocolException("VarInt cannot encode negative value " + value);
        }
        while ((value & ~0x7F) != 0) {
            buf.writeByte((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        buf.writeByte(value);
    }

    public static int size(int value) {
        if (value < 0) {
            throw new ProtocolException("VarInt cannot encode negative value " + value);
        }
        if (value < 1 << 7) {
            return 1;
        }
        if (value < 1 << 14) {
            return 2;
        }
        if (value < 1 << 21) {
            return 3;
        }
        if (value < 1 << 28) {
            return 4;
        }
        return 5;
    }

    /**
     * Reads a VarInt at absolute {@code index}, never past {@code limit} (exclusive).
     *
     * @return the value in the low 32 bits and the encoded length in bits 32..39
     */
    public static long read(ByteBuf buf, int index, int limit, String field) {
        int value = 0;
        for (int i = 0; i < MAX_BYTES; i++) {
            if (index + i >= limit) {
                throw new ProtocolException(field + ": VarInt runs past the end of the payload");
            }
            int b = buf.getByte(index + i) & 0xFF;
            value |= (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                if (i == MAX_BYTES - 1 && b > 0x07) {
                    throw new ProtocolException(field + ": VarInt exceeds 32 bits");
                }
                return (value & 0xFFFFFFFFL) | ((long) (i + 1) << 32);
            }
        }
        throw new ProtocolException(field + ": VarInt longer than " + MAX_BYTES + " bytes");
    }
}
