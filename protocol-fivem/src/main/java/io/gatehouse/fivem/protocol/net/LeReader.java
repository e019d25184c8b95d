package io.gatehouse.fivem.protocol.net;

import io.gatehouse.fivem.protocol.FivemProtocolException;
import java.util.Arrays;

/** Bounds-checked little-endian reader; running past the end is a {@link FivemProtocolException}, never an AIOOBE. */
public final class LeReader {

    private final byte[] data;
    private final int end;
    private int pos;

    public LeReader(byte[] data) {
        this(data, 0, data.length);
    }

    public LeReader(byte[] data, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > data.length) {
            throw new FivemProtocolException(FivemProtocolException.Kind.MESSAGE, "bad buffer range");
        }
        this.data = data;
        this.pos = offset;
        this.end = offset + length;
    }

    private void need(int n) {
        if (end - pos < n) {
            throw new FivemProtocolException(FivemProtocolException.Kind.MESSAGE, "message truncated");
        }
    }

    public int u8() {
        need(1);
        return data[pos++] & 0xFF;
    }

    public int u16() {
        need(2);
        int v = (data[pos] & 0xFF) | (data[pos + 1] & 0xFF) << 8;
        pos += 2;
        return v;
    }

    public int u32() {
        need(4);
        int v = (data[pos] & 0xFF) | (data[pos + 1] & 0xFF) << 8 | (data[pos + 2] & 0xFF) << 16
                | (data[pos + 3] & 0xFF) << 24;
        pos += 4;
        return v;
    }

    public byte[] bytes(int n) {
        if (n < 0) {
            throw new FivemProtocolException(FivemProtocolException.Kind.MESSAGE, "negative length");
        }
        need(n);
        byte[] out = Arrays.copyOfRange(data, pos, pos + n);
        pos += n;
        return out;
    }

    public byte[] rest() {
        return bytes(end - pos);
    }

    public int remaining() {
        return end - pos;
    }

    public void expectEnd() {
        if (pos != end) {
            throw new FivemProtocolException(FivemProtocolException.Kind.MESSAGE, "trailing bytes in message");
        }
    }
}
