package io.gatehouse.enet;

import io.gatehouse.enet.wire.Protocol;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An ENet host bound to one UDP socket: server (bound to a known address) and client ({@link #connect}) at
 * once. Every peer of the host lives on the socket's single event loop; a service tick on that loop drives
 * retransmissions, pings and timeouts, and received datagrams are answered in the same loop iteration.
 */
public final class EnetHost implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EnetHost.class);
    /** Receive buffer: the largest ENet datagram (MTU 4096) plus room to notice oversized ones. */
    private static final int RECEIVE_BUFFER_SIZE = Protocol.MAXIMUM_MTU + 512;
    /**
     * Datagrams read per socket wake-up before the loop flushes (libenet reads up to 256 per service). Netty's
     * default for a datagram channel with a fixed allocator is one, which costs an epoll wait per datagram and
     * leaves nothing to batch: the replies to a burst go out together once it has been read.
     */
    private static final int DATAGRAMS_PER_READ = 64;
    /** Default SO_RCVBUF/SO_SNDBUF request: a burst of a thousand peers' small datagrams must fit. */
    static final int DEFAULT_SOCKET_BUFFER_SIZE = 4 * 1024 * 1024;
    /** The kernel's grant is logged once per JVM (bots create many hosts). */
    private static final java.util.concurrent.atomic.AtomicBoolean SOCKET_BUFFERS_LOGGED =
        new java.util.concurrent.atomic.AtomicBoolean();

    private final HostCore core;
    private final Channel channel;
    private final EventLoop loop;
    private final EventLoopGroup ownGroup;
    private final DatagramInterceptor interceptor;
    private final long startNanos = System.nanoTime();
    private final ScheduledFuture<?> serviceTask;
    private final int socketBufferSize;
    private boolean flushPending;
    /** Inside a read batch or a service tick, which flush when they end: sends need no flush task of their own. */
    private boolean flushesAtEnd;
    private final Runnable flushTask = this::runFlushTask;
    private volatile boolean closed;

    private EnetHost(Builder b) throws InterruptedException {
        EnetConfig config = new EnetConfig(b.peerLimit, b.channelLimit, b.incomingBandwidth, b.outgoingBandwidth,
            b.mtu, b.duplicatePeers, b.maximumPacketSize, b.maximumWaitingData, b.gateTimeout.toMillis(),
            b.maximumPendingGates);
        this.interceptor = b.interceptor;
        this.socketBufferSize = b.socketBufferSize;
        boolean epoll = b.nativeTransport && Epoll.isAvailable();
        EventLoopGroup group = b.group;
        if (group == null) {
            group = new MultiThreadIoEventLoopGroup(1, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
            ownGroup = group;
        } else {
            ownGroup = null;
        }
        ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
        this.core = new HostCore(config, alloc, new Driver(), b.listener, b.gate);
        core.owner(this);
        Channel bound;
        try {
            bound = bind(group, epoll, b.bindAddress, alloc);
        } catch (RuntimeException | InterruptedException e) {
            if (ownGroup != null) {
                ownGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            }
            throw e;
        }
        this.channel = bound;
        this.loop = bound.eventLoop();
        logSocketBuffers(bound, socketBufferSize);
        long interval = Math.max(1, b.serviceInterval.toMillis());
        this.serviceTask = loop.scheduleAtFixedRate(this::serviceTick, interval, interval, TimeUnit.MILLISECONDS);
    }

    private Channel bind(EventLoopGroup group, boolean epoll, InetSocketAddress address, ByteBufAllocator alloc)
        throws InterruptedException {
        Bootstrap bootstrap = new Bootstrap()
            .group(group)
            .option(ChannelOption.ALLOCATOR, alloc)
            .option(ChannelOption.SO_RCVBUF, socketBufferSize)
            .option(ChannelOption.SO_SNDBUF, socketBufferSize)
            .option(ChannelOption.RCVBUF_ALLOCATOR, receiveAllocator())
            .handler(new InboundHandler());
        if (epoll) {
            try {
                return bootstrap.channel(EpollDatagramChannel.class).bind(address).sync().channel();
            } catch (IllegalStateException | IllegalArgumentException e) {
                // a caller-supplied NIO group cannot host an epoll channel
                log.debug("epoll datagram channel unavailable on this group, using NIO", e);
            }
        }
        return bootstrap.channel(NioDatagramChannel.class).bind(address).sync().channel();
    }

    private static FixedRecvByteBufAllocator receiveAllocator() {
        FixedRecvByteBufAllocator allocator = new FixedRecvByteBufAllocator(RECEIVE_BUFFER_SIZE);
        allocator.maxMessagesPerRead(DATAGRAMS_PER_READ);
        // a datagram shorter than the buffer says nothing about whether more are waiting (NIO stops on it)
        allocator.respectMaybeMoreData(false);
        return allocator;
    }

    private static void logSocketBuffers(Channel channel, int asked) {
        if (!SOCKET_BUFFERS_LOGGED.compareAndSet(false, true)) {
            return;
        }
        Integer receive = channel.config().getOption(ChannelOption.SO_RCVBUF);
        Integer send = channel.config().getOption(ChannelOption.SO_SNDBUF);
        // Linux reports twice the usable size it granted, and caps a request at net.core.rmem_max/wmem_max
        boolean capped = receive != null && send != null && (receive < asked || send < asked);
        if (capped) {
            log.info("ENet socket buffers: asked SO_RCVBUF/SO_SNDBUF {} B, the kernel granted {}/{} B; bursts of many "
                    + "peers may overflow them: raise the caps (sysctl -w net.core.rmem_max={} net.core.wmem_max={})",
                asked, receive, send, asked, asked);
        } else {
            log.info("ENet socket buffers: asked SO_RCVBUF/SO_SNDBUF {} B, the kernel granted {}/{} B", asked, receive,
                send);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------ public API

    /** Default time a connect may take: about libenet's CONNECT retransmissions before it gives up. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /**
     * Client role: connects to a remote ENet host; the future completes when the handshake does, or fails with
     * an {@link EnetConnectException} after {@link #DEFAULT_CONNECT_TIMEOUT}.
     */
    public CompletableFuture<EnetPeer> connect(InetSocketAddress address, int channelCount, int data) {
        return connect(address, channelCount, data, DEFAULT_CONNECT_TIMEOUT);
    }

    /**
     * Client role: connects to a remote ENet host. The future completes with the connected peer, or fails with an
     * {@link EnetConnectException} when the handshake has not completed within {@code timeout} (the attempt is then
     * dropped without telling the remote side, as libenet's CONNECT timeout does) or when it is refused.
     */
    public CompletableFuture<EnetPeer> connect(InetSocketAddress address, int channelCount, int data,
                                               Duration timeout) {
        Objects.requireNonNull(timeout);
        CompletableFuture<EnetPeer> future = new CompletableFuture<>();
        if (closed) {
            future.completeExceptionally(new EnetConnectException("host closed"));
            return future;
        }
        runOnLoop(() -> {
            core.serviceTime = now();
            EnetPeer peer = core.connect(address, channelCount, data, future);
            if (peer == null) {
                return;
            }
            requestFlush();
            long millis = Math.max(1, timeout.toMillis());
            ScheduledFuture<?> timer = loop.schedule(() -> {
                if (!future.isDone() && peer.connectFuture == future) {
                    core.abandonConnect(peer, "no answer within " + millis + " ms");
                }
            }, millis, TimeUnit.MILLISECONDS);
            future.whenComplete((p, failure) -> timer.cancel(false));
        });
        return future;
    }

    /** Sends a datagram outside ENet from this host's socket (out-of-band replies); takes ownership. */
    public void sendRaw(InetSocketAddress recipient, ByteBuf datagram) {
        if (closed) {
            datagram.release();
            return;
        }
        channel.writeAndFlush(new DatagramPacket(datagram, recipient), channel.voidPromise());
    }

    /** Sends a message to every connected peer; takes ownership of {@code payload}. */
    public void broadcast(int channelId, ByteBuf payload, DeliveryMode mode) {
        if (!loop.inEventLoop()) {
            loop.execute(() -> broadcast(channelId, payload, mode));
            return;
        }
        try {
            for (int i = 0; i < core.activeCount; i++) {
                EnetPeer peer = core.active[i];
                if (peer.state == PeerState.CONNECTED) {
                    ByteBuf copy = payload.retainedDuplicate();
                    if (!peer.queueSend(channelId, copy, mode)) {
                        copy.release();
                    }
                }
            }
        } finally {
            payload.release();
        }
        requestFlush();
    }

    /** Connected peers, snapshot; call on the event loop for an exact answer. */
    public List<EnetPeer> connectedPeers() {
        List<EnetPeer> result = new ArrayList<>();
        EnetPeer[] active = core.active;
        for (int i = 0; i < Math.min(core.activeCount, active.length); i++) {
            EnetPeer peer = active[i];
            if (peer != null && peer.state == PeerState.CONNECTED) {
                result.add(peer);
            }
        }
        return result;
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    public EventLoop eventLoop() {
        return loop;
    }

    public HostStats stats() {
        return core.stats;
    }

    /** True when the socket is epoll-based (Linux native transport). */
    public boolean isNativeTransport() {
        return channel instanceof EpollDatagramChannel;
    }

    /** Disconnects every peer at once (an unacknowledged DISCONNECT each), then closes the socket. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        CompletableFuture<Void> done = new CompletableFuture<>();
        runOnLoop(() -> {
            try {
                serviceTask.cancel(false);
                core.serviceTime = now();
                core.close();
            } finally {
                channel.close().addListener(f -> done.complete(null));
            }
        });
        if (!loop.inEventLoop()) {
            try {
                done.get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.debug("ENet host close did not finish cleanly", e);
            }
            if (ownGroup != null) {
                ownGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            }
        } else if (ownGroup != null) {
            ownGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        }
    }

    // ------------------------------------------------------------------ loop plumbing

    long now() {
        return (System.nanoTime() - startNanos) / 1_000_000L + 1;
    }

    private void runOnLoop(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }

    private void serviceTick() {
        flushesAtEnd = true;
        try {
            core.service(now());
        } catch (Throwable t) {
            log.error("ENet service tick failed", t);
        } finally {
            flushesAtEnd = false;
        }
    }

    private void requestFlush() {
        if (flushPending || closed || (flushesAtEnd && loop.inEventLoop())) {
            return;
        }
        flushPending = true;
        loop.execute(flushTask);
    }

    private void runFlushTask() {
        flushPending = false;
        if (!closed) {
            core.flush(now());
        }
    }

    private final class Driver implements HostDriver {
        @Override
        public boolean inEventLoop() {
            return loop == null || loop.inEventLoop();
        }

        @Override
        public void execute(Runnable task) {
            loop.execute(task);
        }

        @Override
        public void requestFlush() {
            EnetHost.this.requestFlush();
        }

        @Override
        public void send(InetSocketAddress recipient, ByteBuf datagram) {
            channel.write(new DatagramPacket(datagram, recipient), channel.voidPromise());
        }

        @Override
        public void flushOutput() {
            channel.flush();
        }
    }

    private final class InboundHandler extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            flushesAtEnd = true; // channelReadComplete flushes what this batch of datagrams queued
            ByteBuf content = packet.content();
            InetSocketAddress sender = packet.sender();
            if (interceptor != null) {
                int readerIndex = content.readerIndex();
                try {
                    if (interceptor.intercept(EnetHost.this, sender, content)) {
                        core.stats.interceptedDatagrams++;
                        return;
                    }
                } catch (Throwable t) {
                    log.warn("datagram interceptor failed; datagram from {} dropped", sender, t);
                    return;
                }
                content.readerIndex(readerIndex);
            }
            core.receive(sender, content, now());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            flushesAtEnd = false;
            if (!closed) {
                core.flush(now());
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // UDP errors (e.g. ICMP unreachable) concern one datagram, never the socket
            log.debug("ENet socket error", cause);
        }
    }

    /** Settings of a host; defaults are libenet's. */
    public static final class Builder {
        private InetSocketAddress bindAddress = new InetSocketAddress(0);
        private int peerLimit = Protocol.MAXIMUM_PEER_ID;
        private int channelLimit = Protocol.MAXIMUM_CHANNEL_COUNT;
        private long incomingBandwidth;
        private long outgoingBandwidth;
        private int mtu = EnetConfig.DEFAULT_MTU;
        private int duplicatePeers = Protocol.MAXIMUM_PEER_ID;
        private int maximumPacketSize = EnetConfig.DEFAULT_MAXIMUM_PACKET_SIZE;
        private long maximumWaitingData = EnetConfig.DEFAULT_MAXIMUM_WAITING_DATA;
        private Duration gateTimeout = Duration.ofSeconds(10);
        private int maximumPendingGates = 4096;
        private Duration serviceInterval = Duration.ofMillis(5);
        private EnetListener listener = new EnetListener() {
        };
        private DatagramInterceptor interceptor;
        private ConnectGate gate;
        private EventLoopGroup group;
        private boolean nativeTransport = true;
        private int socketBufferSize = DEFAULT_SOCKET_BUFFER_SIZE;

        private Builder() {
        }

        /**
         * SO_RCVBUF/SO_SNDBUF request (default 4 MiB: a burst of a thousand peers' CONNECTs or pings overflows the
         * kernel's usual 208 KiB). The kernel caps it at net.core.rmem_max/wmem_max; the grant is logged once.
         */
        public Builder socketBufferSize(int bytes) {
            this.socketBufferSize = bytes;
            return this;
        }

        /** Local address; the default (wildcard, port 0) suits a client. */
        public Builder bind(InetSocketAddress address) {
            this.bindAddress = Objects.requireNonNull(address);
            return this;
        }

        /** Maximum simultaneous peers, 1..4095. */
        public Builder peerLimit(int peers) {
            if (peers < 1 || peers > Protocol.MAXIMUM_PEER_ID) {
                throw new IllegalArgumentException("peerLimit must be 1.." + Protocol.MAXIMUM_PEER_ID);
            }
            this.peerLimit = peers;
            return this;
        }

        /** Channels granted to a connecting peer at most, 1..255. */
        public Builder channelLimit(int channels) {
            if (channels < Protocol.MINIMUM_CHANNEL_COUNT || channels > Protocol.MAXIMUM_CHANNEL_COUNT) {
                throw new IllegalArgumentException("channelLimit must be 1..255");
            }
            this.channelLimit = channels;
            return this;
        }

        /** Bytes per second; 0 means unlimited (as in {@code enet_host_create}). */
        public Builder bandwidth(long incomingBytesPerSecond, long outgoingBytesPerSecond) {
            this.incomingBandwidth = incomingBytesPerSecond;
            this.outgoingBandwidth = outgoingBytesPerSecond;
            return this;
        }

        /** Largest datagram this host sends, 576..4096 (default 1400). */
        public Builder mtu(int mtu) {
            if (mtu < Protocol.MINIMUM_MTU || mtu > Protocol.MAXIMUM_MTU) {
                throw new IllegalArgumentException("mtu must be 576..4096");
            }
            this.mtu = mtu;
            return this;
        }

        /** Peers allowed from one IP address (libenet's {@code duplicatePeers}). */
        public Builder duplicatePeers(int peers) {
            this.duplicatePeers = peers;
            return this;
        }

        /** Largest message sent or reassembled (default 32 MiB, as libenet). */
        public Builder maximumPacketSize(int bytes) {
            this.maximumPacketSize = bytes;
            return this;
        }

        /** Received bytes a peer may have waiting for delivery or reassembly (default 32 MiB, as libenet). */
        public Builder maximumWaitingData(long bytes) {
            this.maximumWaitingData = bytes;
            return this;
        }

        public Builder listener(EnetListener listener) {
            this.listener = Objects.requireNonNull(listener);
            return this;
        }

        public Builder interceptor(DatagramInterceptor interceptor) {
            this.interceptor = interceptor;
            return this;
        }

        /** Asks {@code gate} before accepting a CONNECT; unanswered requests expire after {@code timeout}. */
        public Builder connectGate(ConnectGate gate, Duration timeout) {
            this.gate = gate;
            this.gateTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** Bounds the CONNECTs waiting for the gate; more are dropped. */
        public Builder maximumPendingGates(int pending) {
            this.maximumPendingGates = pending;
            return this;
        }

        /** Period of the service tick (retransmissions, pings, timeouts); default 5 ms. */
        public Builder serviceInterval(Duration interval) {
            this.serviceInterval = Objects.requireNonNull(interval);
            return this;
        }

        /** Runs on a loop of this group instead of a private single-thread group (not shut down on close). */
        public Builder eventLoopGroup(EventLoopGroup group) {
            this.group = group;
            return this;
        }

        /** Uses epoll when available (default true). */
        public Builder nativeTransport(boolean enabled) {
            this.nativeTransport = enabled;
            return this;
        }

        /** Binds the socket and starts the service tick. */
        public EnetHost build() {
            try {
                return new EnetHost(this);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while binding", e);
            }
        }
    }

    /** Creates an event loop group of the transport this host prefers (epoll when available). */
    public static EventLoopGroup newEventLoopGroup(int threads) {
        return new MultiThreadIoEventLoopGroup(threads,
            Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }
}
