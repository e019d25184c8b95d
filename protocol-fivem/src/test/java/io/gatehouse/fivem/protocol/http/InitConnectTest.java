package io.gatehouse.fivem.protocol.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.fivem.protocol.form.FormData;
import io.gatehouse.fivem.protocol.form.FormEncoder;
import io.gatehouse.fivem.protocol.ticket.CfxPublicKeySource;
import io.gatehouse.fivem.protocol.ticket.CfxTicketIssuer;
import io.gatehouse.fivem.protocol.ticket.CfxTicketVerifier;
import io.gatehouse.fivem.protocol.ticket.InMemoryTicketReplayGuard;
import io.gatehouse.fivem.protocol.ticket.TestKeys;
import io.gatehouse.fivem.protocol.ticket.TicketFailure;
import io.gatehouse.fivem.protocol.ticket.TicketVerifier;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class InitConnectTest {

    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String REMOTE = "203.0.113.9:51234";
    static final byte[] HASH = new byte[20];

    long nextGuid = 0x0210000100000100L;

    final InitConnectConfig base = InitConnectConfig.builder().serverId("srv1").enforceGameBuild("3258").build();
    final TicketVerifier verifier = new CfxTicketVerifier(CfxPublicKeySource.fixed(TestKeys.pub()),
            new InMemoryTicketReplayGuard(CLOCK), CLOCK);

    long expirySeq = 600;

    /** Each ticket gets its own expiry so (expiry, guid) pairs never collide in the replay guard. */
    String ticket(long guid, String json) {
        return CfxTicketIssuer.with(TestKeys.priv()).guid(guid).expiry(NOW.plusSeconds(expirySeq++)).entitlementHash(HASH)
                .extraJson(json).issueBase64();
    }

    Map<String, String> validForm() {
        long guid = nextGuid++;
        Map<String, String> f = new LinkedHashMap<>();
        f.put("method", "initConnect");
        f.put("name", "Bob");
        f.put("guid", Long.toUnsignedString(guid));
        f.put("protocol", "12");
        f.put("gameName", "gta5");
        f.put("gameBuild", "3258");
        f.put("cfxTicket2", ticket(guid, "{\"gn\":\"gta5\",\"si\":\"srv1\"}"));
        return f;
    }

    static FormData form(Map<String, String> fields) {
        return FormData.decode(FormEncoder.encode(fields));
    }

    InitConnectDecision decide(InitConnectConfig config, Map<String, String> fields) {
        return InitConnect.decide(config, new InitConnectRequest(form(fields), REMOTE), verifier);
    }

    static String message(InitConnectDecision d) {
        assertThat(d).isInstanceOf(InitConnectDecision.Rejected.class);
        return ((InitConnectDecision.Rejected) d).message();
    }

    Map<String, String> with(Consumer<Map<String, String>> change) {
        Map<String, String> f = validForm();
        change.accept(f);
        return f;
    }

    @Test
    void validRequestIsAccepted() {
        Map<String, String> f = validForm();
        InitConnectDecision d = decide(base, f);
        assertThat(d).isInstanceOf(InitConnectDecision.Accepted.class);
        InitConnectDecision.Accepted a = (InitConnectDecision.Accepted) d;
        assertThat(a.name()).isEqualTo("Bob");
        assertThat(a.guid()).isEqualTo(f.get("guid"));
        assertThat(a.gameName()).isEqualTo("gta5");
        assertThat(a.tcpEndpoint()).isEqualTo("203.0.113.9");
        assertThat(a.identifiers()).containsExactly("license:" + "00".repeat(20), "ip:203.0.113.9");
    }

    /** Each check is provoked while everything after it would also fail, then repaired, proving the order. */
    @Test
    void everyCheckInOrderWithExactStrings() {
        InitConnectConfig cfg = base.toBuilder().settled(false).legacyUtf8NameErrors(true).build();
        Map<String, String> f = validForm();
        long guid = Long.parseUnsignedLong(f.get("guid"));
        f.remove("name");
        f.put("protocol", "11");
        f.put("gameName", "rdr3");
        f.put("gameBuild", "0");
        f.put("cfxTicket2", ticket(guid, "{\"gn\":\"rdr3\",\"si\":\"other\"}"));

        assertThat(message(decide(cfg, f))).isEqualTo("The server is starting up.");
        cfg = cfg.toBuilder().settled(true).build();

        assertThat(message(decide(cfg, f))).isEqualTo("fields missing");
        f.put("name", "x".repeat(199) + "\u00e9"); // 201 bytes: truncation cuts the é in half
        assertThat(message(decide(cfg, f))).isEqualTo("Client/server version mismatch. Restart your game client to "
                + "update. If that did not help, this server is using too new a version for the current game client.");
        f.put("protocol", "12");

        assertThat(message(decide(cfg, f))).isEqualTo("Client/Server game mismatch: rdr3/gta5");
        f.put("gameName", "gta5");

        assertThat(message(decide(cfg, f))).isEqualTo("Parsing name failed.");
        f.put("name", "Bob");

        String realTicket = f.remove("cfxTicket2");
        assertThat(message(decide(cfg, f))).isEqualTo("No authentication ticket was specified.");
        f.put("cfxTicket2", realTicket);

        TicketVerifier noKey = new CfxTicketVerifier(CfxPublicKeySource.fixed(null),
                new InMemoryTicketReplayGuard(CLOCK), CLOCK);
        assertThat(message(InitConnect.decide(cfg, new InitConnectRequest(form(f), REMOTE), noKey)))
                .isEqualTo("public key request failed.");

        f.put("cfxTicket2", "%%%");
        assertThat(message(decide(cfg, f)))
                .isEqualTo("Parsing error while verifying ticket. base64_decode: invalid base64 character '%'");
        f.put("cfxTicket2", Base64.getEncoder().encodeToString(new byte[100]));
        assertThat(message(decide(cfg, f))).isEqualTo("Ticket authorization failed. Invalid ticket length.");
        f.put("cfxTicket2", Base64.getEncoder().encodeToString(new byte[300]));
        assertThat(message(decide(cfg, f))).isEqualTo("Ticket authorization failed. Invalid ticket length. (2)");
        f.put("cfxTicket2", CfxTicketIssuer.with(TestKeys.priv()).guid(guid).expiry(NOW.minusSeconds(5))
                .entitlementHash(HASH).issueBase64());
        assertThat(message(decide(cfg, f)))
                .isEqualTo("Ticket authorization failed. Ticket expired. Please check your server's system time.");
        f.put("cfxTicket2", ticket(guid + 1000, "{}"));
        assertThat(message(decide(cfg, f))).isEqualTo("Ticket authorization failed. Mismatching GUID.");
        f.put("cfxTicket2", CfxTicketIssuer.with(TestKeys.otherPriv()).guid(guid).expiry(NOW.plusSeconds(7))
                .entitlementHash(HASH).issueBase64());
        assertThat(message(decide(cfg, f))).isEqualTo("Ticket authorization failed. Invalid ticket signature.");
        // the forged ticket's (expiry, guid) was recorded before its signature check, as in FXServer
        assertThat(message(decide(cfg, f))).isEqualTo("Ticket authorization failed. Reused ticket.");
        byte[] tampered = Base64.getDecoder().decode(ticket(guid, "{\"gn\":\"gta5\",\"si\":\"srv1\"}").replace("\n", ""));
        tampered[180] ^= 1;
        f.put("cfxTicket2", Base64.getEncoder().encodeToString(tampered));
        assertThat(message(decide(cfg, f))).isEqualTo("Ticket authorization failed. (2)");
        f.put("cfxTicket2", realTicket);

        InitConnectDecision gn = decide(cfg, f);
        assertThat(message(gn)).isEqualTo("CitizenFX ticket authorization failed. (3)");
        assertThat(((InitConnectDecision.Rejected) gn).ticketFailure()).contains(TicketFailure.GAME_NAME_MISMATCH);
        f.put("cfxTicket2", ticket(guid, "{\"gn\":\"gta5\",\"si\":\"other\"}"));
        assertThat(message(decide(cfg, f))).isEqualTo("CitizenFX ticket authorization failed. (4)");
        f.put("cfxTicket2", ticket(guid, "{\"gn\":\"gta5\",\"si\":\"srv1\"}"));

        InitConnectRequest steamFails = new InitConnectRequest(form(f), REMOTE, List.of(
                InitConnectRequest.ExternalIdentity.failed("steam", 5, 1, "Steam rejected authentication: Invalid")));
        assertThat(message(InitConnect.decide(cfg, steamFails, verifier)))
                .isEqualTo("Steam rejected authentication: Invalid");

        f.put("cfxTicket2", ticket(guid, "{\"gn\":\"gta5\",\"si\":\"srv1\"}"));
        assertThat(message(decide(cfg, f))).isEqualTo("Invalid game build has been passed (0).");
        f.put("cfxTicket2", ticket(guid, "{\"gn\":\"gta5\",\"si\":\"srv1\"}"));
        f.put("gameBuild", "3095");
        assertThat(message(decide(cfg, f))).isEqualTo("This server requires a different game build (3258) from the "
                + "one you're using (3095). Tell the server owner to remove this check.");
        f.put("cfxTicket2", ticket(guid, "{\"gn\":\"gta5\",\"si\":\"srv1\"}"));
        f.put("gameBuild", "3258_1");
        assertThat(message(decide(cfg, f))).isEqualTo("Client/Server game build revision mismatch: you are running "
                + "game build 3258 revision 1, while server expects revision 0.\n\nFor more information, please "
                + "<a href=\"https://aka.cfx.re/game-build-revision-mismatch\">click here</a>.");
        f.put("cfxTicket2", ticket(guid, "{\"gn\":\"gta5\",\"si\":\"srv1\"}"));
        f.put("gameBuild", "3258");
        assertThat(decide(cfg, f)).isInstanceOf(InitConnectDecision.Accepted.class);
    }

    @Test
    void insufficientIdentifiersComesBeforeTheBuildCheck() {
        // in LAN mode there is no license identifier: ip alone has variance 5
        InitConnectConfig lan = base.toBuilder().lan(true).authMaxVariance(4).build();
        Map<String, String> f = with(m -> {
            m.remove("cfxTicket2");
            m.put("gameBuild", "junk");
        });
        assertThat(message(decide(lan, f))).isEqualTo("You can not join this server due to your identifiers being "
                + "insufficient. Please try starting Steam or another identity provider and try again.");
        InitConnectRequest withSteam = new InitConnectRequest(form(f), REMOTE,
                List.of(InitConnectRequest.ExternalIdentity.steam("steam:110000112345678")));
        assertThat(message(InitConnect.decide(lan, withSteam, verifier)))
                .isEqualTo("Invalid game build has been passed (junk).");
    }

    @Test
    void lanSkipsTicketsAndTicketJson() {
        InitConnectConfig lan = base.toBuilder().lan(true).build();
        InitConnectDecision d = decide(lan, with(m -> m.remove("cfxTicket2")));
        assertThat(d).isInstanceOf(InitConnectDecision.Accepted.class);
        assertThat(((InitConnectDecision.Accepted) d).identifiers()).containsExactly("ip:203.0.113.9");
    }

    @Test
    void gta5AcceptsMissingGameNameAndRdr3BuildMessageHasNoHint() {
        InitConnectDecision d = decide(base, with(m -> m.remove("gameName")));
        assertThat(d).isInstanceOf(InitConnectDecision.Accepted.class);
        assertThat(((InitConnectDecision.Accepted) d).gameName()).isEmpty();

        InitConnectConfig rdr = base.toBuilder().game(GameName.RDR3).enforceGameBuild("1491").lan(true).build();
        assertThat(message(decide(rdr, with(m -> {
            m.put("gameName", "rdr3");
            m.put("gameBuild", "1436");
        })))).isEqualTo("This server requires a different game build (1491) from the one you're using (1436).");

        InitConnectConfig gta4 = base.toBuilder().game(GameName.GTA4).lan(true).build();
        assertThat(message(decide(gta4, with(m -> m.remove("gameName"))))).isEqualTo("Client/Server game mismatch: /gta4");
        // GTA4 does not enforce builds
        assertThat(decide(gta4, with(m -> {
            m.put("gameName", "gta4");
            m.put("gameBuild", "nonsense");
        }))).isInstanceOf(InitConnectDecision.Accepted.class);
    }

    @Test
    void nameIsTruncatedTo200BytesAndRepaired() {
        Map<String, String> f = with(m -> m.put("name", "x".repeat(199) + "\u00e9zz"));
        InitConnectDecision.Accepted a = (InitConnectDecision.Accepted) decide(base, f);
        assertThat(a.name()).isEqualTo("x".repeat(199) + "\uFFFD");

        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        byte[] body = FormEncoder.encode(validForm()).getBytes(StandardCharsets.US_ASCII);
        raw.writeBytes(body);
        raw.writeBytes("&name=A%C0%80B%FFC".getBytes(StandardCharsets.US_ASCII));
        InitConnectDecision d2 = InitConnect.decide(base, new InitConnectRequest(FormData.decode(raw.toByteArray()),
                REMOTE), verifier);
        // utfcpp: one U+FFFD per overlong sequence, one per invalid lead byte
        assertThat(((InitConnectDecision.Accepted) d2).name()).isEqualTo("A\uFFFDB\uFFFDC");
    }

    @Test
    void protocolIsParsedWithAtoi() {
        assertThat(decide(base, with(m -> m.put("protocol", " 12abc")))).isInstanceOf(InitConnectDecision.Accepted.class);
        assertThat(message(decide(base, with(m -> m.put("protocol", "abc")))))
                .startsWith("Client/server version mismatch.");
    }

    @Test
    void identifiersIncludeTicketTkEntriesAndStrippedIp() {
        Map<String, String> f = validForm();
        long guid = Long.parseUnsignedLong(f.get("guid"));
        f.put("cfxTicket2", ticket(guid, "{\"gn\":\"gta5\",\"si\":\"srv1\",\"tk\":[\"fivem:1\",\"discord:2\"],"
                + "\"hw\":[\"2:ab\"]}"));
        InitConnectRequest r = new InitConnectRequest(form(f), "198.51.100.4:40000",
                List.of(InitConnectRequest.ExternalIdentity.steam("steam:110000112345678")));
        InitConnectDecision.Accepted a = (InitConnectDecision.Accepted) InitConnect.decide(base, r, verifier);
        assertThat(a.identifiers()).containsExactly("steam:110000112345678", "license:" + "00".repeat(20),
                "fivem:1", "discord:2", "ip:198.51.100.4");
        assertThat(a.tokens()).containsExactly("2:ab");
    }

    @Test
    void successObjectHasExactlyTheReferenceKeysInNlohmannOrder() {
        String chunk = InitConnect.successChunk(base, "gta5", "3f2504e0-4f89-41d3-9a0c-0305e82c3301", Map.of());
        assertThat(chunk).isEqualTo("{\"bitVersion\":35343302721536,\"enhancedHostSupport\":false,"
                + "\"gamename\":\"gta5\",\"handover\":{},\"maxClients\":48,\"netlibVersion\":2,\"onesync\":true,"
                + "\"onesync_big\":true,\"onesync_lh\":true,\"onesync_population\":true,\"protocol\":5,\"pure\":0,"
                + "\"sH\":false,\"token\":\"3f2504e0-4f89-41d3-9a0c-0305e82c3301\"}\r\n");
    }

    @Test
    void successHandoverValuesAreParsedJson() {
        Map<String, String> handover = new LinkedHashMap<>();
        handover.put("endpoints", "[\"203.0.113.5:30120\"]");
        handover.put("broken", "{nope");
        handover.put("n", "42");
        InitConnectConfig cfg = base.toBuilder().oneSync(false).oneSyncBig(false).enhancedHostSupport(true)
                .scriptHookAllowed(true).pureLevel(2).maxClients("32x").build();
        String chunk = InitConnect.successChunk(cfg, "", "t", handover);
        assertThat(chunk).isEqualTo("{\"bitVersion\":35343302721536,\"enhancedHostSupport\":true,\"gamename\":\"\","
                + "\"handover\":{\"endpoints\":[\"203.0.113.5:30120\"],\"n\":42},\"maxClients\":32,"
                + "\"netlibVersion\":2,\"onesync\":false,\"onesync_big\":false,\"onesync_lh\":true,"
                + "\"onesync_population\":true,\"protocol\":5,\"pure\":2,\"sH\":true,\"token\":\"t\"}\r\n");
    }

    @Test
    void deferralChunksAreExact() {
        assertThat(DeferralChunks.message("Checking your ban status..."))
                .isEqualTo("{\"defer\":true,\"deferVersion\":2,\"message\":\"Checking your ban status...\"}\r\n");
        assertThat(DeferralChunks.keepAlive()).isEqualTo("{\"defer\":true,\"deferVersion\":2,\"message\":null}\r\n");
        assertThat(DeferralChunks.message("")).isEqualTo(DeferralChunks.keepAlive());
        assertThat(DeferralChunks.card("{\"type\":\"AdaptiveCard\"}", "tok")).isEqualTo(
                "{\"card\":\"{\\\"type\\\":\\\"AdaptiveCard\\\"}\",\"defer\":true,\"deferVersion\":2,\"token\":\"tok\"}\r\n");
        assertThat(DeferralChunks.error("Resource prevented connection."))
                .isEqualTo("{\"error\":\"Resource prevented connection.\"}\r\n");
        assertThat(DeferralChunks.joinMessages(List.of(new DeferralChunks.Pending("txAdmin", "Checking"),
                new DeferralChunks.Pending("queue", "Position 3")))).isEqualTo("txAdmin: Checking\nqueue: Position 3\n");
        assertThat(((InitConnectDecision.Rejected) decide(base.toBuilder().settled(false).build(), validForm())).chunk())
                .isEqualTo("{\"error\":\"The server is starting up.\"}\r\n");
    }

    @Test
    void rejectionsNeverCarryTheTicketOrToken() {
        Map<String, String> f = validForm();
        f.put("guid", "1");
        InitConnectDecision d = decide(base, f);
        assertThat(d.toString()).doesNotContain(f.get("cfxTicket2").substring(0, 20));
        assertThat(Optional.of(d)).get().isInstanceOf(InitConnectDecision.Rejected.class);
    }
}
