package io.gatehouse.hytale.protocol.packet.auth;

import io.gatehouse.hytale.protocol.io.Bytes;
import io.gatehouse.hytale.protocol.io.PayloadReader;
import io.gatehouse.hytale.protocol.io.PayloadWriter;
import io.gatehouse.hytale.protocol.packet.Packet;
import io.netty.buffer.ByteBuf;

/**
 * ConnectAccept (id 14, server → client; reference §5.2): nullBits [passwordChallenge], then the challenge as VarInt
 * count + bytes directly at offset 1 (single variable field: no offset table). Sent on the insecure/dev path.
 */
public record ConnectAccept(Bytes passwordChallenge) implements Packet {

    public static final int ID = 14;
    public static final int MIN_SIZE = 1;
    public static final int MAX_SIZE = 70;
    public static final int MAX_CHALLENGE_BYTES = 64;

    public static ConnectAccept decode(ByteBuf buf) {
        PayloadReader in = PayloadReader.consuming(buf).requireAtLeast(MIN_SIZE, "ConnectAccept");
        byte nullBits = in.readByte("ConnectAccept.nullBits");
        return new ConnectAccept((nullBits & 0x01) != 0
                ? Bytes.adopt(in.readByteArray("ConnectAccept.passwordChallenge", MAX_CHALLENGE_BYTES)) : null);
    }

    @Override
    public int id() {
        return ID;
    }

    @Override
    public void encode(ByteBuf buf) {
        buf.writeByte(passwordChallenge != null ? 0x01 : 0);
        if (passwordChallenge != null) {
            PayloadWriter.writeByteArray(buf, passwordChallenge, MAX_CHALLENGE_BYTES, "ConnectAccept.passwordChallenge");
        }
    }
}
