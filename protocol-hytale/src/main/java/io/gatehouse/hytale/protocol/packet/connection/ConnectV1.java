package io.gatehouse.hytale.protocol.packet.connection;

import io.gatehouse.hytale.protocol.io.Bytes;
import io.gatehouse.hytale.protocol.io.OffsetTable;
import io.gatehouse.hytale.protocol.io.PayloadReader;
import io.gatehouse.hytale.protocol.io.PayloadWriter;
import io.gatehouse.hytale.protocol.packet.Secrets;
import io.gatehouse.hytale.protocol.types.HostAddress;
import io.netty.buffer.ByteBuf;
import java.util.Objects;
import java.util.UUID;

/**
 * Connect of protocol v1 (ALPN {@code hytale/1}, servers up to 2026.01.17; reference §5.1.2, the seed's layout plus
 * the two referral offsets the seed omits): nullBits [language, identityToken, referralData, referralSource] @0,
 * protocolHash fixed ASCII[64] @1, clientType @65, uuid @66, offsets language/identityToken/username/referralData/
 * referralSource @82..@98, variable block @102. language is optional ASCII of at most 128 bytes.
 */
public record ConnectV1(
        String protocolHash,
        ClientType clientType,
        UUID uuid,
        String language,
        String identityToken,
        String username,
        Bytes referralData,
        HostAddress referralSource) implements Connect {

    public static final int VARIABLE_BLOCK_START = 102;
    public static final int MIN_SIZE = 82;
    public static final int MAX_SIZE = 38_161;
    public static final int PROTOCOL_HASH_LENGTH = 64;
    public static final int MAX_LANGUAGE_BYTES = 128;
    public static final int MAX_IDENTITY_TOKEN_BYTES = 8192;
    public static final int MAX_USERNAME_BYTES = 16;
    public static final int MAX_REFERRAL_DATA_BYTES = 4096;

    public ConnectV1 {
        Objects.requireNonNull(protocolHash, "protocolHash");
        Objects.requireNonNull(clientType, "clientType");
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(username, "username");
    }

    public static ConnectV1 decode(ByteBuf buf) {
        PayloadReader in = PayloadReader.consuming(buf).requireAtLeast(VARIABLE_BLOCK_START, "Connect");
        byte nullBits = in.readByte("Connect.nullBits");
        String protocolHash = in.readFixedAscii("Connect.protocolHash", PROTOCOL_HASH_LENGTH);
        ClientType clientType = ClientType.fromValue(in.readUnsignedByte("Connect.clientType"));
        UUID uuid = in.readUuid("Connect.uuid");

        String language = null;
        if ((nullBits & 0x01) != 0) {
            language = in.seek(in.variableFieldPosition("Connect.language", 82, VARIABLE_BLOCK_START))
                    .readVarAsciiString("Connect.language", MAX_LANGUAGE_BYTES);
        }
        String identityToken = null;
        if ((nullBits & 0x02) != 0) {
            identityToken = in.seek(in.variableFieldPosition("Connect.identityToken", 86, VARIABLE_BLOCK_START))
                    .readVarString("Connect.identityToken", MAX_IDENTITY_TOKEN_BYTES);
        }
        String username = in.seek(in.variableFieldPosition("Connect.username", 90, VARIABLE_BLOCK_START))
                .readVarAsciiString("Connect.username", MAX_USERNAME_BYTES);
        Bytes referralData = null;
        if ((nullBits & 0x04) != 0) {
            referralData = Bytes.adopt(in.seek(in.variableFieldPosition("Connect.referralData", 94, VARIABLE_BLOCK_START))
                    .readByteArray("Connect.referralData", MAX_REFERRAL_DATA_BYTES));
        }
        HostAddress referralSource = null;
        if ((nullBits & 0x08) != 0) {
            referralSource = HostAddress.read(in.seek(in.variableFieldPosition("Connect.referralSource", 98,
                    VARIABLE_BLOCK_START)));
        }
        return new ConnectV1(protocolHash, clientType, uuid, language, identityToken, username, referralData,
                referralSource);
    }

    @Override
    public void encode(ByteBuf buf) {
        int nullBits = 0;
        if (language != null) nullBits |= 0x01;
        if (identityToken != null) nullBits |= 0x02;
        if (referralData != null) nullBits |= 0x04;
        if (referralSource != null) nullBits |= 0x08;
        buf.writeByte(nullBits);
        PayloadWriter.writeFixedAscii(buf, protocolHash, PROTOCOL_HASH_LENGTH, "Connect.protocolHash");
        buf.writeByte(clientType.value());
        PayloadWriter.writeUuid(buf, uuid);
        OffsetTable offsets = OffsetTable.reserve(buf, 5);
        if (language != null) {
            offsets.present(0);
            PayloadWriter.writeVarAsciiString(buf, language, MAX_LANGUAGE_BYTES, "Connect.language");
        } else {
            offsets.absent(0);
        }
        if (identityToken != null) {
            offsets.present(1);
            PayloadWriter.writeVarString(buf, identityToken, MAX_IDENTITY_TOKEN_BYTES, "Connect.identityToken");
        } else {
            offsets.absent(1);
        }
        offsets.present(2);
        PayloadWriter.writeVarAsciiString(buf, username, MAX_USERNAME_BYTES, "Connect.username");
        if (referralData != null) {
            offsets.present(3);
            PayloadWriter.writeByteArray(buf, referralData, MAX_REFERRAL_DATA_BYTES, "Connect.referralData");
        } else {
            offsets.absent(3);
        }
        if (referralSource != null) {
            offsets.present(4);
            referralSource.write(buf);
        } else {
            offsets.absent(4);
        }
    }

    @Override
    public String toString() {
        return "ConnectV1[protocolHash=" + protocolHash + ", clientType=" + clientType + ", uuid=" + uuid
                + ", language=" + language + ", identityToken=" + Secrets.redact(identityToken)
                + ", username=" + username + ", referralData=" + referralData + ", referralSource=" + referralSource + "]";
    }
}
