package io.gatehouse.hytale.protocol.packet.auth;

import io.gatehouse.hytale.protocol.io.Bytes;
import io.gatehouse.hytale.protocol.io.OffsetTable;
import io.gatehouse.hytale.protocol.io.PayloadReader;
import io.gatehouse.hytale.protocol.io.PayloadWriter;
import io.gatehouse.hytale.protocol.packet.Packet;
import io.gatehouse.hytale.protocol.packet.Secrets;
import io.netty.buffer.ByteBuf;

/**
 * ServerAuthToken (id 13, server → client; reference §5.2): nullBits [serverAccessToken, passwordChallenge], offsets
 * @1 and @5, variable block @9. A challenge (32 random bytes) means the server also wants a password.
 */
public record ServerAuthToken(String serverAccessToken, Bytes passwordChallenge) implements Packet {

    public static final int ID = 13;
    public static final int MIN_SIZE = 1;
    public static final int MAX_SIZE = 32_851;
    public static final int VARIABLE_BLOCK_START = 9;
    public static final int MAX_ACCESS_TOKEN_BYTES = 8192;
    public static final int MAX_CHALLENGE_BYTES = 64;

    public static ServerAuthToken decode(ByteBuf buf) {
        PayloadReader in = PayloadReader.consuming(buf).requireAtLeast(VARIABLE_BLOCK_START, "ServerAuthToken");
        byte nullBits = in.readByte("ServerAuthToken.nullBits");
        String token = null;
        if ((nullBits & 0x01) != 0) {
            token = in.seek(in.variableFieldPosition("ServerAuthToken.serverAccessToken", 1, VARIABLE_BLOCK_START))
                    .readVarString("ServerAuthToken.serverAccessToken", MAX_ACCESS_TOKEN_BYTES);
        }
        Bytes challenge = null;
        if ((nullBits & 0x02) != 0) {
            challenge = Bytes.adopt(in.seek(in.variableFieldPosition("ServerAuthToken.passwordChallenge", 5,
                    VARIABLE_BLOCK_START)).readByteArray("ServerAuthToken.passwordChallenge", MAX_CHALLENGE_BYTES));
        }
        return new ServerAuthToken(token, challenge);
    }

    @Override
    public int id() {
        return ID;
    }

    @Override
    public void encode(ByteBuf buf) {
        buf.writeByte((serverAccessToken != null ? 0x01 : 0) | (passwordChallenge != null ? 0x02 : 0));
        OffsetTable offsets = OffsetTable.reserve(buf, 2);
        if (serverAccessToken != null) {
            offsets.present(0);
            PayloadWriter.writeVarString(buf, serverAccessToken, MAX_ACCESS_TOKEN_BYTES, "ServerAuthToken.serverAccessToken");
        } else {
            offsets.absent(0);
        }
        if (passwordChallenge != null) {
            offsets.present(1);
            PayloadWriter.writeByteArray(buf, passwordChallenge, MAX_CHALLENGE_BYTES, "ServerAuthToken.passwordChallenge");
        } else {
            offsets.absent(1);
        }
    }

    @Override
    public String toString() {
        return "ServerAuthToken[serverAccessToken=" + Secrets.redact(serverAccessToken)
                + ", passwordChallenge=" + passwordChallenge + "]";
    }
}
