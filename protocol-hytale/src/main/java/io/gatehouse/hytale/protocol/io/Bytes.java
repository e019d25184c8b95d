package io.gatehouse.hytale.protocol.io;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * An immutable byte string, so packet records holding binary fields (challenges, hashes, referral data, asset parts)
 * stay immutable and compare by content. {@link #toString()} shows only the length: these fields are often secrets.
 */
public final class Bytes {

    public static final Bytes EMPTY = new Bytes(new byte[0]);

    private final byte[] data;

    private Bytes(byte[] data) {
        this.data = data;
    }

    public static Bytes of(byte... data) {
        return data.length == 0 ? EMPTY : new Bytes(data.clone());
    }

    /** Takes ownership of {@code data} without copying; callers must not modify it afterwards. */
    public static Bytes adopt(byte[] data) {
        return data.length == 0 ? EMPTY : new Bytes(data);
    }

    public int length() {
        return data.length;
    }

    public byte get(int index) {
        return data[index];
    }

    public byte[] toByteArray() {
        return data.clone();
    }

    public void writeTo(ByteBuf buf) {
        buf.writeBytes(data);
    }

    public boolean contentEquals(byte[] other) {
        return Arrays.equals(data, other);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes b && Arrays.equals(data, b.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Bytes[" + data.length + "]";
    }
}
