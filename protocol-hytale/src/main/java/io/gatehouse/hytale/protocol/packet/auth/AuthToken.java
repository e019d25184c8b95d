package io.gatehouse.hytale.protocol.packet.auth;

import io.gatehouse.hytale.protocol.io.OffsetTable;
import io.gatehouse.hytale.protocol.io.PayloadReader;
import io.gatehouse.hytale.protocol.io.PayloadWriter;
import io.gatehouse.hytale.protocol.packet.Packet;
import io.gatehouse.hytale.protocol.packet.Secrets;
import io.netty.buffer.ByteBuf;

/**
 * AuthToken (id 12, client → server; reference §5.2): nullBits [accessToken, serverAuthorizationGrant], offsets @1
 * and @5, variable block @9.
 */
public record AuthToken(String accessToken, String serverAuthorizationGrant) implements Packet {

    public static final int ID = 12;
    public static final int MIN_SIZE = 1;
    public static final int MAX_SIZE = 49_171;
    public static final int VARIABLE_BLOCK_START = 9;
    public static final int MAX_ACCESS_TOKEN_BYTES = 8192;
    public static final int MAX_GRANT_BYTES = 4096;

    public static AuthToken decode(ByteBuf buf) {
        PayloadReader in = PayloadReader.consuming(buf).requireAtLeast(VARIABLE_BLOCK_START, "AuthToken");
        byte nullBits = in.readByte("AuthToken.nullBits");
        String accessToken = null;
        if ((nullBits & 0x01) != 0) {
            accessToken = in.seek(in.variableFieldPosition("AuthToken.accessToken", 1, VARIABLE_BLOCK_START))
                    .readVarString("AuthToken.accessToken", MAX_ACCESS_TOKEN_BYTES);
        }
        String grant = null;
        if ((nullBits & 0x02) != 0) {
            grant = in.seek(in.variableFieldPosition("AuthToken.serverAuthorizationGrant", 5, VARIABLE_BLOCK_START))
                    .readVarString("AuthToken.serverAuthorizationGrant", MAX_GRANT_BYTES);
        }
        return new AuthToken(accessToken, grant);
    }

    @Override
    public int id() {
        return ID;
    }

    @Override
    public void encode(ByteBuf buf) {
        buf.writeByte((accessToken != null ? 0x01 : 0) | (serverAuthorizationGrant != null ? 0x02 : 0));
        OffsetTable offsets = OffsetTable.reserve(buf, 2);
        if (accessToken != null) {
            offsets.present(0);
            PayloadWriter.writeVarString(buf, accessToken, MAX_ACCESS_TOKEN_BYTES, "AuthToken.accessToken");
        } else {
            offsets.absent(0);
        }
        if (serverAuthorizationGrant != null) {
            offsets.present(1);
            PayloadWriter.writeVarString(buf, serverAuthorizationGrant, MAX_GRANT_BYTES, "AuthToken.serverAuthorizationGrant");
        } else {
            offsets.absent(1);
        }
    }

    @Override
    public String toString() {
        return "AuthToken[accessToken=" + Secrets.redact(accessToken)
                + ", serverAuthorizationGrant=" + Secrets.redact(serverAuthorizationGrant) + "]";
    }
}
