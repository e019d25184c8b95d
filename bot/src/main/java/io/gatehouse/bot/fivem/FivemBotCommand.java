package io.gatehouse.bot.fivem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.enet.DeliveryMode;
import io.gatehouse.enet.DisconnectReason;
import io.gatehouse.enet.EnetHost;
import io.gatehouse.enet.EnetListener;
import io.gatehouse.enet.EnetPeer;
import io.gatehouse.fivem.protocol.form.FormEncoder;
import io.gatehouse.fivem.protocol.hash.HashString;
import io.gatehouse.fivem.protocol.ids.ClientGuid;
import io.gatehouse.fivem.protocol.net.ClientMessages;
import io.gatehouse.fivem.protocol.net.Handshake;
import io.gatehouse.fivem.protocol.net.ServerMessageDecoder;
import io.gatehouse.fivem.protocol.net.ServerMessageDecoder.ConnectOkMessage;
import io.gatehouse.fivem.protocol.net.ServerMessageDecoder.ObjectIdsMessage;
import io.gatehouse.fivem.protocol.net.ServerMessageDecoder.ServerMessage;
import io.gatehouse.fivem.protocol.oob.InfoResponse;
import io.gatehouse.fivem.protocol.oob.OutOfBand;
import io.gatehouse.fivem.protocol.ticket.CfxKeys;
import io.gatehouse.fivem.protocol.ticket.CfxTicketIssuer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * {@code bot fivem [--target=127.0.0.1:30120] [--lan] [--name=..] [--guid=n] [--data-dir=./.gatehouse]
 * [--ticket-key=<pem>]}: one simulated FiveM client walking the seed's stages A–K against a node, printing each
 * stage with its timing. Exit 0 when it reached connectOK and msgObjectIds and quit cleanly; 1 with the reason
 * otherwise; 2 for bad arguments.
 */
public final class FivemBotCommand {

    /** A current GTA V build, as the real client reports it in {@code gameBuild}. */
    static final String GAME_BUILD = "3258";

    static final String USAGE = "Usage: bot fivem [--target=host:port] [--lan] [--name=NAME] [--guid=N] "
            + "[--data-dir=DIR] [--ticket-key=PEM]\n";
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
    /** {@code NETWORK_PROTOCOL} (reference §7). */
    static final int NETWORK_PROTOCOL = 12;

    private final PrintStream out;
    private final String host;
    private final int port;
    private final boolean lan;
    private final String name;
    private final long guid;
    private final Path ticketKey;
    private long stageStart;

    private FivemBotCommand(PrintStream out, String target, boolean lan, String name, long guid, Path ticketKey) {
        this.out = out;
        int colon = target.lastIndexOf(':');
        this.host = colon < 0 ? target : target.substring(0, colon);
        this.port = colon < 0 ? 30120 : Integer.parseInt(target.substring(colon + 1));
        this.lan = lan;
        this.name = name;
        this.guid = guid;
        this.ticketKey = ticketKey;
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        String target = "127.0.0.1:30120";
        boolean lan = false;
        String name = "bot";
        long guidIndex = System.currentTimeMillis() & 0xFFFFFF;
        Path dataDir = Path.of("./.gatehouse");
        Path key = null;
        for (String arg : args) {
            if (arg.equals("--help")) {
                out.print(USAGE);
                return 0;
            } else if (arg.equals("--lan")) {
                lan = true;
            } else if (arg.startsWith("--target=")) {
                target = arg.substring(9);
            } else if (arg.startsWith("--name=")) {
                name = arg.substring(7);
            } else if (arg.startsWith("--guid=")) {
                guidIndex = Long.parseLong(arg.substring(7));
            } else if (arg.startsWith("--data-dir=")) {
                dataDir = Path.of(arg.substring(11));
            } else if (arg.startsWith("--ticket-key=")) {
                key = Path.of(arg.substring(13));
            } else {
                err.println("Unknown option: " + arg);
                err.print(USAGE);
                return 2;
            }
        }
        // the local issuer's key, as the all-in-one node persists it
        Path keyFile = key != null ? key : dataDir.resolve("dev").resolve("cfx-ticket-key.pem");
        FivemBotCommand bot = new FivemBotCommand(out, target, lan, name, ClientGuid.BASE | guidIndex, keyFile);
        try {
            bot.walk();
            out.println("OK: joined and quit cleanly");
            return 0;
        } catch (Exception e) {
            err.println("FAILED: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        }
    }

    private void begin(String stage) {
        stageStart = System.nanoTime();
        out.print(stage + " ... ");
        out.flush();
    }

    private void done(String detail) {
        out.printf("%s (%d ms)%n", detail, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stageStart));
    }

    private void walk() throws Exception {
        String base = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        String guidText = Long.toUnsignedString(guid);
        BlockingQueue<byte[]> oob = new LinkedBlockingQueue<>();
        BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
        BlockingQueue<DisconnectReason> disconnects = new LinkedBlockingQueue<>();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).sslContext(trustAll())
                .version(HttpClient.Version.HTTP_1_1).build();
        InetSocketAddress server = new InetSocketAddress(host, port);
        EnetHost enet = EnetHost.builder().peerLimit(1).channelLimit(2).mtu(1300)
                .interceptor((h, sender, datagram) -> {
                    if (datagram.readableBytes() >= 4 && datagram.getInt(datagram.readerIndex()) == -1) {
                        if (sender.equals(server)) { // the client only accepts OOB from its server
                            oob.add(ByteBufUtil.getBytes(datagram));
                        }
                        return true;
                    }
                    return false;
                })
                .listener(new EnetListener() {
                    @Override
                    public void onReceive(EnetPeer peer, int channelId, ByteBuf payload, DeliveryMode mode) {
                        received.add(ByteBufUtil.getBytes(payload));
                    }

                    @Override
                    public void onDisconnect(EnetPeer peer, DisconnectReason reason, int data) {
                        disconnects.add(reason);
                    }
                }).build();
        try {
            // A: getinfo over UDP, from the socket ENet will use
            begin("A  UDP getinfo");
            enet.sendRaw(server, Unpooled.wrappedBuffer(OutOfBand.getInfoRequest(OutOfBand.CLIENT_CHALLENGE)));
            byte[] info = oob.poll(5, TimeUnit.SECONDS);
            if (info == null) {
                throw new IllegalStateException("no infoResponse from " + server);
            }
            Map<String, String> vars = InfoResponse.parse(info).orElseThrow(
                    () -> new IllegalStateException("not an infoResponse: " + OutOfBand.parseError(info).orElse("?")));
            done("hostname=" + vars.get("hostname") + " clients=" + vars.get("clients") + "/" + vars.get("sv_maxclients"));

            begin("B  GET /info.json");
            HttpResponse<String> infoJson = http.send(HttpRequest.newBuilder(URI.create(base + "/info.json"))
                    .header("User-Agent", "CitizenFX/1").GET().build(), HttpResponse.BodyHandlers.ofString());
            expect200(infoJson, "/info.json");
            done("server=" + JSON.readTree(infoJson.body()).path("server").asText());

            begin("C  POST /client initConnect");
            Map<String, String> form = new LinkedHashMap<>();
            form.put("method", "initConnect");
            form.put("name", name);
            form.put("protocol", Integer.toString(NETWORK_PROTOCOL));
            form.put("gameName", "gta5");
            form.put("gameBuild", GAME_BUILD); // the real client always sends it; FXServer refuses an absent build
            form.put("guid", guidText);
            if (!lan) {
                form.put("cfxTicket2", ticket());
            }
            HttpResponse<String> init = post(http, base, form, null);
            expect200(init, "initConnect");
            JsonNode last = lastObject(init.body());
            if (last.hasNonNull("error")) {
                throw new IllegalStateException("initConnect refused: " + last.get("error").asText());
            }
            String token = last.path("token").asText("");
            if (token.isEmpty()) {
                throw new IllegalStateException("initConnect gave no token: " + init.body());
            }
            done("token received, protocol=" + last.path("protocol").asText() + " maxClients="
                    + last.path("maxClients").asText());

            begin("D  POST /client getEndpoints");
            HttpResponse<String> endpoints = post(http, base, Map.of("method", "getEndpoints", "token", token), null);
            expect200(endpoints, "getEndpoints");
            done(endpoints.body().trim());

            begin("E  POST /client getConfiguration");
            HttpResponse<String> config = post(http, base, Map.of("method", "getConfiguration"), token);
            expect200(config, "getConfiguration");
            JsonNode configuration = JSON.readTree(config.body());
            done(configuration.path("resources").size() + " resource(s)");

            begin("E' GET /files (SHA-1 checked)");
            done(downloadOneFile(http, base, configuration, token));

            // F: ENet CONNECT with data = HashString(token), then the handshake
            begin("F  ENet CONNECT + handshake");
            EnetPeer peer = enet.connect(server, 2, HashString.of(token)).get(15, TimeUnit.SECONDS);
            peer.setTimeout(10_000_000, 10_000_000, 30_000);
            peer.send(0, Unpooled.wrappedBuffer(Handshake.encode(token, guidText)), DeliveryMode.RELIABLE);
            done("connected to " + peer.remoteAddress());

            begin("G/H connectOK");
            ConnectOkMessage ok = awaitMessage(received, oob, ConnectOkMessage.class);
            done("netId=" + ok.connectOk().netId() + " slot=" + ok.connectOk().slot() + " time=" + ok.connectOk().timeMs());

            begin("J/K msgObjectIds (OneSync start)");
            ObjectIdsMessage ids = awaitMessage(received, oob, ObjectIdsMessage.class);
            done(ids.ids().size() + " object ids, first " + ids.ids().get(0));

            begin("K  msgEnd keep-alives");
            for (int i = 0; i < 10; i++) {
                peer.send(1, Unpooled.wrappedBuffer(ClientMessages.end()), DeliveryMode.UNSEQUENCED);
                Thread.sleep(100);
            }
            if (!oob.isEmpty() || !disconnects.isEmpty()) {
                throw new IllegalStateException("dropped while idle: " + describeOob(oob.poll()));
            }
            done("1 s alive");

            begin("   msgIQuit");
            peer.send(0, Unpooled.wrappedBuffer(ClientMessages.iQuit("Disconnected.")), DeliveryMode.RELIABLE);
            byte[] goodbye = oob.poll(5, TimeUnit.SECONDS);
            peer.disconnectNow(0);
            done("server said: " + describeOob(goodbye));
        } finally {
            enet.close();
        }
    }

    private String ticket() throws Exception {
        if (!Files.isRegularFile(ticketKey)) {
            throw new IllegalStateException("no Cfx ticket key at " + ticketKey + " (use --lan for a "
                    + "gatehouse.fivem.lan=true node, or --ticket-key/--data-dir)");
        }
        var key = CfxKeys.privateKeyFromPem(Files.readString(ticketKey));
        byte[] entitlement = MessageDigest.getInstance("SHA-1").digest(Long.toUnsignedString(guid)
                .getBytes(StandardCharsets.UTF_8));
        return CfxTicketIssuer.with(key).guid(guid).expiry(Instant.now().plus(Duration.ofHours(1)))
                .entitlementHash(entitlement).extraJson("{\"gn\":\"gta5\"}").issueBase64();
    }

    static HttpResponse<String> post(HttpClient http, String base, Map<String, String> form, String token)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/client"))
                .timeout(Duration.ofSeconds(60))
                .header("User-Agent", "CitizenFX/1")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(FormEncoder.encode(form)));
        if (token != null) {
            request.header("X-CitizenFX-Token", token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The streamed initConnect body: deferral chunks, then the final object; the last one decides. */
    static JsonNode lastObject(String body) throws Exception {
        JsonNode last = null;
        try (MappingIterator<JsonNode> values = JSON.readerFor(JsonNode.class).readValues(body)) {
            while (values.hasNext()) {
                JsonNode value = values.next();
                if (value.isObject() && !value.has("defer")) {
                    last = value;
                }
            }
        }
        if (last == null) {
            throw new IllegalStateException("initConnect ended without a final object: " + body);
        }
        return last;
    }

    static String downloadOneFile(HttpClient http, String base, JsonNode configuration, String token)
            throws Exception {
        for (JsonNode resource : configuration.path("resources")) {
            var files = resource.path("files").fields();
            if (files.hasNext()) {
                var file = files.next();
                String server = configuration.path("fileServer").asText("");
                String prefix = server.isEmpty() || server.contains("%s") ? base + "/files"
                        : server.replaceAll("/$", "");
                String path = prefix + "/" + resource.path("name").asText() + "/" + file.getKey();
                HttpResponse<byte[]> got = http.send(HttpRequest.newBuilder(URI.create(path))
                        .header("User-Agent", "CitizenFX/1").header("X-CitizenFX-Token", token).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (got.statusCode() != 200) {
                    throw new IllegalStateException(path + " answered " + got.statusCode());
                }
                String sha1 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(got.body()));
                if (!sha1.equalsIgnoreCase(file.getValue().asText())) {
                    throw new IllegalStateException(path + " SHA-1 " + sha1 + " != " + file.getValue().asText());
                }
                return path + " " + got.body().length + " bytes, SHA-1 ok";
            }
        }
        return "no files to download";
    }

    private static <T extends ServerMessage> T awaitMessage(BlockingQueue<byte[]> received, BlockingQueue<byte[]> oob,
                                                            Class<T> type) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            byte[] error = oob.poll();
            if (error != null) {
                throw new IllegalStateException("Connection rejected by server: " + describeOob(error));
            }
            byte[] packet = received.poll(50, TimeUnit.MILLISECONDS);
            if (packet != null) {
                ServerMessage message = ServerMessageDecoder.decode(packet);
                if (type.isInstance(message)) {
                    return type.cast(message);
                }
            }
        }
        throw new IllegalStateException("no " + type.getSimpleName() + " within 10 s");
    }

    static String describeOob(byte[] datagram) {
        if (datagram == null) {
            return "(nothing)";
        }
        return OutOfBand.parseError(datagram).map(r -> "error " + r)
                .orElse(new String(datagram, 4, Math.max(0, datagram.length - 4), StandardCharsets.UTF_8));
    }

    static void expect200(HttpResponse<?> response, String what) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(what + " answered HTTP " + response.statusCode() + ": " + response.body());
        }
    }

    /** The FiveM client does not verify the server's (self-signed) certificate (reference §1). */
    static SSLContext trustAll() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, new SecureRandom());
        return context;
    }
}
