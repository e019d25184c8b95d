package io.gatehouse.gateway.hytale.transport;

import io.gatehouse.gateway.tls.CertifiedKey;
import io.gatehouse.support.lifecycle.ListenerReadiness;
import io.gatehouse.support.lifecycle.PlayerListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.quic.Quic;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicCongestionControlAlgorithm;
import io.netty.handler.codec.quic.QuicException;
import io.netty.handler.codec.quic.QuicServerCodecBuilder;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamType;
import io.netty.handler.codec.quic.QuicTransportError;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SniCompletionEvent;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The Hytale QUIC listener: TLS 1.3 with a required (but untrusted, self-signed) client certificate, the official
 * transport parameters (hytale-protocol.md §1.1), one client bidirectional stream per connection handed to a
 * {@link HytaleStreamInitializer}, and a graceful {@link #drain(Duration)}.
 *
 * <p>One UDP socket on one event loop: the QUIC codec of a socket is single-threaded. Connections and their streams
 * share that loop, so nothing here blocks.
 */
public class HytaleQuicListener implements PlayerListener, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HytaleQuicListener.class);

    /** Retry tokens only need to survive one round trip. */
    private static final Duration RETRY_TOKEN_LIFETIME = Duration.ofSeconds(10);
    /** Reset code for refused client streams: Hytale defines no stream error codes. */
    private static final int STREAM_REFUSED_CODE = HytaleCloseCodes.NO_ERROR;
    /** SNI is announced before the handshake completes; kept here until the context is built. */
    private static final AttributeKey<String> SNI = AttributeKey.valueOf(HytaleQuicListener.class, "sni");
    /** Set once a connection has been judged (accepted or refused), so it is counted once. */
    private static final AttributeKey<Boolean> JUDGED = AttributeKey.valueOf(HytaleQuicListener.class, "judged");

    private final HytaleProperties properties;
    private final CertifiedKey serverCertificate;
    private final HytaleStreamInitializer streamInitializer;
    private final ChannelGroup connections = new DefaultChannelGroup("hytale-quic", GlobalEventExecutor.INSTANCE);
    private final AtomicInteger pendingHandshakes = new AtomicInteger();
    private final HytaleTransportMetrics metrics;
    private final ChannelHandler streamSetup = new StreamSetup();
    private final ChannelHandler streamExceptionSink = new StreamExceptionSink();
    private final ChannelHandler socketExceptionSink = new SocketExceptionSink();

    private volatile HytaleDrainHook drainHook;
    private volatile boolean accepting;
    private volatile boolean running;
    private volatile EventLoopGroup group;
    private volatile Channel socket;
    private volatile InetSocketAddress boundAddress;

    public HytaleQuicListener(HytaleProperties properties, CertifiedKey serverCertificate,
            HytaleStreamInitializer streamInitializer, MeterRegistry meterRegistry) {
        this.properties = Objects.requireNonNull(properties, "properties");
        this.serverCertificate = Objects.requireNonNull(serverCertificate, "serverCertificate");
        this.streamInitializer = Objects.requireNonNull(streamInitializer, "streamInitializer");
        this.metrics = new HytaleTransportMetrics(meterRegistry, connections::size);
    }

    /** What the drain work uses to send {@code Disconnect} before connections are closed; may be null. */
    public void setDrainHook(HytaleDrainHook drainHook) {
        this.drainHook = drainHook;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Lifecycle
    // ---------------------------------------------------------------------------------------------------------------

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        Quic.ensureAvailability();
        QuicSslContext sslContext = buildSslContext();
        ChannelHandler codec = buildCodec(sslContext);
        boolean epoll = properties.isNativeTransport() && Epoll.isAvailable();
        IoHandlerFactory ioHandler = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("hytale-quic", true),
                ioHandler);
        Bootstrap bootstrap = new Bootstrap()
                .group(loops)
                .channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel channel) {
                        channel.pipeline().addLast(codec, socketExceptionSink);
                    }
                });
        InetSocketAddress requested = new InetSocketAddress(properties.getBindAddress(), properties.getPort());
        ChannelFuture bind = bootstrap.bind(requested).awaitUninterruptibly();
        if (!bind.isSuccess()) {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IllegalStateException("Hytale QUIC listener cannot bind UDP " + requested, bind.cause());
        }
        group = loops;
        socket = bind.channel();
        boundAddress = (InetSocketAddress) socket.localAddress();
        accepting = true;
        running = true;
        log.info("Hytale QUIC listening on udp/{} (ALPN {}, {} transport, server id {}, certificate sha256 {})",
                describe(boundAddress), properties.getAlpn(), epoll ? "epoll" : "nio", properties.getServerId(),
                serverCertificate.sha256Fingerprint());
    }

    @Override
    public void stop() {
        CountDownLatch done = new CountDownLatch(1);
        stop(done::countDown);
        try {
            done.await(properties.getShutdownGrace().toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop(Runnable callback) {
        if (!running) {
            callback.run();
            return;
        }
        running = false;
        drain(properties.getShutdownGrace()).whenComplete((ignored, error) -> closeSocket(callback));
    }

    private synchronized void closeSocket(Runnable callback) {
        Channel channel = socket;
        EventLoopGroup loops = group;
        socket = null;
        group = null;
        boundAddress = null;
        if (channel == null) {
            callback.run();
            return;
        }
        // Listeners only: this may run on the socket's own event loop.
        channel.close().addListener(closed -> loops.shutdownGracefully(0, 2, TimeUnit.SECONDS)
                .addListener(terminated -> {
                    log.info("Hytale QUIC listener stopped");
                    callback.run();
                }));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return ListenerReadiness.LISTENER_PHASE;
    }

    /**
     * Stops accepting new connections (new handshakes are refused with CONNECTION_REFUSED), lets the
     * {@link HytaleDrainHook} say goodbye on each established connection, then closes each with application code 0.
     * Connections whose hook has not finished within {@code grace} are closed anyway. The socket stays open, so the
     * CONNECTION_CLOSE frames go out; {@link #stop()} closes it afterwards.
     *
     * @return completes when every connection has been closed (or {@code grace} plus a second has passed)
     */
    public CompletableFuture<Void> drain(Duration grace) {
        accepting = false;
        HytaleDrainHook hook = drainHook;
        List<CompletableFuture<Void>> closed = new ArrayList<>();
        for (Channel channel : connections) {
            QuicChannel connection = (QuicChannel) channel;
            HytaleConnectionContext context = connection.attr(HytaleConnectionContext.ATTRIBUTE).get();
            closed.add(goodbye(hook, connection, context, grace)
                    .thenCompose(ignored -> completion(HytaleCloseCodes.closeApplication(connection,
                            HytaleCloseCodes.NO_ERROR, "Server shutting down"))));
        }
        return CompletableFuture.allOf(closed.toArray(CompletableFuture[]::new))
                .completeOnTimeout(null, grace.toMillis() + 1_000, TimeUnit.MILLISECONDS);
    }

    private static CompletableFuture<Void> goodbye(HytaleDrainHook hook, QuicChannel connection,
            HytaleConnectionContext context, Duration grace) {
        if (hook == null || context == null) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> said = new CompletableFuture<>();
        try {
            connection.eventLoop().execute(() -> {
                try {
                    hook.beforeClose(context).whenComplete((result, error) -> said.complete(null));
                } catch (RuntimeException e) {
                    log.warn("Drain hook failed for {}", context, e);
                    said.complete(null);
                }
            });
        } catch (RuntimeException rejected) {
            said.complete(null);
        }
        return said.completeOnTimeout(null, grace.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static CompletableFuture<Void> completion(ChannelFuture future) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        future.addListener(done -> result.complete(null));
        return result;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Queries
    // ---------------------------------------------------------------------------------------------------------------

    @Override
    public String name() {
        return "hytale-quic";
    }

    @Override
    public String boundAddress() {
        InetSocketAddress address = boundAddress;
        return address == null || !running ? null : describe(address);
    }

    /** The bound UDP address (actual port when configured with 0); null when not listening. */
    public InetSocketAddress localAddress() {
        return boundAddress;
    }

    /** The server's certificate and fingerprints (the SHA-256 one is what the session service binds to). */
    public CertifiedKey serverCertificate() {
        return serverCertificate;
    }

    public HytaleTransportMetrics metrics() {
        return metrics;
    }

    /** Connections past the TLS handshake. */
    public int activeConnections() {
        return connections.size();
    }

    /** Whether new connections are accepted (false once draining). */
    public boolean isAccepting() {
        return accepting && running;
    }

    private static String describe(InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // QUIC and TLS configuration
    // ---------------------------------------------------------------------------------------------------------------

    private QuicSslContext buildSslContext() {
        List<String> alpn = properties.getAlpn();
        if (alpn == null || alpn.isEmpty()) {
            throw new IllegalStateException("gatehouse.hytale.alpn must list at least one protocol");
        }
        AtomicReference<QuicSslContext> self = new AtomicReference<>();
        QuicSslContext context = QuicSslContextBuilder
                .forServer(serverCertificate.privateKey(), null, serverCertificate.chainArray())
                .applicationProtocols(alpn.toArray(String[]::new))
                // The client certificate is an identity (tokens are bound to its fingerprint), not a trust anchor:
                // any self-signed certificate is accepted, as by the official server.
                .clientAuth(ClientAuth.REQUIRE)
                .trustManager(InsecureTrustManagerFactory.INSTANCE)
                .earlyData(false)
                // Netty reports the client's server name only when an SNI mapping exists; every name maps to the
                // same context (the official server's "reflective" mapping).
                .sni(hostname -> self.get())
                .build();
        self.set(context);
        return context;
    }

    private ChannelHandler buildCodec(QuicSslContext sslContext) {
        HytaleProperties.Quic quic = properties.getQuic();
        int cidLength = properties.getConnectionIdLength();
        if (cidLength < QuicLbConnectionIdGenerator.MIN_LENGTH || cidLength > QuicLbConnectionIdGenerator.MAX_LENGTH) {
            throw new IllegalStateException("gatehouse.hytale.connection-id-length must be "
                    + QuicLbConnectionIdGenerator.MIN_LENGTH + ".." + QuicLbConnectionIdGenerator.MAX_LENGTH);
        }
        return new QuicServerCodecBuilder()
                .sslContext(sslContext)
                .maxIdleTimeout(properties.getMaxIdleTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .initialMaxData(quic.getInitialMaxData())
                .initialMaxStreamDataBidirectionalLocal(quic.getInitialMaxStreamDataBidiLocal())
                .initialMaxStreamDataBidirectionalRemote(quic.getInitialMaxStreamDataBidiRemote())
                .initialMaxStreamDataUnidirectional(quic.getInitialMaxStreamDataUni())
                .initialMaxStreamsBidirectional(quic.getInitialMaxStreamsBidi())
                .initialMaxStreamsUnidirectional(quic.getInitialMaxStreamsUni())
                .ackDelayExponent(quic.getAckDelayExponent())
                .activeMigration(quic.isActiveMigration())
                .congestionControlAlgorithm(QuicCongestionControlAlgorithm.valueOf(
                        properties.getCongestionControl().trim().toUpperCase(Locale.ROOT)))
                .discoverPmtu(properties.isDiscoverPmtu())
                .localConnectionIdLength(cidLength)
                .connectionIdAddressGenerator(new QuicLbConnectionIdGenerator(properties.getServerId(),
                        properties.getConfigRotation()))
                // null = no Retry (official since 2026.02.17).
                .tokenHandler(properties.isRetry() ? new HmacRetryTokenHandler(RETRY_TOKEN_LIFETIME) : null)
                .handler(new ChannelInitializer<QuicChannel>() {
                    @Override
                    protected void initChannel(QuicChannel connection) {
                        connection.pipeline().addLast("hytale-connection", new ConnectionHandler());
                    }
                })
                .streamHandler(streamSetup)
                .build();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Connections
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Builds the connection's context once its handshake is done; idempotent. Returns null (and closes the
     * connection with PROTOCOL_VIOLATION, as the official server) when the client presented no certificate.
     */
    private HytaleConnectionContext establish(QuicChannel connection) {
        HytaleConnectionContext existing = connection.attr(HytaleConnectionContext.ATTRIBUTE).get();
        if (existing != null || Boolean.TRUE.equals(connection.attr(JUDGED).get())) {
            return existing;
        }
        connection.attr(JUDGED).set(Boolean.TRUE);
        pendingHandshakes.decrementAndGet();
        X509Certificate clientCertificate = clientCertificate(connection);
        if (clientCertificate == null) {
            metrics.countHandshakeFailed();
            metrics.countRefusedNoCertificate();
            log.debug("Hytale connection from {} without a client certificate: closing",
                    connection.remoteSocketAddress());
            HytaleCloseCodes.closeProtocolViolation(connection);
            return null;
        }
        SocketAddress remote = connection.remoteSocketAddress();
        String alpn = connection.sslEngine() == null ? null : connection.sslEngine().getApplicationProtocol();
        HytaleConnectionContext context = new HytaleConnectionContext(connection, alpn == null ? "" : alpn,
                connection.attr(SNI).get(), remote instanceof InetSocketAddress inet ? inet : null,
                clientCertificate, Instant.now());
        connection.attr(HytaleConnectionContext.ATTRIBUTE).set(context);
        connections.add(connection);
        metrics.countHandshakeOk();
        log.debug("Hytale connection established: {}", context);
        return context;
    }

    private static X509Certificate clientCertificate(QuicChannel connection) {
        if (connection.sslEngine() == null) {
            return null;
        }
        SSLSession session = connection.sslEngine().getSession();
        try {
            Certificate[] chain = session.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x509 ? x509 : null;
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    /** One per connection: admission, SNI, handshake outcome, exceptions. */
    private final class ConnectionHandler extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRegistered(ChannelHandlerContext ctx) {
            QuicChannel connection = (QuicChannel) ctx.channel();
            int pending = pendingHandshakes.incrementAndGet();
            if (!accepting) {
                refuse(connection, "draining");
                metrics.countRefusedDraining();
            } else if (pending > properties.getMaxPendingHandshakes()) {
                refuse(connection, "overload");
                metrics.countRefusedOverload();
            }
            ctx.fireChannelRegistered();
        }

        private void refuse(QuicChannel connection, String why) {
            connection.attr(JUDGED).set(Boolean.TRUE);
            pendingHandshakes.decrementAndGet();
            HytaleCloseCodes.closeTransport(connection, QuicTransportError.CONNECTION_REFUSED, why);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof SniCompletionEvent sni) {
                ctx.channel().attr(SNI).set(sni.hostname());
            } else if (event instanceof SslHandshakeCompletionEvent handshake && !handshake.isSuccess()) {
                log.debug("Hytale TLS handshake from {} failed: {}", ctx.channel().remoteAddress(),
                        handshake.cause() == null ? "?" : handshake.cause().toString());
            }
            ctx.fireUserEventTriggered(event);
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            if (establish((QuicChannel) ctx.channel()) != null) {
                ctx.fireChannelActive();
            }
        }

        @Override
        public void channelUnregistered(ChannelHandlerContext ctx) {
            // Never established: wrong ALPN, TLS alert, handshake timeout, client gave up.
            if (!Boolean.TRUE.equals(ctx.channel().attr(JUDGED).get())) {
                ctx.channel().attr(JUDGED).set(Boolean.TRUE);
                pendingHandshakes.decrementAndGet();
                metrics.countHandshakeFailed();
            }
            ctx.fireChannelUnregistered();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // Handshake failures (wrong ALPN, TLS alerts) and abrupt closes are the client's business: debug only.
            if (isPeerCaused(cause)) {
                log.debug("Hytale connection {}: {}", ctx.channel().remoteAddress(), cause.toString());
            } else {
                log.warn("Unexpected error on Hytale connection {}; closing it", ctx.channel().remoteAddress(), cause);
            }
            HytaleCloseCodes.closeTransport((QuicChannel) ctx.channel(),
                    isPeerCaused(cause) ? QuicTransportError.PROTOCOL_VIOLATION : QuicTransportError.INTERNAL_ERROR,
                    "");
        }
    }

    static boolean isPeerCaused(Throwable cause) {
        return cause instanceof SSLException || cause instanceof QuicException || cause instanceof IOException
                || cause instanceof DecoderException;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Streams
    // ---------------------------------------------------------------------------------------------------------------

    /** Gatekeeper for client-opened streams: exactly one bidirectional stream reaches the initializer. */
    @ChannelHandler.Sharable
    private final class StreamSetup extends ChannelInitializer<QuicStreamChannel> {

        @Override
        protected void initChannel(QuicStreamChannel stream) {
            HytaleConnectionContext context = establish(stream.parent());
            if (context == null || !stream.parent().isActive()) {
                stream.close();
                return;
            }
            // The transport parameters allow one bidirectional and no unidirectional stream; quiche grants a new
            // bidirectional credit once the first stream is finished, so the limit is enforced here too.
            if (stream.type() != QuicStreamType.BIDIRECTIONAL || !context.tryAcceptBidiStream()) {
                metrics.countStreamRefused();
                log.debug("Refusing client stream {} ({}) of {}", stream.streamId(), stream.type(), context);
                stream.shutdown(STREAM_REFUSED_CODE).addListener(done -> stream.close());
                return;
            }
            try {
                streamInitializer.initStream(stream, context);
            } catch (RuntimeException e) {
                log.warn("Hytale stream initializer failed for {}; closing the connection", context, e);
                HytaleCloseCodes.closeTransport(stream.parent(), QuicTransportError.INTERNAL_ERROR, "");
                return;
            }
            stream.pipeline().addLast(HytaleStreamInitializer.EXCEPTION_SINK, streamExceptionSink);
        }
    }

    /** Last handler of every accepted stream: nothing reaches Netty's tail and logs as "unhandled". */
    @ChannelHandler.Sharable
    private static final class StreamExceptionSink extends ChannelInboundHandlerAdapter {

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            QuicChannel connection = (QuicChannel) ctx.channel().parent();
            if (isPeerCaused(cause)) {
                // Stream resets, abrupt closes, framing errors: the official server answers bad input with a
                // transport PROTOCOL_VIOLATION and no Disconnect.
                log.debug("Hytale stream of {}: {}", connection.remoteAddress(), cause.toString());
                HytaleCloseCodes.closeProtocolViolation(connection);
            } else {
                log.warn("Unhandled error on the Hytale stream of {}; closing the connection",
                        connection.remoteSocketAddress(), cause);
                HytaleCloseCodes.closeTransport(connection, QuicTransportError.INTERNAL_ERROR, "");
            }
        }
    }

    /** After the codec on the UDP socket: malformed datagrams must not surface as unhandled exceptions. */
    @ChannelHandler.Sharable
    private static final class SocketExceptionSink extends ChannelInboundHandlerAdapter {

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (isPeerCaused(cause)) {
                log.debug("Hytale QUIC socket: {}", cause.toString());
            } else {
                log.warn("Unexpected error on the Hytale QUIC socket", cause);
            }
        }
    }
}
