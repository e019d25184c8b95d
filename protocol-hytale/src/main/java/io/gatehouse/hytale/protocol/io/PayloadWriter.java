package io.gatehouse.hytale.protocol.io;

import io.gatehouse.hytale.protocol.ProtocolException;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Writes for the generated-code primitives; every length limit is enforced here, as the official writers do. */
public final class PayloadWriter {

    private PayloadWriter() {
    }

    public static void writeBool(ByteBuf buf, boolean value) {
        buf.writeByte(value ? 1 : 0);
    }

    public static void writeUuid(ByteBuf buf, UUID uuid) {
        buf.writeLong(uuid.getMostSignificantBits());
        buf.writeLong(uuid.getLeastSignificantBits());
    }

    /** Zero-padded to {@code width}; a null value writes {@code width} zero bytes. */
    public static void writeFixedAscii(ByteBuf buf, String value, int width, String field) {
        if (value == null) {
            buf.writeZero(width);
            return;
        }
        byte[] bytes = asciiBytes(value, field);
        if (bytes.length > width) {
            throw ProtocolException.stringTooLong(field, bytes.length, width);
        }
        buf.writeBytes(bytes);
        buf.writeZero(width - bytes.length);
    }

    public static void writeVarString(ByteBuf buf, String value, int maxBytes, String field) {
        writeVarBytes(buf, value.getBytes(StandardCharsets.UTF_8), maxBytes, field);
    }

    public static void writeVarAsciiString(ByteBuf buf, String value, int maxBytes, String field) {
        writeVarBytes(buf, asciiBytes(value, field), maxBytes, field);
    }

    public static void writeByteArray(ByteBuf buf, Bytes value, int maxBytes, String field) {
        if (value.length() > maxBytes) {
            throw ProtocolException.arrayTooLong(field, value.length(), maxBytes);
        }
        VarInt.write(buf, value.length());
        value.writeTo(buf);
    }

    public static void writeCount(ByteBuf buf, int count, int max, String field) {
        if (count > max) {
            throw ProtocolException.arrayTooLong(field, count, max);
        }
        VarInt.write(buf, count);
    }

    private static void writeVarBytes(ByteBuf buf, byte[] bytes, int maxBytes, String field) {
        if (bytes.length > maxBytes) {
            throw ProtocolException.stringTooLong(field, bytes.length, maxBytes);
        }
        VarInt.write(buf, bytes.length);
        buf.writeBytes(bytes);
    }

    private static byte[] asciiBytes(String value, String field) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) > 0x7F) {
                throw new ProtocolException(field + ": non-ASCII character in an ASCII field");
            }
        }
        return value.getBytes(StandardCharsets.US_ASCII);
    }
}
