package io.gatehouse.hytale.protocol.packet.auth;

import io.gatehouse.hytale.protocol.io.Bytes;
import io.gatehouse.hytale.protocol.io.PayloadReader;
import io.gatehouse.hytale.protocol.io.PayloadWriter;
import io.gatehouse.hytale.protocol.packet.Packet;
import io.netty.buffer.ByteBuf;

/**
 * PasswordResponse (id 15, client → server; reference §5.2): nullBits [hash], then VarInt count + bytes at offset 1.
 * The hash is SHA-256(challenge ‖ UTF-8(password)); computing it is the auth service's job.
 */
public record PasswordResponse(Bytes hash) implements Packet {

    public static final int ID = 15;
    public static final int MIN_SIZE = 1;
    public static final int MAX_SIZE = 70;
    public static final int MAX_HASH_BYTES = 64;

    public static PasswordResponse decode(ByteBuf buf) {
        PayloadReader in = PayloadReader.consuming(buf).requireAtLeast(MIN_SIZE, "PasswordResponse");
        byte nullBits = in.readByte("PasswordResponse.nullBits");
        return new PasswordResponse((nullBits & 0x01) != 0
                ? Bytes.adopt(in.readByteArray("PasswordResponse.hash", MAX_HASH_BYTES)) : null);
    }

    @Override
    public int id() {
        return ID;
    }

    @Override
    public void encode(ByteBuf buf) {
        buf.writeByte(hash != null ? 0x01 : 0);
        if (hash != null) {
            PayloadWriter.writeByteArray(buf, hash, MAX_HASH_BYTES, "PasswordResponse.hash");
        }
    }
}
