package io.gatehouse.hytale.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.hytale.protocol.packet.connection.ClientType;
import io.gatehouse.hytale.protocol.packet.connection.ConnectV1;
import io.gatehouse.hytale.protocol.packet.connection.ConnectV2;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class VersionCheckTest {

    static ConnectV2 v2(int crc, int build) {
        return new ConnectV2(crc, build, "bot", ClientType.GAME, new UUID(1, 2), "Alice", null, "en", null, null);
    }

    @Test
    void v2ComparesOnlyTheCrcAndPicksTheCloseCodeByBuild() {
        VersionCheck check = VersionCheck.DEFAULT;
        assertThat(check.check(v2(ProtocolConstants.V2_BUILD_20_CRC, 999))).isEmpty();
        assertThat(check.check(v2(ProtocolConstants.V2_BUILD_2_CRC, 2)).orElseThrow().closeCode())
                .isEqualTo(ApplicationCloseCode.CLIENT_OUTDATED);
        assertThat(check.check(v2(ProtocolConstants.V2_BUILD_29_CRC, 29)).orElseThrow().closeCode())
                .isEqualTo(ApplicationCloseCode.SERVER_OUTDATED);
        assertThat(check.check(v2(ProtocolConstants.V2_BUILD_29_CRC, 29)).orElseThrow().disconnect()).isEmpty();
        assertThat(new VersionCheck(ProtocolConstants.V2_BUILD_2_CRC, 2, ProtocolConstants.V1_PROTOCOL_HASH)
                .check(v2(ProtocolConstants.V2_BUILD_2_CRC, 2))).isEmpty();
    }

    @Test
    void v1MismatchIsAnInBandDisconnectWithBothHashes() {
        ConnectV1 stale = new ConnectV1("0".repeat(64), ClientType.GAME, new UUID(1, 2), "en", null, "Alice", null, null);
        VersionCheck.Rejection rejection = VersionCheck.DEFAULT.check(stale).orElseThrow();
        assertThat(rejection.disconnect().orElseThrow().reason()).isEqualTo(
                "Incompatible protocol!\nServer: " + ProtocolConstants.V1_PROTOCOL_HASH + "\nClient: " + "0".repeat(64));
        assertThat(VersionCheck.DEFAULT.check(new ConnectV1(ProtocolConstants.V1_PROTOCOL_HASH, ClientType.GAME,
                new UUID(1, 2), null, null, "Alice", null, null))).isEmpty();
    }
}
