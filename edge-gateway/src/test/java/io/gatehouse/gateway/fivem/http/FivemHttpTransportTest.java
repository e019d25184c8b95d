package io.gatehouse.gateway.fivem.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gatehouse.gateway.fivem.config.FivemProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The FiveM TCP port end to end, over real sockets: a gateway-role Spring Boot context on a random port, with test
 * handlers behind the routes. 127.0.0.1 plays an ordinary player (the proxy ranges are narrowed to 127.0.0.2),
 * 127.0.0.2 a trusted proxy.
 */
@SpringBootTest(classes = FivemHttpTransportTest.TestGateway.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "gatehouse.roles=gateway",
                "management.server.port=-1",
                "spring.main.banner-mode=off",
                "gatehouse.hytale.enabled=false", // not under test here
                // resilience4j-spring-boot3 refuses Boot 4 at startup (a module dependency question, reported to the lead)
                "spring.autoconfigure.exclude="
                        + "io.github.resilience4j.springboot3.verifier.autoconfigure.SpringBoot3VerifierAutoConfiguration",
                "gatehouse.fivem.proxy-ip-ranges=127.0.0.2/32",
                "gatehouse.fivem.http.request-header-timeout=3s",
        })
class FivemHttpTransportTest {

    static final String PLAYER = "127.0.0.1";
    static final String PROXY = "127.0.0.2";

    @TempDir
    static Path dataDir;

    static final AtomicBoolean streamCancelled = new AtomicBoolean();
    static volatile CountDownLatch cancelled = new CountDownLatch(1);

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("gatehouse.data-dir", () -> dataDir.toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    FivemProperties properties;

    @Autowired
    TcpConnectionLimiter connectionLimiter;

    @Autowired
    FivemHttpListener listener;

    @Autowired
    StoppableTicker ticker;

    @AfterEach
    void resetParanoia() {
        properties.setRequestParanoia(0);
    }

    @Test
    void plainHttpAndTlsShareThePortAndReachTheSameHandler() throws Exception {
        RawHttp.Response plain = RawHttp.get(PLAYER, port, "/dynamic.json");
        assertThat(plain.status()).isEqualTo(200);
        assertThat(plain.body()).isEqualTo("dynamic from 127.0.0.1 tls=false");

        // Default JDK client: offers h2 and http/1.1 by ALPN, as the FiveM client prefers h2; we answer http/1.1.
        HttpClient client = HttpClient.newBuilder().sslContext(trustAll()).connectTimeout(Duration.ofSeconds(3)).build();
        HttpResponse<String> tls = client.send(
                HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/dynamic.json")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(tls.statusCode()).isEqualTo(200);
        assertThat(tls.body()).isEqualTo("dynamic from 127.0.0.1 tls=true");
        assertThat(tls.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        X509Certificate certificate = (X509Certificate) tls.sslSession().orElseThrow().getPeerCertificates()[0];
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=" + FivemTlsMaterial.COMMON_NAME);

        // The generated pair is persisted, so a restart serves the same certificate.
        assertThat(Files.readString(dataDir.resolve("fivem").resolve("server-tls.crt"))).contains("BEGIN CERTIFICATE");
        assertThat(dataDir.resolve("fivem").resolve("server-tls.key")).isRegularFile();
        assertThat(listener.boundAddress()).isEqualTo("0.0.0.0:" + port);
    }

    @Test
    void tlsOffersOnlyHttp11ByAlpn() throws Exception {
        try (SSLSocket socket = (SSLSocket) trustAll().getSocketFactory().createSocket("127.0.0.1", port)) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setApplicationProtocols(new String[] {"h2", "http/1.1"});
            socket.setSSLParameters(parameters);
            socket.setSoTimeout(5000);
            socket.startHandshake();
            assertThat(socket.getApplicationProtocol()).isEqualTo("http/1.1");
            socket.getOutputStream().write("GET /files/mapmanager/resource.rpf HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            RawHttp.Response response = RawHttp.read(socket.getInputStream());
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("file mapmanager/resource.rpf");
            assertThat(response.header("content-length")).isEqualTo("28");
        }
    }

    @Test
    void clientChunksAreStreamedOneByOneAsTheyAreProduced() throws Exception {
        try (Socket socket = RawHttp.connect(PLAYER, "127.0.0.1", port)) {
            String form = "method=stream";
            socket.getOutputStream().write(("POST /client HTTP/1.1\r\nHost: x\r\nContent-Length: " + form.length()
                    + "\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\n" + form).getBytes(StandardCharsets.US_ASCII));
            long sent = System.nanoTime();
            RawHttp.Response response = RawHttp.read(socket.getInputStream());

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("transfer-encoding")).isEqualTo("chunked");
            assertThat(response.chunks()).extracting(RawHttp.Chunk::data).containsExactly(
                    "{\"defer\":true,\"deferVersion\":2,\"message\":\"one\"}\r\n",
                    "{\"defer\":true,\"deferVersion\":2,\"message\":\"two\"}\r\n",
                    "{\"token\":\"t\"}\r\n");
            List<Long> arrivals = response.chunks().stream().map(RawHttp.Chunk::arrivedNanos).toList();
            // The handler waits 300 ms before each chunk: each must arrive on its own, not all at the end.
            assertThat(millis(arrivals.get(0) - sent)).isBetween(250L, 1500L);
            assertThat(millis(arrivals.get(1) - arrivals.get(0))).isGreaterThanOrEqualTo(250L);
            assertThat(millis(arrivals.get(2) - arrivals.get(1))).isGreaterThanOrEqualTo(250L);
            assertThat(response.header("content-type")).isNull();
            assertThat(response.header("date")).isNotNull();
            assertThat(response.header("connection")).isEqualTo("keep-alive");
        }
    }

    @Test
    void closingTheConnectionCancelsTheHandlersStream() throws Exception {
        cancelled = new CountDownLatch(1);
        try (Socket socket = RawHttp.connect(PLAYER, "127.0.0.1", port)) {
            String form = "method=forever";
            socket.getOutputStream().write(("POST /client HTTP/1.1\r\nHost: x\r\nContent-Length: " + form.length()
                    + "\r\n\r\n" + form).getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            assertThat(RawHttp.line(in)).isEqualTo("HTTP/1.1 200 OK");
        }
        assertThat(cancelled.await(5, TimeUnit.SECONDS)).as("handler stream cancelled").isTrue();
    }

    @Test
    void clientDispatchGetsFormAddressAndHeaders() throws Exception {
        RawHttp.Response response = RawHttp.exchange(PROXY, port, "POST /CLIENT HTTP/1.1\r\nHost: x\r\n"
                + "X-Real-IP: 203.0.113.7\r\nX-CitizenFX-Token: secret\r\nContent-Length: 36\r\nConnection: close\r\n\r\n"
                + "method=echo&name=A+b%21&guid=1&guid=2");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"method\":\"echo\",\"name\":\"A b!\",\"guid\":\"1\",\"from\":\"203.0.113.7\",\"token\":true}\r\n");
        assertThat(response.header("content-type")).isNull();
    }

    @Test
    void fxServerErrorTextsForClient() throws Exception {
        RawHttp.Response get = RawHttp.get(PLAYER, port, "/client");
        assertThat(get.status()).isEqualTo(405);
        assertThat(get.body()).isEqualTo("/client is POST only");

        RawHttp.Response missing = RawHttp.postForm(PLAYER, port, "/client", "name=x");
        assertThat(missing.status()).isEqualTo(200);
        assertThat(missing.body()).isEqualTo("{\"error\":\"missing method\"}");

        RawHttp.Response failed = RawHttp.postForm(PLAYER, port, "/client", "method=reject");
        assertThat(failed.status()).isEqualTo(403);
        assertThat(failed.body()).isEqualTo("no");

        String big = "method=echo&pad=" + "x".repeat(102400);
        RawHttp.Response declared = RawHttp.postForm(PLAYER, port, "/client", big);
        assertThat(declared.status()).isEqualTo(200);
        assertThat(declared.body()).isEqualTo("{\"error\":\"POST data too big\"}");

        // Chunked: no declared length, the limit is enforced while the body streams in.
        try (Socket socket = RawHttp.connect(PLAYER, "127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write("POST /client HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] piece = "x".repeat(16384).getBytes(StandardCharsets.US_ASCII);
            try {
                for (int i = 0; i < 8; i++) {
                    out.write((Integer.toHexString(piece.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(piece);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            } catch (IOException closedEarly) {
                // the server may answer and close before the whole body is sent
            }
            RawHttp.Response chunked = RawHttp.read(socket.getInputStream());
            assertThat(chunked.body()).isEqualTo("{\"error\":\"POST data too big\"}");
        }

        RawHttp.Response filesPost = RawHttp.postForm(PLAYER, port, "/files/a/b", "x=1");
        assertThat(filesPost.status()).isEqualTo(405);
        assertThat(filesPost.body()).isEqualTo("/files is GET only");
    }

    @Test
    void unknownPathsAndInternalPathsGetRouteNotFound() throws Exception {
        for (String path : List.of("/nope", "/", "/_gatehouse/fivem/info", "/%5Fgatehouse/fivem/info",
                "/_GATEHOUSE/fivem/client", FivemEndpoints.DYNAMIC)) {
            RawHttp.Response response = RawHttp.get(PROXY, port, path);
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.body()).as(path).isEqualTo("Route " + path + " not found.");
            assertThat(response.header("content-type")).as(path).isNull();
            assertThat(response.header("date")).as(path).isNotNull();
        }
        // Case-insensitive prefix, like FXServer's _strnicmp over the registered prefix.
        RawHttp.Response upper = RawHttp.get(PROXY, port, "/INFO.JSONanything?x=1");
        assertThat(upper.status()).isEqualTo(200);
        assertThat(upper.body()).isEqualTo("{\"info\":true}");
        assertThat(upper.header("content-type")).isNull();
    }

    @Test
    void rateLimitPerSourceWithProxyRangesExempt() throws Exception {
        // Time stands still during the burst (after an hour's worth of refill, so earlier tests leave no trace): a
        // slow machine must not refill a token between requests (4 per second).
        ticker.freezeAfter(Duration.ofHours(1));
        try {
            for (int i = 0; i < 10; i++) {
                assertThat(RawHttp.get(PLAYER, port, "/players.json").status()).as("request %d", i).isEqualTo(200);
            }
            RawHttp.Response limited = RawHttp.get(PLAYER, port, "/players.json");
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.body()).isEqualTo("Rate limit exceeded.");
            assertThat(limited.header("content-type")).isNull();

            for (int i = 0; i < 30; i++) {
                assertThat(RawHttp.get(PROXY, port, "/players.json").status()).as("proxy request %d", i)
                        .isEqualTo(200);
            }
            // A limiter is per route name: /dynamic.json has none.
            assertThat(RawHttp.get(PLAYER, port, "/dynamic.json").status()).isEqualTo(200);
        } finally {
            ticker.thaw();
        }
    }

    @Test
    void realIpHonouredOnlyFromTrustedProxies() throws Exception {
        RawHttp.Response viaProxy = RawHttp.get(PROXY, port, "/dynamic.json", "X-Real-IP: 198.51.100.20");
        assertThat(viaProxy.body()).isEqualTo("dynamic from 198.51.100.20 tls=false");

        RawHttp.Response spoofed = RawHttp.get(PLAYER, port, "/dynamic.json", "X-Real-IP: 198.51.100.20");
        assertThat(spoofed.body()).isEqualTo("dynamic from 127.0.0.1 tls=false");

        RawHttp.Response garbage = RawHttp.get(PROXY, port, "/dynamic.json", "X-Real-IP: evil.example");
        assertThat(garbage.body()).isEqualTo("dynamic from 127.0.0.2 tls=false");
    }

    @Test
    void requestParanoia() throws Exception {
        assertThat(RawHttp.get(PROXY, port, "/info.json", "Via: 1.1 proxy").status()).isEqualTo(200);

        properties.setRequestParanoia(1);
        RawHttp.Response via = RawHttp.get(PROXY, port, "/info.json", "Via: 1.1 proxy");
        assertThat(via.status()).isEqualTo(403);
        assertThat(via.body()).isEqualTo("Nope.");
        assertThat(RawHttp.get(PROXY, port, "/info.json", "Upgrade-Insecure-Requests: 1").status()).isEqualTo(200);
        assertThat(RawHttp.get(PROXY, port, "/client", "Via: 1.1 proxy").status()).as("only info endpoints").isEqualTo(405);

        properties.setRequestParanoia(2);
        assertThat(RawHttp.get(PROXY, port, "/players.json", "Upgrade-Insecure-Requests: 1").body()).isEqualTo("Nope.");

        properties.setRequestParanoia(3);
        try (Socket socket = RawHttp.connect(PROXY, "127.0.0.1", port)) {
            socket.getOutputStream().write("GET /info.json HTTP/1.1\r\nHost: x\r\nVia: 1.1 p\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            RawHttp.Response response = RawHttp.read(socket.getInputStream());
            assertThat(response.body()).isEqualTo("Nope.");
            assertThat(response.header("connection")).isEqualTo("close");
            assertThat(RawHttp.closedByServer(socket)).isTrue();
        }
    }

    @Test
    void perIpConnectionLimitWithLoopbackExempt() throws Exception {
        InetAddress external = nonLoopbackIpv4();
        assumeTrue(external != null, "needs a non-loopback IPv4 address on this machine");
        String host = external.getHostAddress();
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 16; i++) {
                held.add(RawHttp.connect(host, host, port));
            }
            awaitOpen(external, 16);
            Socket extra = RawHttp.connect(host, host, port);
            held.add(extra);
            extra.setSoTimeout(2000);
            assertThat(RawHttp.closedByServer(extra)).as("17th connection from one IP is closed").isTrue();

            // The first 16 still work.
            Socket first = held.get(0);
            first.getOutputStream().write("GET /dynamic.json HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(RawHttp.read(first.getInputStream()).body()).isEqualTo("dynamic from " + host + " tls=false");

            // Loopback is exempt.
            List<Socket> loopback = new ArrayList<>();
            try {
                for (int i = 0; i < 20; i++) {
                    loopback.add(RawHttp.connect(PLAYER, "127.0.0.1", port));
                }
                assertThat(RawHttp.get(PLAYER, port, "/dynamic.json").status()).isEqualTo(200);
            } finally {
                closeAll(loopback);
            }

            // Closing one frees a slot.
            first.close();
            awaitOpen(external, 15);
            try (Socket again = RawHttp.connect(host, host, port)) {
                again.getOutputStream().write("GET /dynamic.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                assertThat(RawHttp.read(again.getInputStream()).status()).isEqualTo(200);
            }
        } finally {
            closeAll(held);
        }
    }

    @Test
    void slowHeadersAreCutOffButIdleKeepAliveIsNotAfterAResponse() throws Exception {
        try (Socket slow = RawHttp.connect(PLAYER, "127.0.0.1", port)) {
            slow.setSoTimeout(6000);
            long start = System.nanoTime();
            OutputStream out = slow.getOutputStream();
            boolean closed = false;
            for (char c : "GET /dynamic.json HTTP/1.1\r\nHost: x\r\nX-Slow: ".toCharArray()) {
                try {
                    out.write(c);
                    out.flush();
                } catch (IOException e) {
                    closed = true;
                    break;
                }
                Thread.sleep(150);
                if (millis(System.nanoTime() - start) > 5000) {
                    break;
                }
            }
            assertThat(closed || RawHttp.closedByServer(slow)).isTrue();
            assertThat(millis(System.nanoTime() - start)).isBetween(2500L, 6000L);
        }

        try (Socket silent = RawHttp.connect(PLAYER, "127.0.0.1", port)) {
            silent.setSoTimeout(5000);
            long start = System.nanoTime();
            assertThat(RawHttp.closedByServer(silent)).as("a connection that never sends is closed").isTrue();
            assertThat(millis(System.nanoTime() - start)).isBetween(2500L, 5000L);
        }
    }

    @Test
    void boundedFuzzDoesNotHurtAWellBehavedClient() throws Exception {
        Random random = new Random(42);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
        String good = "GET /dynamic.json HTTP/1.1\r\nHost: x\r\n\r\n";
        int rounds = 0;
        while (System.nanoTime() < deadline && rounds < 400) {
            rounds++;
            byte[] payload = switch (rounds % 6) {
                case 0 -> randomBytes(random, 1 + random.nextInt(2048));
                case 1 -> good.substring(0, random.nextInt(good.length())).getBytes(StandardCharsets.US_ASCII);
                case 2 -> tlsLooking(random);
                case 3 -> ("GET /" + "a".repeat(random.nextInt(20000)) + " HTTP/1.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
                case 4 -> ("POST /client HTTP/1.1\r\nContent-Length: " + random.nextInt(1000)
                        + "\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n").getBytes(StandardCharsets.US_ASCII);
                default -> ("\u0016\u0003\u0001" + "\0\0").getBytes(StandardCharsets.ISO_8859_1);
            };
            try (Socket socket = RawHttp.connect(PLAYER, "127.0.0.1", port)) {
                socket.setSoTimeout(50);
                socket.getOutputStream().write(payload);
                if (random.nextBoolean()) {
                    socket.shutdownOutput();
                }
                RawHttp.closedByServer(socket);
            } catch (IOException ignored) {
                // the server may reset a connection it finds malformed
            }
            if (rounds % 50 == 0) {
                assertThat(RawHttp.get(PLAYER, port, "/dynamic.json").status()).isEqualTo(200);
            }
        }
        assertThat(rounds).isGreaterThan(50);
        assertThat(RawHttp.get(PLAYER, port, "/dynamic.json").body()).isEqualTo("dynamic from 127.0.0.1 tls=false");
        HttpClient client = HttpClient.newBuilder().sslContext(trustAll()).build();
        assertThat(client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/dynamic.json")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("dynamic from 127.0.0.1 tls=true");
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    private void awaitOpen(InetAddress address, int expected) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (connectionLimiter.openConnections(address) != expected && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertThat(connectionLimiter.openConnections(address)).isEqualTo(expected);
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Passes FXServer's sniff (0x16 ... 0x01) and then is garbage. */
    private static byte[] tlsLooking(Random random) {
        byte[] bytes = randomBytes(random, 6 + random.nextInt(600));
        bytes[0] = 0x16;
        bytes[5] = 1;
        return bytes;
    }

    private static void closeAll(List<Socket> sockets) {
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing in cleanup
            }
        }
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    static InetAddress nonLoopbackIpv4() throws IOException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress()
                        && !IpRanges.parse(List.of("127.0.0.2/32")).contains(address)) {
                    return address;
                }
            }
        }
        return null;
    }

    static SSLContext trustAll() throws Exception {
        X509ExtendedTrustManager trustAll = new X509ExtendedTrustManager() {
            @Override public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) { }
            @Override public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) { }
            @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) { }
            @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) { }
            @Override public void checkClientTrusted(X509Certificate[] chain, String authType) { }
            @Override public void checkServerTrusted(X509Certificate[] chain, String authType) { }
            @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new javax.net.ssl.TrustManager[] {trustAll}, new SecureRandom());
        return context;
    }

    /** A gateway-role application with test handlers in place of the FiveM engineers' ones. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class TestGateway {

        @Bean
        StoppableTicker fivemRateLimiterTicker() {
            return new StoppableTicker();
        }

        @Bean
        FivemHttpHandlers.Info info() {
            return request -> Mono.just(FivemResponse.ok("{\"info\":true}"));
        }

        @Bean
        FivemHttpHandlers.Dynamic dynamic() {
            return request -> Mono.just(FivemResponse.ok(
                    "dynamic from " + request.clientAddress().getHostAddress() + " tls=" + request.secure()));
        }

        @Bean
        FivemHttpHandlers.Players players() {
            return request -> Mono.just(FivemResponse.ok("[]"));
        }

        @Bean
        FivemHttpHandlers.Files files() {
            return request -> Mono.just(FivemResponse.stream(200, Flux.just(
                    java.nio.ByteBuffer.wrap(("file " + request.resource() + "/").getBytes(StandardCharsets.UTF_8)),
                    java.nio.ByteBuffer.wrap(request.file().getBytes(StandardCharsets.UTF_8))),
                    ("file " + request.resource() + "/" + request.file()).length()));
        }

        @Bean
        FivemHttpHandlers.Client client() {
            return call -> switch (call.method()) {
                case "stream" -> Flux.just(
                                "{\"defer\":true,\"deferVersion\":2,\"message\":\"one\"}",
                                "{\"defer\":true,\"deferVersion\":2,\"message\":\"two\"}",
                                "{\"token\":\"t\"}")
                        .delayElements(Duration.ofMillis(300));
                case "forever" -> Flux.interval(Duration.ofMillis(100)).map(i -> "{\"defer\":true}")
                        .doOnCancel(() -> cancelled.countDown());
                case "echo" -> Flux.just("{\"method\":\"" + call.method() + "\",\"name\":\"" + call.form().get("name")
                        + "\",\"guid\":\"" + call.form().get("guid") + "\",\"from\":\""
                        + call.request().clientAddress().getHostAddress() + "\",\"token\":"
                        + call.request().citizenFxToken().isPresent() + "}");
                case "reject" -> Flux.error(new FivemStatusException(403, "no"));
                default -> Flux.just("{\"error\":\"invalid method\"}");
            };
        }
    }

    /** The rate limiter's time: the system's, shifted, or frozen while a test needs it to stand still. */
    static final class StoppableTicker implements FivemRateLimiter.Ticker {

        private long offset;
        private Long frozenAt;

        @Override
        public synchronized long nanoTime() {
            return frozenAt != null ? frozenAt : System.nanoTime() + offset;
        }

        /** Jumps {@code ahead} (every bucket refills) and stops there. */
        synchronized void freezeAfter(Duration ahead) {
            frozenAt = nanoTime() + ahead.toNanos();
        }

        /** Runs on from the frozen instant, so time never goes backwards. */
        synchronized void thaw() {
            if (frozenAt != null) {
                offset = frozenAt - System.nanoTime();
                frozenAt = null;
            }
        }
    }
}
