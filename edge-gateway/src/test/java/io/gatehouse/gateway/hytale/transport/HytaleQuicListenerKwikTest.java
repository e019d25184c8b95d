package io.gatehouse.gateway.hytale.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.gatehouse.gateway.tls.CertificateFingerprints;
import io.gatehouse.gateway.tls.CertifiedKey;
import io.gatehouse.gateway.tls.ServerCertificates;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.quic.QuicStreamChannel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;
import tech.kwik.core.ConnectionTerminatedEvent;
import tech.kwik.core.QuicClientConnection;
import tech.kwik.core.QuicStream;
import tech.kwik.core.impl.TransportParameters;

/** The real listener on a free UDP port of 127.0.0.1, driven by Kwik (an independent QUIC and TLS stack). */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HytaleQuicListenerKwikTest {

    private static final int SERVER_ID = 42;
    private static final CertifiedKey CLIENT_CERT = ServerCertificates.generateClientCertificate("player");
    private static final CertifiedKey SERVER_CERT = ServerCertificates.generateServerCertificate("localhost");

    private static final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private static EchoStreamInitializer echo;
    private static SimpleMeterRegistry registry;
    private static HytaleQuicListener listener;
    private static int port;

    @BeforeAll
    static void start() {
        logs.start();
        root().addAppender(logs);
        echo = new EchoStreamInitializer();
        registry = new SimpleMeterRegistry();
        listener = new HytaleQuicListener(loopbackProperties(), SERVER_CERT, echo, registry);
        listener.start();
        port = listener.localAddress().getPort();
    }

    @AfterAll
    static void stop() {
        if (listener != null) {
            listener.stop();
        }
        root().detachAppender(logs);
    }

    static HytaleProperties loopbackProperties() {
        HytaleProperties properties = new HytaleProperties();
        properties.setBindAddress("127.0.0.1");
        properties.setPort(0);
        properties.setServerId(SERVER_ID);
        properties.setShutdownGrace(Duration.ofSeconds(2));
        return properties;
    }

    @Test
    void hytale2HandshakeRecordsVersionSniAndClientFingerprint() throws Exception {
        QuicClientConnection client = KwikClients.connect(port, "hytale/2", CLIENT_CERT);
        try {
            assertThat(echoOnce(client, "connect-v2")).isEqualTo("connect-v2");
            HytaleConnectionContext context = echo.awaitContext(client.getLocalAddress().getPort(), Duration.ofSeconds(5));

            assertThat(context.alpn()).isEqualTo("hytale/2");
            assertThat(context.protocolVersion()).isEqualTo(2);
            assertThat(context.sni()).isEqualTo("localhost");
            assertThat(context.clientCertificate().getEncoded()).isEqualTo(CLIENT_CERT.certificate().getEncoded());
            assertThat(context.clientCertificateFingerprint()).isEqualTo(CLIENT_CERT.sha256Fingerprint());
            assertThat(context.remoteAddress().getAddress().isLoopbackAddress()).isTrue();
            assertThat(context.channel().attr(HytaleConnectionContext.ATTRIBUTE).get()).isSameAs(context);
            assertThat(context.acceptedBidiStreams()).isEqualTo(1);
        } finally {
            client.close();
        }
    }

    @Test
    void hytale1IsServedAsVersion1() throws Exception {
        QuicClientConnection client = KwikClients.connect(port, "hytale/1", CLIENT_CERT);
        try {
            assertThat(echoOnce(client, "connect-v1")).isEqualTo("connect-v1");
            HytaleConnectionContext context = echo.awaitContext(client.getLocalAddress().getPort(), Duration.ofSeconds(5));

            assertThat(context.alpn()).isEqualTo("hytale/1");
            assertThat(context.protocolVersion()).isEqualTo(1);
            assertThat(context.clientCertificateFingerprint()).isEqualTo(CLIENT_CERT.sha256Fingerprint());
        } finally {
            client.close();
        }
    }

    @Test
    void streamDataEchoesThroughTheInitializer() throws Exception {
        QuicClientConnection client = KwikClients.connect(port, "hytale/2", CLIENT_CERT);
        try {
            // More than the 131072-byte stream window, so flow-control updates are exercised both ways; written
            // from another thread while this one reads, as a real peer would.
            byte[] payload = new byte[300_000];
            new java.util.Random(7).nextBytes(payload);
            QuicStream stream = client.createStream(true);
            CompletableFuture<Void> written = CompletableFuture.runAsync(() -> {
                try {
                    stream.getOutputStream().write(payload);
                    stream.getOutputStream().close();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            byte[] echoed = stream.getInputStream().readAllBytes();
            written.get(5, TimeUnit.SECONDS);
            assertThat(echoed).isEqualTo(payload);
        } finally {
            client.close();
        }
    }

    @Test
    void serverTransportParametersAreTheOfficialOnes() throws Exception {
        QuicClientConnection client = KwikClients.connect(port, "hytale/2", CLIENT_CERT);
        try {
            TransportParameters parameters = KwikClients.serverTransportParameters(client);
            assertThat(parameters.getMaxIdleTimeout()).isEqualTo(60_000);
            assertThat(parameters.getInitialMaxData()).isEqualTo(524_288);
            assertThat(parameters.getInitialMaxStreamDataBidiLocal()).isEqualTo(131_072);
            assertThat(parameters.getInitialMaxStreamDataBidiRemote()).isEqualTo(131_072);
            assertThat(parameters.getInitialMaxStreamDataUni()).isZero();
            assertThat(parameters.getInitialMaxStreamsBidi()).isEqualTo(1);
            assertThat(parameters.getInitialMaxStreamsUni()).isZero();
            assertThat(parameters.getAckDelayExponent()).isEqualTo(3);
            assertThat(parameters.getDisableMigration()).isTrue();
        } finally {
            client.close();
        }
    }

    @Test
    void serverCertificateIsEcdsaP256AndMatchesTheReportedFingerprint() throws Exception {
        QuicClientConnection client = KwikClients.connect(port, "hytale/2", CLIENT_CERT);
        try {
            X509Certificate seen = client.getServerCertificateChain().get(0);
            assertThat(seen.getPublicKey().getAlgorithm()).isEqualTo("EC");
            assertThat(io.gatehouse.gateway.tls.ServerCertificatesTestAccess.isP256(seen)).isTrue();
            assertThat(CertificateFingerprints.sha256Fingerprint(seen))
                    .isEqualTo(listener.serverCertificate().sha256Fingerprint());
        } finally {
            client.close();
        }
    }

    @Test
    void issuedConnectionIdsCarryTheServerId() throws Exception {
        QuicClientConnection client = KwikClients.connect(port, "hytale/2", CLIENT_CERT);
        try {
            ByteBuffer cid = ByteBuffer.wrap(KwikClients.serverConnectionId(client));
            assertThat(cid.remaining()).isEqualTo(20);
            assertThat(QuicLbConnectionIdGenerator.serverIdOf(cid)).isEqualTo(SERVER_ID);
        } finally {
            client.close();
        }
    }

    @Test
    void clientWithoutCertificateIsRefused() throws Exception {
        long failedBefore = listener.metrics().handshakesFailed();
        int contextsBefore = echo.contexts.size();
        List<ConnectionTerminatedEvent> terminated = new CopyOnWriteArrayList<>();

        // In TLS 1.3 the client finishes its side before the server has judged the client's (empty) Certificate,
        // so Kwik's connect() may return; the server then aborts the connection.
        QuicClientConnection client = KwikClients.builder(port, "hytale/2", null).build();
        client.setConnectionListener(terminated::add);
        try {
            client.connect();
            awaitTrue(() -> !terminated.isEmpty());
            assertThat(terminated.get(0).closedByPeer()).isTrue();
            assertThat(terminated.get(0).hasTransportError()).isTrue();
        } catch (IOException refusedDuringHandshake) {
            // equally acceptable: the abort arrived before connect() returned
        } finally {
            client.close();
        }

        awaitTrue(() -> listener.metrics().handshakesFailed() > failedBefore);
        assertThat(echo.contexts).hasSize(contextsBefore);
    }

    @Test
    void unknownAlpnIsRefusedWithoutUnhandledExceptionLogs() throws Exception {
        long failedBefore = listener.metrics().handshakesFailed();
        int logsBefore = logs.list.size();

        IOException failure = KwikClients.connectExpectingFailure(port, "hytale/9", CLIENT_CERT);

        assertThat(failure).as("connect with ALPN hytale/9").isNotNull();
        awaitTrue(() -> listener.metrics().handshakesFailed() > failedBefore);
        // Give a late exception on the event loop the chance to be logged before looking.
        Thread.sleep(300);
        List<ILoggingEvent> newLogs = List.copyOf(logs.list.subList(logsBefore, logs.list.size()));
        assertThat(newLogs).noneMatch(event -> event.getFormattedMessage().contains("reached at the tail"));
        assertThat(newLogs).noneMatch(event -> event.getLevel().isGreaterOrEqual(Level.WARN)
                && (event.getLoggerName().startsWith("io.netty") || event.getLoggerName().startsWith("io.gatehouse")));
    }

    @Test
    void secondBidirectionalStreamIsNotAccepted() throws Exception {
        QuicClientConnection client = KwikClients.connect(port, "hytale/2", CLIENT_CERT);
        try {
            int clientPort = client.getLocalAddress().getPort();
            QuicStream first = client.createStream(true);
            first.getOutputStream().write("first".getBytes(StandardCharsets.US_ASCII));
            first.getOutputStream().flush();
            echo.awaitContext(clientPort, Duration.ofSeconds(5));

            // While stream 0 is open the transport parameters grant no second stream at all.
            assertThatThrownBy(() -> KwikClients.createBidiStream(client, Duration.ofMillis(1500)))
                    .isInstanceOf(TimeoutException.class);

            // Once stream 0 is finished quiche hands out a new credit; the listener must still refuse the stream.
            first.getOutputStream().close();
            assertThat(readAll(first.getInputStream())).isEqualTo("first");
            long refusedBefore = listener.metrics().streamsRefused();
            QuicStream second;
            try {
                second = KwikClients.createBidiStream(client, Duration.ofSeconds(2));
            } catch (TimeoutException notGranted) {
                second = null;
            }
            if (second != null) {
                second.getOutputStream().write("second".getBytes(StandardCharsets.US_ASCII));
                second.getOutputStream().close();
                String answer;
                try {
                    answer = readAll(second.getInputStream());
                } catch (IOException reset) {
                    answer = "";
                }
                assertThat(answer).as("the refused stream is not echoed").isEmpty();
                awaitTrue(() -> listener.metrics().streamsRefused() > refusedBefore);
            }
            assertThat(echo.callsFor(clientPort)).isEqualTo(1);
        } finally {
            client.close();
        }
    }

    @Test
    void metricsCountActiveConnectionsAndHandshakes() throws Exception {
        long okBefore = listener.metrics().handshakesOk();
        // Relative to what is open already: an earlier test's abandoned Kwik attempt (its connect retries) may still
        // be open on the server until the idle timeout.
        int activeBefore = listener.activeConnections();
        QuicClientConnection client = KwikClients.connect(port, "hytale/2", CLIENT_CERT);
        try {
            awaitTrue(() -> listener.metrics().handshakesOk() > okBefore);
            assertThat(listener.activeConnections()).isGreaterThan(activeBefore);
            assertThat(registry.get("gatehouse.quic.connections").gauge().value()).isGreaterThanOrEqualTo(1);
            assertThat(registry.get("gatehouse.quic.handshakes").tag("result", "ok").functionCounter().count())
                    .isGreaterThanOrEqualTo(1);
        } finally {
            client.close();
        }
        awaitTrue(() -> listener.activeConnections() <= activeBefore
                && registry.get("gatehouse.quic.connections").gauge().value() == listener.activeConnections());
    }

    @Test
    void retryModeStillHandshakes() throws Exception {
        HytaleProperties properties = loopbackProperties();
        properties.setRetry(true);
        EchoStreamInitializer retryEcho = new EchoStreamInitializer();
        HytaleQuicListener retrying = new HytaleQuicListener(properties, SERVER_CERT, retryEcho, null);
        retrying.start();
        try {
            QuicClientConnection client = KwikClients.connect(retrying.localAddress().getPort(), "hytale/2",
                    CLIENT_CERT);
            try {
                assertThat(echoOnce(client, "after-retry")).isEqualTo("after-retry");
                assertThat(QuicLbConnectionIdGenerator.serverIdOf(ByteBuffer.wrap(
                        KwikClients.serverConnectionId(client)))).isEqualTo(SERVER_ID);
            } finally {
                client.close();
            }
        } finally {
            retrying.stop();
        }
    }

    @Test
    void drainSaysGoodbyeClosesWithCodeZeroAndRefusesNewcomers() throws Exception {
        EchoStreamInitializer drainEcho = new EchoStreamInitializer();
        HytaleQuicListener draining = new HytaleQuicListener(loopbackProperties(), SERVER_CERT, drainEcho, null);
        // The hook writes on the connection's stream, as the protocol layer will write Disconnect.
        draining.setDrainHook(context -> {
            QuicStreamChannel stream = drainEcho.streams.get(context.remoteAddress().getPort());
            CompletableFuture<Void> written = new CompletableFuture<>();
            stream.writeAndFlush(Unpooled.copiedBuffer("bye", StandardCharsets.US_ASCII))
                    .addListener(done -> written.complete(null));
            return written;
        });
        draining.start();
        int drainPort = draining.localAddress().getPort();
        try {
            List<ConnectionTerminatedEvent> terminated = new CopyOnWriteArrayList<>();
            QuicClientConnection client = KwikClients.connect(drainPort, "hytale/2", CLIENT_CERT);
            client.setConnectionListener(terminated::add);
            QuicStream stream = client.createStream(true);
            stream.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
            stream.getOutputStream().flush();
            InputStream in = stream.getInputStream();
            assertThat(new String(in.readNBytes(5), StandardCharsets.US_ASCII)).isEqualTo("hello");
            // Read concurrently: the goodbye must arrive before the close does.
            CompletableFuture<String> goodbye = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(in.readNBytes(3), StandardCharsets.US_ASCII);
                } catch (IOException e) {
                    return "read failed: " + e;
                }
            });

            draining.drain(Duration.ofSeconds(2)).get(5, TimeUnit.SECONDS);

            assertThat(goodbye.get(5, TimeUnit.SECONDS)).isEqualTo("bye");
            awaitTrue(() -> !terminated.isEmpty());
            ConnectionTerminatedEvent event = terminated.get(0);
            assertThat(event.closedByPeer()).isTrue();
            assertThat(event.hasTransportError()).isFalse();
            assertThat(event.applicationErrorCode()).isIn(null, 0L);
            assertThat(draining.activeConnections()).isZero();
            assertThat(draining.isAccepting()).isFalse();

            IOException refused = KwikClients.connectExpectingFailure(drainPort, "hytale/2", CLIENT_CERT);
            assertThat(refused).as("connect while draining").isNotNull();
            awaitTrue(() -> draining.metrics().refusedDraining() > 0);
        } finally {
            draining.stop();
        }
        assertThat(draining.isRunning()).isFalse();
        assertThat(draining.boundAddress()).isNull();
    }

    private static String echoOnce(QuicClientConnection client, String text) throws IOException {
        QuicStream stream = client.createStream(true);
        stream.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        stream.getOutputStream().close();
        return readAll(stream.getInputStream());
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            Thread.sleep(10);
        }
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
