package io.gatehouse.hytale.protocol.packet.auth;

import io.gatehouse.hytale.protocol.io.Bytes;
import io.gatehouse.hytale.protocol.io.PayloadReader;
import io.gatehouse.hytale.protocol.io.PayloadWriter;
import io.gatehouse.hytale.protocol.packet.Packet;
import io.netty.buffer.ByteBuf;

/**
 * PasswordRejected (id 17, server → client; reference §5.2): nullBits [newChallenge], attemptsRemaining int32 LE @1,
 * then the new challenge as VarInt count + bytes @5.
 */
public record PasswordRejected(Bytes newChallenge, int attemptsRemaining) implements Packet {

    public static final int ID = 17;
    public static final int MIN_SIZE = 5;
    public static final int MAX_SIZE = 74;
    public static final int MAX_CHALLENGE_BYTES = 64;

    public static PasswordRejected decode(ByteBuf buf) {
        PayloadReader in = PayloadReader.consuming(buf).requireAtLeast(MIN_SIZE, "PasswordRejected");
        byte nullBits = in.readByte("PasswordRejected.nullBits");
        int attempts = in.readIntLE("PasswordRejected.attemptsRemaining");
        return new PasswordRejected((nullBits & 0x01) != 0
                ? Bytes.adopt(in.readByteArray("PasswordRejected.newChallenge", MAX_CHALLENGE_BYTES)) : null, attempts);
    }

    @Override
    public int id() {
        return ID;
    }

    @Override
    public void encode(ByteBuf buf) {
        buf.writeByte(newChallenge != null ? 0x01 : 0);
        buf.writeIntLE(attemptsRemaining);
        if (newChallenge != null) {
            PayloadWriter.writeByteArray(buf, newChallenge, MAX_CHALLENGE_BYTES, "PasswordRejected.newChallenge");
        }
    }
}
