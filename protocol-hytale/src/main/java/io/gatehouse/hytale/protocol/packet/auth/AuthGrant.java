package io.gatehouse.hytale.protocol.packet.auth;

import io.gatehouse.hytale.protocol.io.OffsetTable;
import io.gatehouse.hytale.protocol.io.PayloadReader;
import io.gatehouse.hytale.protocol.io.PayloadWriter;
import io.gatehouse.hytale.protocol.packet.Packet;
import io.gatehouse.hytale.protocol.packet.Secrets;
import io.netty.buffer.ByteBuf;

/**
 * AuthGrant (id 11, server → client; reference §5.2): nullBits [authorizationGrant, serverIdentityToken], offsets @1
 * and @5, variable block @9. The grant is for the client to exchange; the server identity token lets it grant back.
 */
public record AuthGrant(String authorizationGrant, String serverIdentityToken) implements Packet {

    public static final int ID = 11;
    public static final int MIN_SIZE = 1;
    public static final int MAX_SIZE = 49_171;
    public static final int VARIABLE_BLOCK_START = 9;
    public static final int MAX_GRANT_BYTES = 4096;
    public static final int MAX_IDENTITY_TOKEN_BYTES = 8192;

    public static AuthGrant decode(ByteBuf buf) {
        PayloadReader in = PayloadReader.consuming(buf).requireAtLeast(VARIABLE_BLOCK_START, "AuthGrant");
        byte nullBits = in.readByte("AuthGrant.nullBits");
        String grant = null;
        if ((nullBits & 0x01) != 0) {
            grant = in.seek(in.variableFieldPosition("AuthGrant.authorizationGrant", 1, VARIABLE_BLOCK_START))
                    .readVarString("AuthGrant.authorizationGrant", MAX_GRANT_BYTES);
        }
        String identityToken = null;
        if ((nullBits & 0x02) != 0) {
            identityToken = in.seek(in.variableFieldPosition("AuthGrant.serverIdentityToken", 5, VARIABLE_BLOCK_START))
                    .readVarString("AuthGrant.serverIdentityToken", MAX_IDENTITY_TOKEN_BYTES);
        }
        return new AuthGrant(grant, identityToken);
    }

    @Override
    public int id() {
        return ID;
    }

    @Override
    public void encode(ByteBuf buf) {
        buf.writeByte((authorizationGrant != null ? 0x01 : 0) | (serverIdentityToken != null ? 0x02 : 0));
        OffsetTable offsets = OffsetTable.reserve(buf, 2);
        if (authorizationGrant != null) {
            offsets.present(0);
            PayloadWriter.writeVarString(buf, authorizationGrant, MAX_GRANT_BYTES, "AuthGrant.authorizationGrant");
        } else {
            offsets.absent(0);
        }
        if (serverIdentityToken != null) {
            offsets.present(1);
            PayloadWriter.writeVarString(buf, serverIdentityToken, MAX_IDENTITY_TOKEN_BYTES, "AuthGrant.serverIdentityToken");
        } else {
            offsets.absent(1);
        }
    }

    @Override
    public String toString() {
        return "AuthGrant[authorizationGrant=" + Secrets.redact(authorizationGrant)
                + ", serverIdentityToken=" + Secrets.redact(serverIdentityToken) + "]";
    }
}
