package io.gatehouse.fivem.protocol.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.fivem.protocol.hash.HashRageString;
import io.gatehouse.fivem.protocol.oob.InfoSnapshot;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpShapesTest {

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void dispatcherErrorsAreExactAndHaveNoCrlf() {
        assertThat(ClientEndpoint.dispatch("GET", b(""))).isEqualTo(new ClientEndpoint.Reject(405, "/client is POST only"));
        assertThat(ClientEndpoint.dispatch("POST", new byte[102401]))
                .isEqualTo(new ClientEndpoint.Reject(200, "{\"error\":\"POST data too big\"}"));
        assertThat(ClientEndpoint.dispatch("POST", b("name=x")))
                .isEqualTo(new ClientEndpoint.Reject(200, "{\"error\":\"missing method\"}"));
        assertThat(ClientEndpoint.dispatch("POST", b("method=getDeferState")))
                .isEqualTo(new ClientEndpoint.Reject(200, "{\"error\":\"invalid method\"}"));
        assertThat(ClientEndpoint.dispatch("POST", b("method=InitConnect")))
                .isEqualTo(new ClientEndpoint.Reject(200, "{\"error\":\"invalid method\"}"));
        ClientEndpoint.Dispatch ok = ClientEndpoint.dispatch("POST", b("method=getEndpoints&token=t"));
        assertThat(ok).isInstanceOf(ClientEndpoint.Route.class);
        assertThat(((ClientEndpoint.Route) ok).method()).isEqualTo(ClientMethod.GET_ENDPOINTS);
        // exactly at the limit is still accepted
        byte[] atLimit = new byte[102400];
        java.util.Arrays.fill(atLimit, (byte) 'a');
        assertThat(ClientEndpoint.dispatch("POST", atLimit))
                .isEqualTo(new ClientEndpoint.Reject(200, "{\"error\":\"missing method\"}"));
    }

    @Test
    void getEndpointsShapes() {
        assertThat(GetEndpoints.fieldsMissing()).isEqualTo("{\"error\":\"fields missing\"}\r\n");
        assertThat(GetEndpoints.unknownToken()).isEqualTo("false\r\n");
        assertThat(GetEndpoints.endpoints("")).isEqualTo("[]\r\n");
        assertThat(GetEndpoints.endpoints("203.0.113.5:30120  198.51.100.7"))
                .isEqualTo("[\"203.0.113.5:30120\",\"198.51.100.7\"]\r\n");
    }

    @Test
    void getConfigurationShapes() {
        assertThat(GetConfiguration.notAValidClient()).isEqualTo("{\"error\":\"Not a valid client.\"}\r\n");
        assertThat(GetConfiguration.stillConnecting()).isEqualTo("{\"error\":\"Client is still connecting.\"}\r\n");
        assertThat(GetConfiguration.rateLimited()).isEqualTo("{\"error\":\"Rate limit exceeded.\"}\r\n");
        Map<String, String> files = new LinkedHashMap<>();
        files.put("resource.rpf", "aa");
        Map<String, GetConfiguration.StreamFile> stream = new LinkedHashMap<>();
        stream.put("car.yft", new GetConfiguration.StreamFile("bb", 1, 162, 1024, Optional.of(3L), Optional.of(4L),
                Optional.empty()));
        String r = GetConfiguration.response(GetConfiguration.DEFAULT_FILE_SERVER, List.of(
                new GetConfiguration.Resource("mapmanager", files, stream, Optional.empty())));
        assertThat(r).isEqualTo("{\"fileServer\":\"https://%s/files\",\"resources\":[{\"name\":\"mapmanager\","
                + "\"files\":{\"resource.rpf\":\"aa\"},\"streamFiles\":{\"car.yft\":{\"hash\":\"bb\",\"rscFlags\":1,"
                + "\"rscVersion\":162,\"size\":1024,\"rscPagesVirtual\":3,\"rscPagesPhysical\":4}}}]}\r\n");
        assertThat(GetConfiguration.parseResourceFilter(Optional.of("a;b"))).containsExactly("a", "b");
        assertThat(GetConfiguration.parseResourceFilter(Optional.empty())).isEmpty();
    }

    @Test
    void submitCardShapes() {
        assertThat(SubmitCard.ok()).isEqualTo("{\"result\":\"ok\"}\r\n");
        assertThat(SubmitCard.fieldsMissing()).isEqualTo("{\"error\":\"fields missing\"}\r\n");
        assertThat(SubmitCard.noClient()).isEqualTo("{\"error\":\"no client\"}\r\n");
    }

    @Test
    void infoJsonIsSortedWithHardcapFirstAndSelfConsistentVersion() {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("sv_maxClients", "48");
        vars.put("gamename", "gta5");
        vars.put("sv_hostname", "hidden");
        vars.put("sv_infoVersion", "123");
        vars.put("onesync_enabled", "true");
        InfoJson info = InfoJson.builder().resources(List.of("mapmanager", "hardcap", "chat"))
                .requestSteamTicket(InfoJson.requestSteamTicketFor("none")).vars(vars).build();
        String expectedPrefix = "{\"enforceSteamAuth\":false,\"enhancedHostSupport\":true,\"requestSteamTicket\":\"off\","
                + "\"resources\":[\"hardcap\",\"mapmanager\",\"chat\"],\"server\":\"FXServer-master SERVER v1.0.0.12913 linux\","
                + "\"vars\":{\"gamename\":\"gta5\",\"onesync_enabled\":\"true\",\"sv_maxClients\":\"48\"},\"version\":";
        assertThat(info.json()).startsWith(expectedPrefix).isEqualTo(expectedPrefix + info.version() + "}");
        long recomputed = HashRageString.of(expectedPrefix + "0}") & 0x7FFFFFFFL;
        assertThat(info.version()).isEqualTo(recomputed);
        assertThat(InfoJson.requestSteamTicketFor("")).isEqualTo("unset");
        assertThat(InfoJson.requestSteamTicketFor("ABC")).isEqualTo("on");
        String server = InfoJson.DEFAULT_SERVER;
        int build = Integer.parseInt(server.replace(" linux", "").substring(server.replace(" linux", "").lastIndexOf('.') + 1));
        assertThat(build).isGreaterThanOrEqualTo(3419);
    }

    @Test
    void dynamicJsonUsesStringsWhereFxServerDoes() {
        assertThat(DynamicJson.of(InfoSnapshot.of(48, 2, "Host", "gt", "map", 99))).isEqualTo(
                "{\"clients\":2,\"gametype\":\"gt\",\"hostname\":\"Host\",\"iv\":\"99\",\"mapname\":\"map\","
                        + "\"sv_maxclients\":\"48\"}");
    }

    @Test
    void playersJsonPrivacy() {
        List<PlayersJson.Player> players = List.of(new PlayersJson.Player(1, "bob", "203.0.113.9:5000",
                List.of("license:ab", "ip:203.0.113.9"), 42));
        assertThat(PlayersJson.of(players, true, false)).isEqualTo(
                "[{\"endpoint\":\"127.0.0.1\",\"id\":1,\"identifiers\":[],\"name\":\"bob\",\"ping\":42}]");
        assertThat(PlayersJson.of(players, true, true)).isEqualTo(
                "[{\"endpoint\":\"127.0.0.1\",\"id\":1,\"identifiers\":[\"license:ab\"],\"name\":\"bob\",\"ping\":42}]");
        assertThat(PlayersJson.of(players, false, true)).isEqualTo("[{\"endpoint\":\"203.0.113.9:5000\",\"id\":1,"
                + "\"identifiers\":[\"license:ab\",\"ip:203.0.113.9\"],\"name\":\"bob\",\"ping\":42}]");
    }
}
