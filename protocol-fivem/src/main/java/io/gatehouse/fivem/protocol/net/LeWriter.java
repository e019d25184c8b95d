package io.gatehouse.fivem.protocol.net;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A little-endian byte writer: FiveM writes raw x86 values inside ENet packets ({@code net::Buffer}). */
public final class LeWriter {

    private final ByteArrayOutputStream out;

    public LeWriter(int initialCapacity) {
        this.out = new ByteArrayOutputStream(initialCapacity);
    }

    public LeWriter u8(int v) {
        out.write(v);
        return this;
    }

    public LeWriter u16(int v) {
        out.write(v);
        out.write(v >>> 8);
        return this;
    }

    public LeWriter u32(int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
        return this;
    }

    public LeWriter bytes(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    public LeWriter ascii(String s) {
        return bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    public int size() {
        return out.size();
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }
}
