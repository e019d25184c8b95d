package io.gatehouse.fivem.protocol.oob;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.fivem.protocol.Hex;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutOfBandTest {

    private static byte[] oob(String text) {
        return OutOfBand.frame(text);
    }

    @Test
    void infoResponseIsByteExact() {
        InfoSnapshot s = new InfoSnapshot("48", 3, "^1My ^7Server", "Freeroam", "fivem-map-skater", "1234567");
        byte[] datagram = InfoResponse.encode(s, "xyz");
        String expectedText = "infoResponse\n\\sv_maxclients\\48\\clients\\3\\challenge\\xyz\\gamename\\CitizenFX"
                + "\\protocol\\4\\hostname\\^1My ^7Server\\gametype\\Freeroam\\mapname\\fivem-map-skater\\iv\\1234567";
        byte[] expected = new byte[4 + expectedText.length()];
        expected[0] = expected[1] = expected[2] = expected[3] = (byte) 0xFF;
        System.arraycopy(expectedText.getBytes(StandardCharsets.US_ASCII), 0, expected, 4, expectedText.length());
        assertThat(datagram).isEqualTo(expected);
        assertThat(Hex.of(datagram)).startsWith("ffffffff" + Hex.of("infoResponse\n\\sv_maxclients\\".getBytes()));
    }

    @Test
    void clientParsesInfoResponse() {
        InfoSnapshot s = InfoSnapshot.of(32, 0, "Test", "gt", "map", 99);
        Map<String, String> info = InfoResponse.parse(InfoResponse.encode(s, "xyz")).orElseThrow();
        assertThat(info).containsEntry("hostname", "Test").containsEntry("challenge", "xyz")
                .containsEntry("iv", "99").containsEntry("sv_maxclients", "32").containsEntry("protocol", "4");
        assertThat(InfoResponse.parse(oob("statusResponse\n"))).isEmpty();
    }

    @Test
    void classifiesGetInfoAndExtractsChallenge() {
        OobPacket p = OutOfBand.classify(OutOfBand.getInfoRequest("xyz"));
        assertThat(p.kind()).isEqualTo(OobKind.GETINFO);
        assertThat(p.key()).isEqualTo("getinfo");
        assertThat(OutOfBand.getInfoChallenge(p)).contains("xyz");
        // the key ends at '\n' too; the challenge ends at the first ' ' or '\n' of the data
        OobPacket q = OutOfBand.classify(oob("getinfo\nab cd"));
        assertThat(q.kind()).isEqualTo(OobKind.GETINFO);
        assertThat(OutOfBand.getInfoChallenge(q)).contains("ab");
        // no separator: empty data, empty challenge
        assertThat(OutOfBand.getInfoChallenge(OutOfBand.classify(oob("getinfo")))).contains("");
    }

    @Test
    void getInfoWithMoreThanEightBytesOfDataIsDropped() {
        assertThat(OutOfBand.getInfoChallenge(OutOfBand.classify(oob("getinfo 12345678")))).contains("12345678");
        assertThat(OutOfBand.getInfoChallenge(OutOfBand.classify(oob("getinfo 123456789")))).isEmpty();
        // the flood pattern "getinfo xxx\0\0\0" has 6 bytes of data: answered, challenge includes the NULs
        assertThat(OutOfBand.getInfoChallenge(OutOfBand.classify(oob("getinfo xxx\0\0\0")))).contains("xxx\0\0\0");
    }

    @Test
    void demultiplexingRules() {
        assertThat(OutOfBand.classify(Hex.bytes("ffffffff")).kind()).isEqualTo(OobKind.SWALLOWED);
        assertThat(OutOfBand.classify(oob(" getinfo xyz")).kind()).isEqualTo(OobKind.SWALLOWED);
        assertThat(OutOfBand.classify(oob("\n")).kind()).isEqualTo(OobKind.SWALLOWED);
        assertThat(OutOfBand.classify(oob("getstatus")).kind()).isEqualTo(OobKind.GETSTATUS);
        assertThat(OutOfBand.classify(oob("rcon pw status")).kind()).isEqualTo(OobKind.RCON);
        assertThat(OutOfBand.classify(oob("GETINFO xyz")).kind()).isEqualTo(OobKind.UNHANDLED);
        assertThat(OutOfBand.classify(Hex.bytes("fffffffe 00")).kind()).isEqualTo(OobKind.NOT_OOB);
        assertThat(OutOfBand.classify(Hex.bytes("ffffff")).kind()).isEqualTo(OobKind.NOT_OOB);
        assertThat(OutOfBand.classify(oob("rcon secret cmd")).toString()).doesNotContain("secret");
    }

    @Test
    void errorAndStatusResponses() {
        assertThat(Hex.of(OutOfBand.error("Invalid connection.")))
                .isEqualTo("ffffffff" + Hex.of("error Invalid connection.".getBytes(StandardCharsets.US_ASCII)));
        assertThat(OutOfBand.parseError(OutOfBand.error("Server->client connection timed out.")))
                .contains("Server->client connection timed out.");

        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("gamename", "gta5");
        vars.put("sv_lan", "false");
        assertThat(StatusResponse.text("48", 2, List.of("alice", "bob"), vars)).isEqualTo(
                "statusResponse\n\\sv_maxclients\\48\\clients\\2\n0 0 \"alice\"\n0 0 \"bob\"\n"
                        + "\\gamename\\gta5\\sv_lan\\false");
        assertThat(StatusResponse.text("48", 0, null, Map.of())).isEqualTo(
                "statusResponse\n\\sv_maxclients\\48\\clients\\0\n");
    }
}
