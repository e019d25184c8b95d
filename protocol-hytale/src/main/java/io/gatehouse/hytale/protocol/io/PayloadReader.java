package io.gatehouse.hytale.protocol.io;

import io.gatehouse.hytale.protocol.ProtocolException;
import io.netty.buffer.ByteBuf;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Bounds-checked reads over one packet payload (the readable bytes of a buffer when the reader was made).
 *
 * <p>Positions are relative to the payload start, as the generated Hytale code's offsets are. Every read checks the
 * payload bounds first and throws {@link ProtocolException}, so no {@code IndexOutOfBoundsException} escapes. The
 * reader keeps a cursor for sequential reads; {@link #seek} moves it to a variable field found through the offset
 * table.
 */
public final class PayloadReader {

    private final ByteBuf buf;
    private final int base;
    private final int length;
    private int position;

    private PayloadReader(ByteBuf buf, int base, int length) {
        this.buf = buf;
        this.base = base;
        this.length = length;
    }

    /** A reader over {@code buf}'s readable bytes; the buffer's indices are not touched. */
    public static PayloadReader of(ByteBuf buf) {
        return new PayloadReader(buf, buf.readerIndex(), buf.readableBytes());
    }

    /** A reader over {@code buf}'s readable bytes, which are marked consumed: a decoder takes the whole payload. */
    public static PayloadReader consuming(ByteBuf buf) {
        PayloadReader reader = of(buf);
        buf.skipBytes(buf.readableBytes());
        return reader;
    }

    public int length() {
        return length;
    }

    public int position() {
        return position;
    }

    public int remaining() {
        return length - position;
    }

    public PayloadReader seek(int newPosition) {
        if (newPosition < 0 || newPosition > length) {
            throw new ProtocolException("Position " + newPosition + " outside payload of " + length + " bytes");
        }
        position = newPosition;
        return this;
    }

    /** Fails unless the payload holds at least the fixed block every instance of the packet carries. */
    public PayloadReader requireAtLeast(int minLength, String what) {
        if (length < minLength) {
            throw new ProtocolException(what + " needs at least " + minLength + " bytes, got " + length);
        }
        return this;
    }

    private int take(int n, String field) {
        if (n < 0 || n > length - position) {
            throw ProtocolException.bufferTooSmall(field, n, length - position);
        }
        int at = base + position;
        position += n;
        return at;
    }

    public byte readByte(String field) {
        return buf.getByte(take(1, field));
    }

    public int readUnsignedByte(String field) {
        return buf.getUnsignedByte(take(1, field));
    }

    /** A bool byte; like the official reader, any non-zero value is true. */
    public boolean readBool(String field) {
        return readByte(field) != 0;
    }

    public short readShortLE(String field) {
        return buf.getShortLE(take(2, field));
    }

    public int readIntLE(String field) {
        return buf.getIntLE(take(4, field));
    }

    public long readLongLE(String field) {
        return buf.getLongLE(take(8, field));
    }

    public float readFloatLE(String field) {
        return Float.intBitsToFloat(readIntLE(field));
    }

    public double readDoubleLE(String field) {
        return Double.longBitsToDouble(readLongLE(field));
    }

    /** A UUID as two big-endian longs (RFC 4122 byte order), unlike every other integer in the protocol. */
    public UUID readUuid(String field) {
        int at = take(16, field);
        return new UUID(buf.getLong(at), buf.getLong(at + 8));
    }

    /** A zero-padded fixed-width ASCII field; the value ends at the first 0x00. Non-ASCII bytes are rejected. */
    public String readFixedAscii(String field, int width) {
        int at = take(width, field);
        int end = 0;
        while (end < width && buf.getByte(at + end) != 0) {
            end++;
        }
        checkAscii(at, end, field);
        return buf.toString(at, end, StandardCharsets.US_ASCII);
    }

    public int readVarInt(String field) {
        long packed = VarInt.read(buf, base + position, base + length, field);
        position += (int) (packed >>> 32);
        return (int) packed;
    }

    /** A count followed by elements of at least {@code minElementBytes} each; checked before anything is allocated. */
    public int readCount(String field, int max, int minElementBytes) {
        int count = readVarInt(field);
        if (count > max) {
            throw ProtocolException.arrayTooLong(field, count, max);
        }
        if ((long) count * minElementBytes > remaining()) {
            throw ProtocolException.bufferTooSmall(field, (int) Math.min(Integer.MAX_VALUE, (long) count * minElementBytes),
                    remaining());
        }
        return count;
    }

    public String readVarString(String field, int maxBytes) {
        return readVarString(field, maxBytes, StandardCharsets.UTF_8);
    }

    public String readVarAsciiString(String field, int maxBytes) {
        return readVarString(field, maxBytes, StandardCharsets.US_ASCII);
    }

    private String readVarString(String field, int maxBytes, Charset charset) {
        int len = readVarInt(field);
        if (len > maxBytes) {
            throw ProtocolException.stringTooLong(field, len, maxBytes);
        }
        int at = take(len, field);
        if (charset == StandardCharsets.US_ASCII) {
            checkAscii(at, len, field);
        }
        return buf.toString(at, len, charset);
    }

    /** A VarInt byte count followed by raw bytes. */
    public byte[] readByteArray(String field, int maxBytes) {
        int len = readVarInt(field);
        if (len > maxBytes) {
            throw ProtocolException.arrayTooLong(field, len, maxBytes);
        }
        byte[] out = new byte[len];
        buf.getBytes(take(len, field), out);
        return out;
    }

    public byte[] readRemaining() {
        byte[] out = new byte[remaining()];
        buf.getBytes(take(out.length, "payload"), out);
        return out;
    }

    /**
     * Resolves a variable field through the offset table: reads the int32 LE offset at {@code slotPosition} and
     * returns the absolute payload position {@code variableBlockStart + offset}, validated against the payload.
     * Does not move the cursor.
     */
    public int variableFieldPosition(String field, int slotPosition, int variableBlockStart) {
        if (slotPosition < 0 || slotPosition + 4 > length) {
            throw ProtocolException.bufferTooSmall(field + " offset", 4, Math.max(0, length - slotPosition));
        }
        int offset = buf.getIntLE(base + slotPosition);
        if (offset < 0) {
            throw new ProtocolException(field + ": invalid offset " + offset + " for a present field");
        }
        long position = (long) variableBlockStart + offset;
        if (position >= length) {
            throw new ProtocolException(field + ": offset " + offset + " points past the payload (" + length + " bytes)");
        }
        return (int) position;
    }

    private void checkAscii(int at, int len, String field) {
        for (int i = 0; i < len; i++) {
            if (buf.getByte(at + i) < 0) {
                throw new ProtocolException(field + ": non-ASCII byte in an ASCII field");
            }
        }
    }
}
