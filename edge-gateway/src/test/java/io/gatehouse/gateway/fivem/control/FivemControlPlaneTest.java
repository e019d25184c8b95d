package io.gatehouse.gateway.fivem.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.auth.fivem.FivemAuthProperties;
import io.gatehouse.auth.fivem.admission.AdmissionHook;
import io.gatehouse.auth.fivem.admission.AdmissionVerdict;
import io.gatehouse.auth.fivem.admission.ConnectingPlayer;
import io.gatehouse.auth.fivem.admission.Deferral;
import io.gatehouse.dev.cfx.LocalCfxTicketIssuer;
import io.gatehouse.fivem.protocol.form.FormEncoder;
import io.gatehouse.fivem.protocol.ticket.CfxKeys;
import io.gatehouse.registry.core.BindRequest;
import io.gatehouse.registry.core.Holder;
import io.gatehouse.registry.core.NewSession;
import io.gatehouse.registry.core.PendingCreated;
import io.gatehouse.registry.core.Session;
import io.gatehouse.registry.core.SessionKey;
import io.gatehouse.registry.core.SessionStore;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateCrtKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;

/**
 * The FiveM HTTP control plane end to end over real sockets: one Spring context with every role (gateway, auth,
 * session registry, world; in-process gRPC between them, as the all-in-one node runs), a real local Cfx ticket issuer
 * whose pubkey endpoint the auth service fetches, a real webhook server, and test admission hooks keyed by player name.
 */
@SpringBootTest(classes = FivemControlPlaneTest.Node.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "management.server.port=-1",
                "spring.main.banner-mode=off",
                "gatehouse.grpc.in-process-name=fivem-control-plane-test",
                "gatehouse.hytale.enabled=false",
                "gatehouse.hytale.auth-mode=insecure",
                "gatehouse.fivem.udp.enabled=false",
                "gatehouse.fivem.server-id=test-server",
                "gatehouse.fivem.endpoints=203.0.113.5:30120 198.51.100.7",
                "gatehouse.fivem.hostname=Control Plane Test",
                "gatehouse.fivem.ticket.refresh-min-age=0s",
                "gatehouse.fivem.admission.webhook.timeout=1s",
                "gatehouse.fivem.admission.webhook.poll-interval=300ms",
        })
class FivemControlPlaneTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SERVER_ID = "test-server";

    static final Path dir;
    static final LocalCfxTicketIssuer issuer;
    static final RSAPrivateCrtKey foreignKey = (RSAPrivateCrtKey) CfxKeys.generate().getPrivate();
    static final DisposableServer webhook;

    static {
        try {
            dir = Files.createTempDirectory("fivem-control");
            issuer = LocalCfxTicketIssuer.loadOrGenerate(dir.resolve("cfx.pem"), Clock.systemUTC())
                    .start("127.0.0.1", 0);
            Path res = Files.createDirectories(dir.resolve("resources").resolve("testres"));
            Files.writeString(res.resolve("fxmanifest.lua"),
                    "fx_version 'cerulean'\ngame 'gta5'\nclient_script 'client.lua'\n");
            Files.writeString(res.resolve("client.lua"), "print('hello from testres')\n");
            webhook = reactor.netty.http.server.HttpServer.create().host("127.0.0.1").port(0)
                    .route(r -> r.post("/admit", (req, res2) -> req.receive().aggregate().asString()
                            .flatMap(body -> webhookAnswer(body))
                            .flatMap(answer -> res2.header("Content-Type", "application/json")
                                    .sendString(Mono.just(answer)).then())))
                    .bindNow();
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The operator's webhook: decides by player name. */
    static Mono<String> webhookAnswer(String body) {
        try {
            JsonNode req = JSON.readTree(body);
            String name = req.path("name").asText();
            int attempt = req.path("attempt").asInt();
            return switch (name) {
                case "hook-reject" -> Mono.just("{\"action\":\"reject\",\"reason\":\"Webhook says no\"}");
                case "hook-defer" -> Mono.just(attempt < 3 ? "{\"action\":\"defer\",\"message\":\"Checking...\"}"
                        : "{\"action\":\"accept\"}");
                case "hook-card" -> Mono.just(!req.has("cardResponse")
                        ? "{\"action\":\"card\",\"card\":{\"type\":\"AdaptiveCard\",\"body\":[]}}"
                        : req.get("cardResponse").asText().contains("yes") ? "{\"action\":\"accept\"}"
                        : "{\"action\":\"reject\",\"reason\":\"Card answer refused\"}");
                case "hook-slow" -> Mono.delay(Duration.ofSeconds(3)).map(x -> "{\"action\":\"accept\"}");
                default -> Mono.just("{\"action\":\"accept\"}");
            };
        } catch (Exception e) {
            return Mono.just("not json");
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("gatehouse.data-dir", () -> dir.resolve("data").toString());
        registry.add("gatehouse.world.resources-dir", () -> dir.resolve("resources").toString());
        registry.add("gatehouse.fivem.ticket.public-key-url", issuer::publicKeyUrl);
    }

    @AfterAll
    static void stopPeers() {
        issuer.close();
        webhook.disposeNow(Duration.ofSeconds(5));
    }

    static final AtomicBoolean hangCancelled = new AtomicBoolean();

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Node {

        /** Test admission hook, after the built-in ones: behaviour by name prefix. */
        @Bean
        @Order(1000)
        AdmissionHook testHook() {
            return new AdmissionHook() {
                @Override
                public String description() {
                    return "test";
                }

                @Override
                public CompletionStage<AdmissionVerdict> admit(ConnectingPlayer player, Deferral deferral) {
                    String n = player.name();
                    if (n.startsWith("defer-")) {
                        deferral.update("Please wait");
                        deferral.handover("queue", "{\"position\":1}");
                        return CompletableFuture.supplyAsync(AdmissionVerdict::accept,
                                CompletableFuture.delayedExecutor(2500, TimeUnit.MILLISECONDS));
                    }
                    if (n.startsWith("card-")) {
                        return deferral.presentCard("{\"type\":\"AdaptiveCard\",\"version\":\"1.0\"}")
                                .thenApply(data -> data.contains("ok") ? AdmissionVerdict.accept()
                                        : AdmissionVerdict.reject("Card said no"));
                    }
                    if (n.startsWith("reject-")) {
                        return CompletableFuture.completedFuture(AdmissionVerdict.reject("Rejected by test hook"));
                    }
                    if (n.startsWith("throw-")) {
                        throw new IllegalStateException("test hook failure");
                    }
                    if (n.startsWith("hang-")) {
                        deferral.defer();
                        CompletableFuture<AdmissionVerdict> never = new CompletableFuture<>();
                        never.whenComplete((v, e) -> hangCancelled.set(deferral.isCancelled()));
                        return never;
                    }
                    return CompletableFuture.completedFuture(AdmissionVerdict.accept());
                }
            };
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    SessionStore store;

    @Autowired
    FivemAuthProperties auth;

    @Autowired
    FivemControlMetrics metrics;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    // ---------- helpers ----------

    static String newGuid() {
        return Long.toUnsignedString(0x0210000100000000L | ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE));
    }

    String ticket(String guid) {
        return issuer.issue(guid, "gta5", SERVER_ID);
    }

    Map<String, String> initConnectForm(String name, String guid, String ticket) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("method", "initConnect");
        f.put("name", name);
        f.put("guid", guid);
        f.put("protocol", "12");
        f.put("gameName", "gta5");
        f.put("gameBuild", "3258");
        if (ticket != null) {
            f.put("cfxTicket2", ticket);
        }
        return f;
    }

    HttpResponse<String> post(Map<String, String> form, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/client"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(FormEncoder.encode(form)));
        if (token != null) {
            b.header("X-CitizenFX-Token", token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Streams a /client call: each CRLF-terminated JSON document as it arrives. */
    Iterator<String> stream(Map<String, String> form) throws Exception {
        HttpResponse<Stream<String>> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/client"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(FormEncoder.encode(form))).build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body().iterator();
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    String initConnectError(Map<String, String> form) throws Exception {
        HttpResponse<String> r = post(form, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).endsWith("\r\n");
        JsonNode n = JSON.readTree(r.body());
        assertThat(n.has("error")).as(r.body()).isTrue();
        return n.get("error").asText();
    }

    /** A successful initConnect: returns the final object. */
    JsonNode connect(String name, String guid) throws Exception {
        HttpResponse<String> r = post(initConnectForm(name, guid, ticket(guid)), null);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode n = JSON.readTree(r.body());
        assertThat(n.has("token")).as(r.body()).isTrue();
        return n;
    }

    Optional<Session> session(String guid) throws Exception {
        return store.findByKey(SessionKey.fivem(guid)).get(5, TimeUnit.SECONDS);
    }

    static String sha1(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
    }

    // ---------- server variables ----------

    @Test
    void infoDynamicAndPlayersHaveFxServerShapes() throws Exception {
        HttpResponse<String> info = get("/info.json");
        assertThat(info.statusCode()).isEqualTo(200);
        JsonNode i = JSON.readTree(info.body());
        List<String> keys = new ArrayList<>();
        i.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("enforceSteamAuth", "enhancedHostSupport", "requestSteamTicket", "resources",
                "server", "vars", "version");
        assertThat(i.get("resources").get(0).asText()).isEqualTo("hardcap");
        assertThat(info.body()).contains("\"testres\"");
        assertThat(i.get("vars").get("sv_maxClients").asText()).isEqualTo("48");
        assertThat(i.get("vars").get("gamename").asText()).isEqualTo("gta5");
        assertThat(i.get("vars").has("sv_hostname")).isFalse();
        assertThat(i.get("server").asText()).startsWith("FXServer-");
        long version = i.get("version").asLong();

        HttpResponse<String> dyn = get("/dynamic.json");
        JsonNode d = JSON.readTree(dyn.body());
        List<String> dk = new ArrayList<>();
        d.fieldNames().forEachRemaining(dk::add);
        assertThat(dk).containsExactly("clients", "gametype", "hostname", "iv", "mapname", "sv_maxclients");
        assertThat(d.get("hostname").asText()).isEqualTo("Control Plane Test");
        assertThat(d.get("iv").isTextual()).isTrue();
        assertThat(d.get("iv").asText()).isEqualTo(Long.toString(version));
        assertThat(d.get("sv_maxclients").asText()).isEqualTo("48");
        assertThat(dyn.headers().firstValue("Content-Type")).isEmpty();

        HttpResponse<String> players = get("/players.json");
        assertThat(players.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(players.body()).isArray()).isTrue();
    }

    // ---------- initConnect ----------

    @Test
    void initConnectHappyPathWithARealTicket() throws Exception {
        String guid = newGuid();
        String aliceTicket = ticket(guid);
        HttpResponse<String> r = post(initConnectForm("Alice", guid, aliceTicket), null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).endsWith("}\r\n");
        assertThat(r.body().indexOf("\r\n")).isEqualTo(r.body().length() - 2); // one document
        JsonNode n = JSON.readTree(r.body());
        List<String> keys = new ArrayList<>();
        n.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("bitVersion", "enhancedHostSupport", "gamename", "handover", "maxClients",
                "netlibVersion", "onesync", "onesync_big", "onesync_lh", "onesync_population", "protocol", "pure",
                "sH", "token");
        assertThat(n.get("bitVersion").asLong()).isEqualTo(0x202501010000L);
        assertThat(n.get("netlibVersion").asInt()).isEqualTo(2);
        assertThat(n.get("protocol").asInt()).isEqualTo(5);
        assertThat(n.get("maxClients").asInt()).isEqualTo(48);
        assertThat(n.get("gamename").asText()).isEqualTo("gta5");
        assertThat(n.get("handover").isObject()).isTrue();
        String token = n.get("token").asText();
        assertThat(token).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

        Session s = store.findByToken(token).get(5, TimeUnit.SECONDS).orElseThrow();
        assertThat(s.key()).isEqualTo(SessionKey.fivem(guid));
        assertThat(s.passedValidation()).isTrue();
        assertThat(s.tempNetId()).isGreaterThanOrEqualTo(0x10000);
        assertThat(s.name()).isEqualTo("Alice");
        assertThat(s.tcpSourceAddress()).isEqualTo("127.0.0.1");
        assertThat(s.identifiers()).contains("ip:127.0.0.1")
                .contains("license:" + HexFormat.of().formatHex(LocalCfxTicketIssuer.entitlementHash(guid)));

        // the same ticket again is a replay
        assertThat(initConnectError(initConnectForm("Alice", guid, aliceTicket)))
                .isEqualTo("Ticket authorization failed. Reused ticket.");

        // a new initConnect of the same guid replaces the session (Reconnecting): the old token is gone
        // (a fresh ticket: same guid, another expiry, as the Cfx backend would issue)
        HttpResponse<String> second = post(initConnectForm("Alice", guid,
                issuer.issue(guid, "gta5", SERVER_ID, Duration.ofHours(2), List.of())), null);
        JsonNode again = JSON.readTree(second.body());
        assertThat(store.findByToken(token).get(5, TimeUnit.SECONDS)).isEmpty();
        assertThat(session(guid).orElseThrow().passedValidation()).isTrue();
        assertThat(again.get("token").asText()).isNotEqualTo(token);
    }

    @Test
    void everyInitConnectErrorThroughHttp() throws Exception {
        String guid = newGuid();
        Map<String, String> f = initConnectForm("Err", guid, ticket(guid));
        f.remove("guid");
        assertThat(initConnectError(f)).isEqualTo("fields missing");

        f = initConnectForm("Err", guid, ticket(guid));
        f.put("protocol", "11");
        assertThat(initConnectError(f)).isEqualTo("Client/server version mismatch. Restart your game client to "
                + "update. If that did not help, this server is using too new a version for the current game client.");

        f = initConnectForm("Err", guid, ticket(guid));
        f.put("gameName", "rdr3");
        assertThat(initConnectError(f)).isEqualTo("Client/Server game mismatch: rdr3/gta5");

        assertThat(initConnectError(initConnectForm("Err", guid, null)))
                .isEqualTo("No authentication ticket was specified.");

        assertThat(initConnectError(initConnectForm("Err", guid, "!!!!")))
                .isEqualTo("Parsing error while verifying ticket. base64_decode: invalid base64 character '!'");

        assertThat(initConnectError(initConnectForm("Err", guid, "AAAA")))
                .isEqualTo("Ticket authorization failed. Invalid ticket length.");

        assertThat(initConnectError(initConnectForm("Err", guid,
                issuer.issue(guid, "gta5", SERVER_ID, Duration.ofSeconds(-60), List.of()))))
                .isEqualTo("Ticket authorization failed. Ticket expired. Please check your server's system time.");

        assertThat(initConnectError(initConnectForm("Err", guid, ticket(newGuid()))))
                .isEqualTo("Ticket authorization failed. Mismatching GUID.");

        // signed by another key: one key refresh (refresh-min-age=0s here), then still refused
        String forged = io.gatehouse.fivem.protocol.ticket.CfxTicketIssuer.with(foreignKey)
                .guid(Long.parseUnsignedLong(guid)).expiry(java.time.Instant.now().plusSeconds(600))
                .extraJson("{\"gn\":\"gta5\",\"si\":\"" + SERVER_ID + "\"}").issueBase64();
        assertThat(initConnectError(initConnectForm("Err", guid, forged)))
                .isEqualTo("Ticket authorization failed. Invalid ticket signature.");

        String other = newGuid();
        assertThat(initConnectError(initConnectForm("Err", other, issuer.issue(other, "gta5", "another-server"))))
                .isEqualTo("CitizenFX ticket authorization failed. (4)");
        other = newGuid();
        assertThat(initConnectError(initConnectForm("Err", other, issuer.issue(other, "rdr3", SERVER_ID))))
                .isEqualTo("CitizenFX ticket authorization failed. (3)");

        other = newGuid();
        f = initConnectForm("Err", other, ticket(other));
        f.put("gameBuild", "abc");
        assertThat(initConnectError(f)).isEqualTo("Invalid game build has been passed (abc).");

        auth.setEnforceGameBuild("2699");
        try {
            other = newGuid();
            assertThat(initConnectError(initConnectForm("Err", other, ticket(other))))
                    .isEqualTo("This server requires a different game build (2699) from the one you're using (3258)."
                            + " Tell the server owner to remove this check.");
        } finally {
            auth.setEnforceGameBuild("");
        }

        other = newGuid();
        assertThat(initConnectError(initConnectForm("throw-x", other, ticket(other))))
                .isEqualTo("Resource prevented connection.");
        assertThat(session(other)).isEmpty();

        // the dispatcher's own errors: no CRLF
        HttpResponse<String> noMethod = post(Map.of("name", "x"), null);
        assertThat(noMethod.body()).isEqualTo("{\"error\":\"missing method\"}");
        HttpResponse<String> badMethod = post(Map.of("method", "getDeferState"), null);
        assertThat(badMethod.body()).isEqualTo("{\"error\":\"invalid method\"}");
    }

    @Test
    void aReusedTicketIsRefused() throws Exception {
        String guid = newGuid();
        String t = ticket(guid);
        assertThat(post(initConnectForm("Replay", guid, t), null).body()).contains("\"token\"");
        assertThat(initConnectError(initConnectForm("Replay", guid, t)))
                .isEqualTo("Ticket authorization failed. Reused ticket.");
    }

    @Test
    void lanSkipsTicketChecks() throws Exception {
        auth.setLan(true);
        try {
            String guid = newGuid();
            HttpResponse<String> r = post(initConnectForm("Lan", guid, null), null);
            JsonNode n = JSON.readTree(r.body());
            assertThat(n.has("token")).as(r.body()).isTrue();
            Session s = session(guid).orElseThrow();
            assertThat(s.passedValidation()).isTrue();
            assertThat(s.identifiers()).containsExactly("ip:127.0.0.1");
        } finally {
            auth.setLan(false);
        }
    }

    // ---------- deferrals ----------

    @Test
    void aDeferralStreamsMessagesAndKeepAlivesThenTheFinalObject() throws Exception {
        String guid = newGuid();
        long start = System.nanoTime();
        Iterator<String> chunks = stream(initConnectForm("defer-1", guid, ticket(guid)));
        List<String> all = new ArrayList<>();
        chunks.forEachRemaining(all::add);
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(elapsedMs).isGreaterThanOrEqualTo(2400);
        assertThat(all.get(0)).isEqualTo("{\"defer\":true,\"deferVersion\":2,\"message\":\"Please wait\"}");
        long keepAlives = all.stream()
                .filter("{\"defer\":true,\"deferVersion\":2,\"message\":null}"::equals).count();
        assertThat(keepAlives).isGreaterThanOrEqualTo(2);
        JsonNode last = JSON.readTree(all.get(all.size() - 1));
        assertThat(last.get("token").asText()).hasSize(36);
        assertThat(last.get("handover").get("queue").get("position").asInt()).isEqualTo(1);
        assertThat(session(guid).orElseThrow().passedValidation()).isTrue();
    }

    @Test
    void aCardRoundTripsThroughSubmitCard() throws Exception {
        String guid = newGuid();
        Iterator<String> chunks = stream(initConnectForm("card-1", guid, ticket(guid)));
        JsonNode card = JSON.readTree(chunks.next());
        assertThat(card.get("defer").asBoolean()).isTrue();
        assertThat(card.get("deferVersion").asInt()).isEqualTo(2);
        assertThat(card.get("card").asText()).isEqualTo("{\"type\":\"AdaptiveCard\",\"version\":\"1.0\"}");
        String token = card.get("token").asText();
        assertThat(session(guid).orElseThrow().passedValidation()).isFalse();

        // getConfiguration refuses a client still deferring
        assertThat(post(Map.of("method", "getConfiguration"), token).body())
                .isEqualTo("{\"error\":\"Client is still connecting.\"}\r\n");

        assertThat(post(Map.of("method", "submitCard", "data", "{\"answer\":\"ok\"}", "token", token), null).body())
                .isEqualTo("{\"result\":\"ok\"}\r\n");
        String last = null;
        while (chunks.hasNext()) {
            last = chunks.next();
        }
        assertThat(JSON.readTree(last).get("token").asText()).isEqualTo(token);
        assertThat(session(guid).orElseThrow().passedValidation()).isTrue();

        assertThat(post(Map.of("method", "submitCard", "data", "{}", "token", "00000000-0000-0000-0000-000000000000"),
                null).body()).isEqualTo("{\"error\":\"no client\"}\r\n");
        assertThat(post(Map.of("method", "submitCard", "token", token), null).body())
                .isEqualTo("{\"error\":\"fields missing\"}\r\n");
    }

    @Test
    void aRejectingHookEndsWithItsReasonAndDropsTheSession() throws Exception {
        String guid = newGuid();
        assertThat(initConnectError(initConnectForm("reject-1", guid, ticket(guid))))
                .isEqualTo("Rejected by test hook");
        assertThat(session(guid)).isEmpty();
    }

    @Test
    void closingTheRequestClearsTheDeferral() throws Exception {
        String guid = newGuid();
        hangCancelled.set(false);
        byte[] body = FormEncoder.encode(initConnectForm("hang-1", guid, ticket(guid))).getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /client HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder seen = new StringBuilder();
            byte[] buf = new byte[4096];
            while (!seen.toString().contains("\"defer\":true")) {
                int n = in.read(buf);
                assertThat(n).isPositive();
                seen.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
            }
            assertThat(session(guid)).isPresent();
            assertThat(metrics.pendingDeferrals()).isPositive();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (session(guid).isPresent() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(session(guid)).isEmpty();
        assertThat(hangCancelled).isTrue();
    }

    // ---------- admission hooks ----------

    @Test
    void maxClientsRefusesWithHardcapsText() throws Exception {
        String guid = newGuid();
        String token = connect("Holder", guid).get("token").asText();
        store.bind(new BindRequest(SessionKey.fivem(guid), token, new Holder("gw-test", 1, "127.0.0.1:50000"), true))
                .get(5, TimeUnit.SECONDS);
        int connected = store.counts(io.gatehouse.registry.core.Game.FIVEM).get(5, TimeUnit.SECONDS).connected();
        auth.setMaxClients(connected);
        try {
            String other = newGuid();
            assertThat(initConnectError(initConnectForm("Bob", other, ticket(other))))
                    .isEqualTo("Sorry Bob, the server is full (" + connected + "/" + connected + " players).");
            Thread.sleep(1100); // players.json is rebuilt at most once a second
            String players = get("/players.json").body();
            assertThat(players).contains("{\"endpoint\":\"127.0.0.1\",\"id\":").contains("\"name\":\"Holder\"");
            assertThat(JSON.readTree(get("/dynamic.json").body()).get("clients").asInt()).isEqualTo(connected);
        } finally {
            auth.setMaxClients(48);
            store.remove(SessionKey.fivem(guid), token, null).get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void allowAndDenyListsByIdentifier() throws Exception {
        FivemAuthProperties.Admission a = auth.getAdmission();
        try {
            a.setDeny(List.of("ip:127.0.0.1"));
            String guid = newGuid();
            assertThat(initConnectError(initConnectForm("Denied", guid, ticket(guid))))
                    .isEqualTo("You are not allowed to join this server.");
            a.setDeny(List.of());
            a.setAllow(List.of("license:0000000000000000000000000000000000000000"));
            guid = newGuid();
            assertThat(initConnectError(initConnectForm("NotListed", guid, ticket(guid))))
                    .isEqualTo("You are not on this server's allow list.");
            guid = newGuid();
            a.setAllow(List.of("license:" + HexFormat.of().formatHex(LocalCfxTicketIssuer.entitlementHash(guid))));
            connect("Listed", guid);
        } finally {
            a.setDeny(List.of());
            a.setAllow(List.of());
        }
    }

    @Test
    void webhookDecidesDefersAndAsksWithCards() throws Exception {
        FivemAuthProperties.Webhook w = auth.getAdmission().getWebhook();
        w.setUrl("http://127.0.0.1:" + webhook.port() + "/admit");
        try {
            String guid = newGuid();
            assertThat(initConnectError(initConnectForm("hook-reject", guid, ticket(guid))))
                    .isEqualTo("Webhook says no");

            guid = newGuid();
            List<String> all = new ArrayList<>();
            stream(initConnectForm("hook-defer", guid, ticket(guid))).forEachRemaining(all::add);
            assertThat(all.get(0)).isEqualTo("{\"defer\":true,\"deferVersion\":2,\"message\":\"Checking...\"}");
            assertThat(JSON.readTree(all.get(all.size() - 1)).has("token")).isTrue();

            guid = newGuid();
            Iterator<String> chunks = stream(initConnectForm("hook-card", guid, ticket(guid)));
            JsonNode card = JSON.readTree(chunks.next());
            assertThat(JSON.readTree(card.get("card").asText()).get("type").asText()).isEqualTo("AdaptiveCard");
            post(Map.of("method", "submitCard", "data", "{\"choice\":\"yes\"}", "token", card.get("token").asText()),
                    null);
            String last = null;
            while (chunks.hasNext()) {
                last = chunks.next();
            }
            assertThat(JSON.readTree(last).has("token")).as(last).isTrue();

            guid = newGuid();
            assertThat(initConnectError(initConnectForm("hook-slow", guid, ticket(guid))))
                    .isEqualTo(w.getUnavailableMessage());
            w.setFailOpen(true);
            guid = newGuid();
            connect("hook-slow", guid);
        } finally {
            w.setUrl(null);
            w.setFailOpen(false);
        }
    }

    // ---------- getEndpoints, getConfiguration, /files ----------

    @Test
    void getEndpointsAnswersLikeFxServer() throws Exception {
        String guid = newGuid();
        String token = connect("Endpoints", guid).get("token").asText();
        assertThat(post(Map.of("method", "getEndpoints", "token", token), null).body())
                .isEqualTo("[\"203.0.113.5:30120\",\"198.51.100.7\"]\r\n");
        assertThat(post(Map.of("method", "getEndpoints", "token", "nope"), null).body()).isEqualTo("false\r\n");
        assertThat(post(Map.of("method", "getEndpoints"), null).body()).isEqualTo("{\"error\":\"fields missing\"}\r\n");
    }

    @Test
    void getConfigurationAndFiles() throws Exception {
        String guid = newGuid();
        String token = connect("Config", guid).get("token").asText();

        HttpResponse<String> conf = post(Map.of("method", "getConfiguration"), token);
        assertThat(conf.body()).startsWith("{\"fileServer\":\"https://%s/files\",\"resources\":[").endsWith("\r\n");
        JsonNode c = JSON.readTree(conf.body());
        JsonNode res = c.get("resources").get(0);
        assertThat(res.get("name").asText()).isEqualTo("testres");
        String rpfSha1 = res.get("files").get("resource.rpf").asText();

        // without the header: the TCP source recorded at initConnect
        assertThat(post(Map.of("method", "getConfiguration"), null).body()).startsWith("{\"fileServer\"");
        // a third within the burst, then the per-token limit (1/s, burst 3)
        assertThat(post(Map.of("method", "getConfiguration"), token).body()).startsWith("{\"fileServer\"");
        assertThat(post(Map.of("method", "getConfiguration"), token).body())
                .isEqualTo("{\"error\":\"Rate limit exceeded.\"}\r\n");

        assertThat(post(Map.of("method", "getConfiguration"), "00000000-0000-0000-0000-000000000000").body())
                .isEqualTo("{\"error\":\"Not a valid client.\"}\r\n");
        PendingCreated pending = store.createPending(new NewSession(SessionKey.fivem(newGuid()), "Pending",
                "127.0.0.9", List.of(), false)).get(5, TimeUnit.SECONDS);
        assertThat(post(Map.of("method", "getConfiguration"), pending.token()).body())
                .isEqualTo("{\"error\":\"Client is still connecting.\"}\r\n");

        HttpResponse<byte[]> file = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/files/testres/resource.rpf"))
                .header("X-CitizenFX-Token", token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValueAsLong("Content-Length")).hasValue(file.body().length);
        assertThat(sha1(file.body())).isEqualTo(rpfSha1);

        HttpResponse<String> missingFile = get("/files/testres/nope.txt");
        assertThat(missingFile.statusCode()).isEqualTo(404);
        assertThat(missingFile.body()).isEqualTo("Not found. (missing requested file: testres/nope.txt)");
        HttpResponse<String> missingResource = get("/files/nothere/x.rpf");
        assertThat(missingResource.statusCode()).isEqualTo(404);
        assertThat(missingResource.body()).isEqualTo("Not found. (missing requested resource: nothere)");
    }
}
