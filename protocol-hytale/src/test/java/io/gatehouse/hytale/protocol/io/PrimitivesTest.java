package io.gatehouse.hytale.protocol.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.hytale.protocol.ProtocolConstants;
import io.gatehouse.hytale.protocol.ProtocolException;
import io.gatehouse.hytale.protocol.Vectors;
import io.gatehouse.hytale.protocol.packet.auth.AuthGrant;
import io.gatehouse.hytale.protocol.packet.connection.Disconnect;
import io.gatehouse.hytale.protocol.types.FormattedMessage;
import io.gatehouse.hytale.protocol.types.MaybeBool;
import io.gatehouse.hytale.protocol.types.ParamValue;
import io.gatehouse.hytale.protocol.types.PlayerSkin;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrimitivesTest {

    /** hytale-vectors.md §D1. */
    @ParameterizedTest
    @CsvSource({"0,00", "1,01", "127,7f", "128,8001", "255,ff01", "300,ac02", "4096,8020", "8192,8040", "16383,ff7f",
            "16384,808001", "2097151,ffff7f", "2097152,80808001", "268435455,ffffff7f", "268435456,8080808001",
            "2147483647,ffffffff07"})
    void varIntMatchesVectorD1(int value, String hex) {
        ByteBuf buf = Unpooled.buffer();
        VarInt.write(buf, value);
        assertThat(ByteBufUtil.hexDump(buf)).isEqualTo(hex);
        assertThat(VarInt.size(value)).isEqualTo(hex.length() / 2);
        assertThat(PayloadReader.of(buf).readVarInt("v")).isEqualTo(value);
    }

    @Test
    void varIntRejectsNegativeOverlongAndTruncatedInput() {
        assertThatThrownBy(() -> VarInt.write(Unpooled.buffer(), -1)).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> PayloadReader.of(Unpooled.wrappedBuffer(Vectors.hex("80 80 80 80 80 01"))).readVarInt("v"))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("longer than 5");
        assertThatThrownBy(() -> PayloadReader.of(Unpooled.wrappedBuffer(Vectors.hex("ff ff ff ff 0f"))).readVarInt("v"))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("32 bits");
        assertThatThrownBy(() -> PayloadReader.of(Unpooled.wrappedBuffer(Vectors.hex("80 80"))).readVarInt("v"))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("past the end");
    }

    /** hytale-vectors.md §D2: the CRC as int32 LE at Connect offset 1. */
    @ParameterizedTest
    @CsvSource({"1789265863,c707a66a", "-1356075132,84ef2baf", "-1695325721,e761f39a", "1367909235,73a38851",
            "-1273927538,8e6811b4", "1097867039,1f1f7041", "1080406952,a8b36540", "1230336123,7b705549", "1608127164,bc12da5f"})
    void protocolCrcWireBytesMatchVectorD2(int crc, String hex) {
        assertThat(ByteBufUtil.hexDump(Unpooled.buffer().writeIntLE(crc))).isEqualTo(hex);
    }

    @Test
    void constantsMatchTheReference() {
        assertThat(ProtocolConstants.V2_BUILD_20_CRC).isEqualTo(0xAF2BEF84);
        assertThat(ProtocolConstants.V2_BUILD_2_CRC).isEqualTo(0x6AA607C7);
        assertThat(ProtocolConstants.MAX_PACKET_SIZE).isEqualTo(0x64000000);
        assertThat(ProtocolConstants.V1_PROTOCOL_HASH).hasSize(64);
    }

    @Test
    void offsetsAreValidatedAgainstThePayload() {
        // AuthGrant with bit0 set and an offset pointing far past the end
        byte[] pastEnd = Vectors.hex("01 ff 00 00 00 ff ff ff ff 00");
        assertThatThrownBy(() -> AuthGrant.decode(Unpooled.wrappedBuffer(pastEnd)))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("points past");
        byte[] negative = Vectors.hex("01 fe ff ff ff ff ff ff ff 00");
        assertThatThrownBy(() -> AuthGrant.decode(Unpooled.wrappedBuffer(negative)))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("invalid offset");
        // string length running past the payload
        byte[] longString = Vectors.hex("01 00 00 00 00 ff ff ff ff 05 41");
        assertThatThrownBy(() -> AuthGrant.decode(Unpooled.wrappedBuffer(longString)))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("authorizationGrant");
    }

    @Test
    void perFieldMaxLengthsAreEnforcedBothWays() {
        String tooLong = "x".repeat(4097);
        assertThatThrownBy(() -> new AuthGrant(tooLong, null).encode(Unpooled.buffer()))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("4096");
        ByteBuf buf = Unpooled.buffer();
        buf.writeByte(1).writeIntLE(0).writeIntLE(-1);
        VarInt.write(buf, 4097);
        buf.writeZero(4097);
        assertThatThrownBy(() -> AuthGrant.decode(buf)).isInstanceOf(ProtocolException.class).hasMessageContaining("max 4096");
    }

    @Test
    void asciiFieldsRejectNonAscii() {
        ByteBuf buf = Unpooled.buffer();
        VarInt.write(buf, 2);
        buf.writeBytes(new byte[] {(byte) 0xC3, (byte) 0xA9});
        assertThatThrownBy(() -> PayloadReader.of(buf).readVarAsciiString("username", 16))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("non-ASCII");
        assertThatThrownBy(() -> PayloadWriter.writeVarAsciiString(Unpooled.buffer(), "é", 16, "username"))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void uuidIsBigEndian() {
        ByteBuf buf = Unpooled.buffer();
        PayloadWriter.writeUuid(buf, java.util.UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
        assertThat(ByteBufUtil.hexDump(buf)).isEqualTo("123e4567e89b12d3a456426614174000");
    }

    @Test
    void formattedMessageRoundTripsWithEveryFieldAndRejectsDeepNesting() {
        FormattedMessage child = FormattedMessage.translation("server.loading.asset");
        FormattedMessage full = new FormattedMessage("raw", "id", List.of(child),
                Map.of("s", new ParamValue.StringParam("v")), Map.of("m", child), "#ff0000",
                MaybeBool.TRUE, MaybeBool.FALSE, MaybeBool.NULL, MaybeBool.TRUE, "https://x", true);
        ByteBuf buf = Unpooled.buffer();
        full.write(buf);
        assertThat(FormattedMessage.read(PayloadReader.of(buf))).isEqualTo(full);

        FormattedMessage deep = FormattedMessage.raw("leaf");
        for (int i = 0; i <= FormattedMessage.MAX_DEPTH + 1; i++) {
            deep = new FormattedMessage(null, null, List.of(deep), null, null, null,
                    MaybeBool.NULL, MaybeBool.NULL, MaybeBool.NULL, MaybeBool.NULL, null, false);
        }
        ByteBuf deepBuf = Unpooled.buffer();
        deep.write(deepBuf);
        assertThatThrownBy(() -> FormattedMessage.read(PayloadReader.of(deepBuf)))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("nested");
    }

    @Test
    void playerSkinRoundTripsAcrossAllThreeNullBitBytes() {
        PlayerSkin skin = new PlayerSkin(Map.of(PlayerSkin.Part.BODY_CHARACTERISTIC, "Default", PlayerSkin.Part.EYEBROWS, "Thin",
                PlayerSkin.Part.CAPE, "Red"));
        ByteBuf buf = Unpooled.buffer();
        skin.write(buf);
        assertThat(ByteBufUtil.hexDump(buf, 0, 3)).isEqualTo("010108");
        assertThat(PlayerSkin.read(PayloadReader.of(buf))).isEqualTo(skin);
    }

    @Test
    void secretsStayOutOfToString() {
        assertThat(new AuthGrant("grant-secret", "jwt-secret").toString()).doesNotContain("secret");
        assertThat(Disconnect.withReason("bye").toString()).contains("bye");
    }
}
