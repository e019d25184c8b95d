package io.gatehouse.launcher.fivem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's FiveM join, stages A to K, against {@code gatehouse.jar up} run as a real process, over real sockets on
 * ONE port number (the node's FiveM TCP port serves HTTP and TLS, its UDP port OOB and ENet), with a C client on the
 * stock libenet ({@code edge-gateway/src/test/c/fivem_enet_client.c}, compiled by the test) for the realtime part:
 *
 * <ul>
 *   <li>A: {@code FF FF FF FF getinfo xyz} from a raw DatagramSocket, {@code infoResponse} from the FiveM port;</li>
 *   <li>B: {@code GET /info.json};</li>
 *   <li>C: {@code POST /client initConnect}, with a real {@code cfxTicket2} from the node's own local Cfx issuer
 *       ({@code POST /api/ticket/issue}) on the ticketed node, none on the {@code gatehouse.fivem.lan=true} node; the
 *       CRLF-separated chunks are read as they stream, the token comes from the final object;</li>
 *   <li>D/E: getEndpoints, getConfiguration with {@code X-CitizenFX-Token}, one {@code /files} download over TLS on
 *       the same port, checked against the SHA-1 getConfiguration listed;</li>
 *   <li>F–K: the libenet client does its own OOB getinfo, connects with {@code data = HashString(token)}, sends the
 *       {@code msgType 1} handshake, reads connectOK and msgObjectIds (and msgConVars, onPlayerJoining, msgFrame),
 *       stays a moment (the player shows in {@code /players.json}), then leaves with {@code msgIQuit} and gets the
 *       OOB {@code error} goodbye; the player is gone from {@code /players.json} afterwards.</li>
 * </ul>
 *
 * Two nodes start in parallel: tickets on, and {@code gatehouse.fivem.lan=true}. The ENet part runs once more through
 * a lossy, reordering relay (both directions).
 */
@Timeout(300)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LibEnetFullPipelineIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SOURCE = Path.of("..", "edge-gateway", "src", "test", "c", "fivem_enet_client.c");
    private static final Path BINARY = Path.of("target", "fivem-enet", "fivem_enet_client");
    private static final String SERVER_ID = "libenet-it";
    private static final String RESOURCE = "pipeline";

    @TempDir
    static Path dir;

    static Node ticketed;
    static Node lan;
    static Path binary;

    @BeforeAll
    static void startNodes() throws Exception {
        Path resources = Files.createDirectories(dir.resolve("resources").resolve(RESOURCE));
        Files.writeString(resources.resolve("fxmanifest.lua"),
                "fx_version 'cerulean'\ngame 'gta5'\nclient_script 'client.lua'\n");
        Files.writeString(resources.resolve("client.lua"), "print('hello from the libenet pipeline test')\n");
        // the nodes' logs stay in target/libenet-it for a post-mortem
        Path runs = Files.createDirectories(Path.of("target", "libenet-it"));
        ticketed = Node.start(Files.createTempDirectory(runs, "ticketed-"), dir.resolve("resources"), false);
        lan = Node.start(Files.createTempDirectory(runs, "lan-"), dir.resolve("resources"), true);
        CompletableFuture<Path> compiled = CompletableFuture.supplyAsync(() -> {
            try {
                return compile();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        ticketed.awaitReady(Duration.ofSeconds(150));
        lan.awaitReady(Duration.ofSeconds(150));
        binary = compiled.join();
    }

    @AfterAll
    static void stopNodes() {
        // killed, not drained: SIGTERM and the drain are AllInOneNodeIT's subject
        for (Node node : new Node[] {ticketed, lan}) {
            if (node != null) {
                node.close();
            }
        }
    }

    @Test
    @Order(1)
    void ticketedJoinRunsStagesAToK() throws Exception {
        Joined joined = join(ticketed, "Ticketed Player", null);
        assertThat(joined.netId()).isGreaterThanOrEqualTo(1);
    }

    @Test
    @Order(2)
    void lanJoinRunsStagesAToKWithoutATicket() throws Exception {
        Joined joined = join(lan, "Lan Player", null);
        assertThat(joined.netId()).isGreaterThanOrEqualTo(1);
    }

    @Test
    @Order(3)
    void ticketedJoinThroughALossyReorderingRelay() throws Exception {
        try (LossyRelay relay = new LossyRelay(new InetSocketAddress("127.0.0.1", ticketed.fivemPort), 0.2, 15, 7)) {
            join(ticketed, "Lossy Player", relay);
            assertThat(relay.dropped.get()).as("datagrams the relay dropped").isPositive();
            assertThat(relay.forwarded.get()).isPositive();
        }
    }

    // ------------------------------------------------------------------ the stages

    record Joined(int netId, int slot, Map<String, String> info) {
    }

    private Joined join(Node node, String name, LossyRelay relay) throws Exception {
        String guid = Long.toUnsignedString(0x0110000100000000L | ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE));

        // A: getinfo from a raw socket, answered from the port we targeted
        Map<String, String> info = getInfo(node.fivemPort);
        assertThat(info).containsEntry("challenge", "xyz").containsEntry("gamename", "CitizenFX")
                .containsEntry("protocol", "4").containsEntry("sv_maxclients", "48").containsKey("hostname")
                .containsKey("clients").containsKey("iv");
        assertThat(Integer.parseInt(info.get("clients"))).isGreaterThanOrEqualTo(0);

        // B: /info.json
        HttpResponse<String> infoJson = node.get("/info.json");
        assertThat(infoJson.statusCode()).isEqualTo(200);
        JsonNode i = JSON.readTree(infoJson.body());
        assertThat(i.path("vars").path("sv_lan").asText()).isEqualTo(Boolean.toString(node.lan));
        assertThat(i.path("vars").path("gamename").asText()).isEqualTo("gta5");
        assertThat(i.path("resources").toString()).contains("\"" + RESOURCE + "\"");
        // infoResponse's iv is info.json's version
        assertThat(info.get("iv")).isEqualTo(i.path("version").asText());

        // C: initConnect (tickets on: refused without one; with one from the node's own issuer: accepted)
        if (!node.lan) {
            List<JsonNode> refused = node.initConnect(initConnectForm(name, guid, null));
            assertThat(refused.get(refused.size() - 1).path("error").asText())
                    .isEqualTo("No authentication ticket was specified.");
        }
        List<JsonNode> chunks = node.initConnect(initConnectForm(name, guid, node.lan ? null : node.issueTicket(guid)));
        JsonNode last = chunks.get(chunks.size() - 1);
        assertThat(last.has("error")).as("initConnect: %s", chunks).isFalse();
        String token = last.path("token").asText();
        assertThat(token).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(last.path("netlibVersion").asInt()).isEqualTo(2);
        assertThat(last.path("protocol").asInt()).isEqualTo(5);
        assertThat(last.path("gamename").asText()).isEqualTo("gta5");
        assertThat(last.path("handover").isObject()).isTrue();

        // D: getEndpoints
        HttpResponse<String> endpoints = node.post(Map.of("method", "getEndpoints", "token", token), null);
        assertThat(endpoints.statusCode()).isEqualTo(200);
        assertThat(endpoints.body()).isEqualTo("[]\r\n");

        // E: getConfiguration with the token header, then one file over TLS on the same port
        HttpResponse<String> config = node.post(Map.of("method", "getConfiguration"), token);
        assertThat(config.statusCode()).isEqualTo(200);
        JsonNode c = JSON.readTree(config.body());
        assertThat(c.path("fileServer").asText()).isEqualTo("https://%s/files");
        JsonNode resource = null;
        for (JsonNode r : c.path("resources")) {
            if (RESOURCE.equals(r.path("name").asText())) {
                resource = r;
            }
        }
        assertThat(resource).as("getConfiguration: %s", config.body()).isNotNull();
        String file = resource.path("files").fieldNames().next();
        String listedSha1 = resource.path("files").path(file).asText();
        byte[] body = node.httpsGet("/files/" + RESOURCE + "/" + file, token);
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(body))).isEqualTo(listedSha1);

        // F–K: the libenet client (through the relay when given)
        InetSocketAddress udp = relay != null ? relay.address() : new InetSocketAddress("127.0.0.1", node.fivemPort);
        LibEnetRun run = LibEnetRun.start(binary, udp, token, guid, "getinfo", "hold=2500", "quit");
        run.awaitLine(l -> l.startsWith("HOLDING "), Duration.ofSeconds(40));
        List<String> out = run.lines();
        String connectOk = out.stream().filter(l -> l.startsWith("CONNECTOK ")).findFirst().orElseThrow();
        Matcher m = Pattern.compile("CONNECTOK  (\\d+) (-?\\d+) (-?\\d+) (\\d+) (\\d+)").matcher(connectOk);
        assertThat(m.matches()).as("connectOK text %s", connectOk).isTrue();
        int netId = Integer.parseInt(m.group(1));
        int slot = Integer.parseInt(m.group(4));
        assertThat(netId).isBetween(1, 0xFFFF);
        assertThat(Integer.parseInt(m.group(2))).as("hostId (OneSync)").isEqualTo(-1);
        assertThat(Integer.parseInt(m.group(3))).as("hostBase (OneSync)").isEqualTo(-1);
        assertThat(slot).isBetween(0, 128).isNotEqualTo(31);
        assertThat(Long.parseLong(m.group(5))).isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(60_000L));
        String objectIds = out.stream().filter(l -> l.startsWith("OBJECTIDS ")).findFirst().orElseThrow();
        Matcher ids = Pattern.compile("OBJECTIDS (\\d+) (\\d+) (\\d+) channel=1").matcher(objectIds);
        assertThat(ids.matches()).as(objectIds).isTrue();
        assertThat(Integer.parseInt(ids.group(1))).as("object IDs").isPositive();
        assertThat(Integer.parseInt(ids.group(2))).as("first object ID").isPositive();
        assertThat(out).anyMatch(l -> l.startsWith("INFO \\sv_maxclients\\48\\clients\\")
                && l.contains("\\challenge\\xyz\\gamename\\CitizenFX\\protocol\\4\\"));
        assertThat(out).contains("CONNECTED");
        assertThat(out).anyMatch(l -> l.startsWith("MSG 6acbd583 0")); // msgConVars
        assertThat(out).anyMatch(l -> l.startsWith("MSG 7337fd7a 0")); // msgNetEvent (onPlayerJoining)
        assertThat(out).anyMatch(l -> l.startsWith("MSG 53fffa3f ")); // msgFrame
        assertThat(out).noneMatch(l -> l.startsWith("OOB ") || l.equals("DROPPED"));

        // while it is connected, the registry's roster lists it under its net ID
        await(() -> {
            try {
                JsonNode players = JSON.readTree(node.get("/players.json").body());
                for (JsonNode p : players) {
                    if (p.path("id").asInt() == netId && name.equals(p.path("name").asText())) {
                        return true;
                    }
                }
                return false;
            } catch (Exception e) {
                return false;
            }
        }, Duration.ofSeconds(5), "player " + name + " in /players.json");

        // msgIQuit: the server's goodbye is an OOB error and the player leaves the roster
        List<String> all = run.finish(Duration.ofSeconds(30));
        assertThat(all).contains("IQUIT 522cadd1");
        if (relay == null) {
            assertThat(all).contains("OOB error Disconnected.", "QUIT acknowledged");
        } else {
            // the goodbye is a single unreliable datagram: the relay may drop it
            assertThat(all).anyMatch(l -> l.startsWith("QUIT "));
        }
        await(() -> {
            try {
                return !node.get("/players.json").body().contains("\"" + name + "\"");
            } catch (Exception e) {
                return false;
            }
        }, Duration.ofSeconds(10), "player " + name + " gone from /players.json; client said " + all);
        return new Joined(netId, slot, info);
    }

    private static Map<String, String> initConnectForm(String name, String guid, String ticket) {
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

    /** Stage A from a raw socket: {@code infoResponse}'s key/value pairs, checked to come from the port targeted. */
    private static Map<String, String> getInfo(int port) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            socket.setSoTimeout(1000);
            byte[] request = "\u00ff\u00ff\u00ff\u00ffgetinfo xyz".getBytes(StandardCharsets.ISO_8859_1);
            InetSocketAddress target = new InetSocketAddress("127.0.0.1", port);
            for (int attempt = 0; attempt < 5; attempt++) {
                socket.send(new DatagramPacket(request, request.length, target));
                DatagramPacket reply = new DatagramPacket(new byte[2048], 2048);
                try {
                    socket.receive(reply);
                } catch (SocketTimeoutException again) {
                    continue;
                }
                assertThat(reply.getSocketAddress()).isEqualTo(target);
                String text = new String(reply.getData(), 0, reply.getLength(), StandardCharsets.ISO_8859_1);
                assertThat(text).startsWith("\u00ff\u00ff\u00ff\u00ffinfoResponse\n\\");
                String[] parts = text.substring(4 + "infoResponse\n\\".length()).split("\\\\", -1);
                assertThat(parts.length % 2).as("key/value pairs in %s", text).isZero();
                Map<String, String> vars = new LinkedHashMap<>();
                for (int k = 0; k < parts.length; k += 2) {
                    vars.put(parts[k], parts[k + 1]);
                }
                assertThat(List.copyOf(vars.keySet())).containsExactly("sv_maxclients", "clients", "challenge",
                        "gamename", "protocol", "hostname", "gametype", "mapname", "iv");
                return vars;
            }
        }
        throw new AssertionError("no infoResponse from UDP port " + port);
    }

    static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    private static synchronized Path compile() throws IOException, InterruptedException {
        if (!Files.exists(Path.of("/usr/include/enet/enet.h"))) {
            throw new AssertionError("libenet headers not found: run `apt-get install gcc libenet-dev`");
        }
        Files.createDirectories(BINARY.getParent());
        Process gcc = new ProcessBuilder("gcc", "-O2", "-Wall", "-o", BINARY.toString(), SOURCE.toString(), "-lenet")
                .redirectErrorStream(true).start();
        String output = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!gcc.waitFor(60, TimeUnit.SECONDS) || gcc.exitValue() != 0) {
            throw new AssertionError("compiling " + SOURCE + " failed:\n" + output);
        }
        return BINARY;
    }

    // ------------------------------------------------------------------ the libenet client process

    /** The C client running, its stdout read line by line as it comes. */
    static final class LibEnetRun {
        private final Process process;
        private final List<String> lines = new ArrayList<>();
        private final LinkedBlockingQueue<String> fresh = new LinkedBlockingQueue<>();
        private final Thread reader;

        private LibEnetRun(Process process) {
            this.process = process;
            this.reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        synchronized (lines) {
                            lines.add(line);
                        }
                        fresh.add(line);
                    }
                } catch (IOException ignored) {
                    // process gone
                }
            }, "libenet-client-output");
            reader.setDaemon(true);
            reader.start();
        }

        static LibEnetRun start(Path binary, InetSocketAddress target, String token, String guid, String... options)
                throws IOException {
            List<String> command = new ArrayList<>(List.of(binary.toString(), target.getHostString(),
                    Integer.toString(target.getPort()), token, guid));
            command.addAll(List.of(options));
            return new LibEnetRun(new ProcessBuilder(command).redirectErrorStream(true).start());
        }

        List<String> lines() {
            synchronized (lines) {
                return List.copyOf(lines);
            }
        }

        void awaitLine(java.util.function.Predicate<String> wanted, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                String line = fresh.poll(100, TimeUnit.MILLISECONDS);
                if (line != null && wanted.test(line)) {
                    return;
                }
                if (line == null && !process.isAlive() && !reader.isAlive()) {
                    break;
                }
            }
            process.destroyForcibly();
            throw new AssertionError("libenet client: no expected line within " + timeout + "; output " + lines());
        }

        List<String> finish(Duration timeout) throws InterruptedException {
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new AssertionError("libenet client did not finish; output " + lines());
                }
                reader.join(5000);
                assertThat(process.exitValue()).as("libenet client exit, output %s", lines()).isZero();
                return lines();
            } finally {
                process.destroyForcibly();
            }
        }
    }

    // ------------------------------------------------------------------ the node process

    /** {@code java -jar gatehouse.jar up} in its own directory, as an operator runs it. */
    static final class Node implements AutoCloseable {
        final boolean lan;
        final int fivemPort;
        final int adminPort;
        final int cfxPort;
        private final Process process;
        private final Path log;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
                .version(HttpClient.Version.HTTP_1_1).build();

        private Node(boolean lan, int fivemPort, int adminPort, int cfxPort, Process process, Path log) {
            this.lan = lan;
            this.fivemPort = fivemPort;
            this.adminPort = adminPort;
            this.cfxPort = cfxPort;
            this.process = process;
            this.log = log;
        }

        static Node start(Path workDir, Path resources, boolean lan) throws IOException {
            int fivem = freeTcpAndUdpPort();
            int admin = freeTcpPort();
            int hytale = freeTcpAndUdpPort();
            int sessionService = freeTcpPort();
            int cfx = freeTcpPort();
            String jar = System.getProperty("gatehouse.jar", "target/gatehouse.jar");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar", Path.of(jar).toAbsolutePath().toString(), "up",
                    "--gatehouse.admin.port=" + admin,
                    "--gatehouse.fivem.port=" + fivem,
                    "--gatehouse.hytale.port=" + hytale,
                    "--gatehouse.dev.session-service.port=" + sessionService,
                    "--gatehouse.dev.cfx.port=" + cfx,
                    "--gatehouse.fivem.server-id=" + SERVER_ID,
                    "--gatehouse.world.resources-dir=" + resources.toAbsolutePath()));
            if (lan) {
                command.add("--gatehouse.fivem.lan=true");
            }
            Files.createDirectories(workDir);
            Path log = workDir.resolve("node.log");
            Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            return new Node(lan, fivem, admin, cfx, process, log);
        }

        void awaitReady(Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new AssertionError("node exited with " + process.exitValue() + ":\n" + log());
                }
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                    + adminPort + "/actuator/health/readiness")).timeout(Duration.ofSeconds(5)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // keep polling
                }
                Thread.sleep(250);
            }
            throw new AssertionError("node not ready within " + timeout + "\n" + log());
        }

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fivemPort + path))
                    .timeout(Duration.ofSeconds(10)).header("User-Agent", "CitizenFX/1").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(Map<String, String> form, String token) throws IOException, InterruptedException {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fivemPort + "/client"))
                    .timeout(Duration.ofSeconds(20)).header("User-Agent", "CitizenFX/1")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(encode(form)));
            if (token != null) {
                b.header("X-CitizenFX-Token", token);
            }
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }

        /** initConnect as it streams: every CRLF-separated JSON chunk, in order, each read as it arrives. */
        List<JsonNode> initConnect(Map<String, String> form) throws Exception {
            HttpResponse<java.util.stream.Stream<String>> r = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + fivemPort + "/client"))
                    .timeout(Duration.ofSeconds(30)).header("User-Agent", "CitizenFX/1")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(encode(form))).build(),
                    HttpResponse.BodyHandlers.ofLines());
            assertThat(r.statusCode()).isEqualTo(200);
            List<JsonNode> chunks = new ArrayList<>();
            try (var lines = r.body()) {
                for (String line : (Iterable<String>) lines::iterator) {
                    if (!line.isEmpty()) {
                        chunks.add(JSON.readTree(line));
                    }
                }
            }
            assertThat(chunks).as("initConnect chunks").isNotEmpty();
            return chunks;
        }

        /** A real {@code cfxTicket2} from the node's own local Cfx issuer. */
        String issueTicket(String guid) throws Exception {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + cfxPort
                            + "/api/ticket/issue")).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"guid\":\"" + guid + "\",\"gn\":\"gta5\",\"si\":\""
                            + SERVER_ID + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            return JSON.readTree(r.body()).path("ticket").asText();
        }

        /**
         * {@code GET} over TLS on the FiveM port itself (the node sniffs the ClientHello), HTTP/1.1 by hand so the
         * test sees the handshake happen on that port; returns the body after checking status and length.
         */
        byte[] httpsGet(String path, String token) throws Exception {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {new X509TrustManager() {
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
            }}, null);
            try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", fivemPort)) {
                socket.setSoTimeout(10_000);
                socket.startHandshake();
                assertThat(socket.getSession().getProtocol()).startsWith("TLS");
                OutputStream out = socket.getOutputStream();
                out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + fivemPort + "\r\nUser-Agent: CitizenFX/1\r\n"
                        + "X-CitizenFX-Token: " + token + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                byte[] all = readAll(socket.getInputStream());
                String text = new String(all, StandardCharsets.ISO_8859_1);
                int end = text.indexOf("\r\n\r\n");
                assertThat(end).as("HTTP response over TLS: %s", text).isPositive();
                String head = text.substring(0, end);
                assertThat(head).startsWith("HTTP/1.1 200");
                byte[] body = java.util.Arrays.copyOfRange(all, end + 4, all.length);
                Matcher length = Pattern.compile("(?im)^content-length:\\s*(\\d+)$").matcher(head);
                if (length.find()) {
                    assertThat(body).hasSize(Integer.parseInt(length.group(1)));
                } else {
                    assertThat(head.toLowerCase(Locale.ROOT)).doesNotContain("transfer-encoding: chunked");
                }
                return body;
            }
        }

        private static byte[] readAll(InputStream in) throws IOException {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            try {
                for (int n; (n = in.read(chunk)) >= 0; ) {
                    buffer.write(chunk, 0, n);
                }
            } catch (javax.net.ssl.SSLException closedWithoutCloseNotify) {
                // the body is complete (checked against Content-Length by the caller)
            }
            return buffer.toByteArray();
        }

        private static String encode(Map<String, String> form) {
            return form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        }

        String log() {
            try {
                return Files.readString(log);
            } catch (IOException e) {
                return "(no log: " + e + ")";
            }
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }

        private static int freeTcpPort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            }
        }

        private static int freeTcpAndUdpPort() throws IOException {
            for (int attempt = 0; attempt < 20; attempt++) {
                int port = freeTcpPort();
                try (DatagramSocket udp = new DatagramSocket(port)) {
                    return port;
                } catch (IOException taken) {
                    // try another
                }
            }
            throw new IOException("no port free for TCP and UDP");
        }
    }
}
