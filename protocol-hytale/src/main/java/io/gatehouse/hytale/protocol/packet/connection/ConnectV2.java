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
 * Connect as of server 2026.01.24 (protocol v2, builds 2 and 20; reference §5.1.1):
 * nullBits [identityToken, referralData, referralSource] @0, protocolCrc int32 @1, protocolBuildNumber int32 @5,
 * clientVersion fixed ASCII[20] @9, clientType @29, uuid @30, offsets username/identityToken/language/referralData/
 * referralSource @46..@62, variable block @66. username and language are required ASCII of at most 16 bytes.
 */
public record ConnectV2(
        int protocolCrc,
        int protocolBuildNumber,
        String clientVersion,
        ClientType clientType,
        UUID uuid,
        String username,
        String identityToken,
        String language,
        Bytes referralData,
        HostAddress referralSource) implements Connect {

    public static final int VARIABLE_BLOCK_START = 66;
    public static final int MIN_SIZE = 46;
    public static final int MAX_SIZE = 38_013;
    public static final int CLIENT_VERSION_LENGTH = 20;
    public static final int MAX_USERNAME_BYTES = 16;
    public static final int MAX_IDENTITY_TOKEN_BYTES = 8192;
    public static final int MAX_LANGUAGE_BYTES = 16;
    public static final int MAX_REFERRAL_DATA_BYTES = 4096;

    public ConnectV2 {
        Objects.requireNonNull(clientVersion, "clientVersion");
        Objects.requireNonNull(clientType, "clientType");
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(language, "language");
    }

    public static ConnectV2 decode(ByteBuf buf) {
        PayloadReader in = PayloadReader.consuming(buf).requireAtLeast(VARIABLE_BLOCK_START, "Connect");
        byte nullBits = in.readByte("Connect.nullBits");
        int crc = in.readIntLE("Connect.protocolCrc");
        int build = in.readIntLE("Connect.protocolBuildNumber");
        String clientVersion = in.readFixedAscii("Connect.clientVersion", CLIENT_VERSION_LENGTH);
        ClientType clientType = ClientType.fromValue(in.readUnsignedByte("Connect.clientType"));
        UUID uuid = in.readUuid("Connect.uuid");

        String username = in.seek(in.variableFieldPosition("Connect.username", 46, VARIABLE_BLOCK_START))
                .readVarAsciiString("Connect.username", MAX_USERNAME_BYTES);
        String identityToken = null;
        if ((nullBits & 0x01) != 0) {
            identityToken = in.seek(in.variableFieldPosition("Connect.identityToken", 50, VARIABLE_BLOCK_START))
                    .readVarString("Connect.identityToken", MAX_IDENTITY_TOKEN_BYTES);
        }
        String language = in.seek(in.variableFieldPosition("Connect.language", 54, VARIABLE_BLOCK_START))
                .readVarAsciiString("Connect.language", MAX_LANGUAGE_BYTES);
        Bytes referralData = null;
        if ((nullBits & 0x02) != 0) {
            referralData = Bytes.adopt(in.seek(in.variableFieldPosition("Connect.referralData", 58, VARIABLE_BLOCK_START))
                    .readByteArray("Connect.referralData", MAX_REFERRAL_DATA_BYTES));
        }
        HostAddress referralSource = null;
        if ((nullBits & 0x04) != 0) {
            referralSource = HostAddress.read(in.seek(in.variableFieldPosition("Connect.referralSource", 62,
                    VARIABLE_BLOCK_START)));
        }
        return new ConnectV2(crc, build, clientVersion, clientType, uuid, username, identityToken, language,
                referralData, referralSource);
    }

    @Override
    public void encode(ByteBuf buf) {
        int nullBits = 0;
        if (identityToken != null) nullBits |= 0x01;
        if (referralData != null) nullBits |= 0x02;
        if (referralSource != null) nullBits |= 0x04;
        buf.writeByte(nullBits);
        buf.writeIntLE(protocolCrc);
        buf.writeIntLE(protocolBuildNumber);
        PayloadWriter.writeFixedAscii(buf, clientVersion, CLIENT_VERSION_LENGTH, "Connect.clientVersion");
        buf.writeByte(clientType.value());
        PayloadWriter.writeUuid(buf, uuid);
        OffsetTable offsets = OffsetTable.reserve(buf, 5);
        offsets.present(0);
        PayloadWriter.writeVarAsciiString(buf, username, MAX_USERNAME_BYTES, "Connect.username");
        if (identityToken != null) {
            offsets.present(1);
            PayloadWriter.writeVarString(buf, identityToken, MAX_IDENTITY_TOKEN_BYTES, "Connect.identityToken");
        } else {
            offsets.absent(1);
        }
        offsets.present(2);
        PayloadWriter.writeVarAsciiString(buf, language, MAX_LANGUAGE_BYTES, "Connect.language");
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
        return "ConnectV2[protocolCrc=" + protocolCrc + ", protocolBuildNumber=" + protocolBuildNumber
                + ", clientVersion=" + clientVersion + ", clientType=" + clientType + ", uuid=" + uuid
                + ", username=" + username + ", identityToken=" + Secrets.redact(identityToken)
                + ", language=" + language + ", referralData=" + referralData + ", referralSource=" + referralSource + "]";
    }
}
