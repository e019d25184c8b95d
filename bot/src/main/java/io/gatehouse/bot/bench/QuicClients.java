package io.gatehouse.bot.bench;

import io.gatehouse.bot.hytale.BotCertificates;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicClientCodecBuilder;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The load generator's QUIC client: Netty QUIC (quiche) rather than Kwik, because the generator shares two cores
 * with the server and Kwik costs several times the CPU per handshake. A few UDP sockets on one event-loop thread,
 * each carrying many connections; each socket presents its own client certificate (the certificate is an
 * identity, and generating one per player would dominate the client's CPU).
 */
final class QuicClients implements AutoCloseable {

    private final EventLoopGroup group;
    private final List<Channel> sockets = new ArrayList<>();
    private final List<QuicSslContext> contexts = new ArrayList<>();
    private final List<BotCertificates.ClientIdentity> identities = new ArrayList<>();
    private final InetSocketAddress target;

    QuicClients(InetSocketAddress target, String alpn, int socketCount) throws InterruptedException {
        this.target = target;
        boolean epoll = Epoll.isAvailable();
        group = new MultiThreadIoEventLoopGroup(1, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        for (int i = 0; i < socketCount; i++) {
            BotCertificates.ClientIdentity identity = BotCertificates.generate("bench-" + i);
            identities.add(identity);
            contexts.add(QuicSslContextBuilder.forClient()
                    .keyManager(identity.privateKey(), null, identity.certificate())
                    .trustManager(InsecureTrustManagerFactory.INSTANCE)
                    .applicationProtocols(alpn)
                    .build());
        }
        for (int i = 0; i < socketCount; i++) {
            ChannelHandler codec = new QuicClientCodecBuilder()
                    .sslContext(contexts.get(i))
                    .maxIdleTimeout(60_000, TimeUnit.MILLISECONDS)
                    .initialMaxData(4 << 20)
                    .initialMaxStreamDataBidirectionalLocal(1 << 20)
                    .initialMaxStreamDataBidirectionalRemote(1 << 20)
                    .build();
            sockets.add(new Bootstrap().group(group)
                    .channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
                    .handler(codec)
                    .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel());
        }
    }

    BotCertificates.ClientIdentity identity(int index) {
        return identities.get(index % sockets.size());
    }

    /** Connects from socket {@code index % sockets} (full handshake, that socket's client certificate). */
    CompletableFuture<QuicChannel> connect(int index, ChannelHandler connectionHandler) {
        CompletableFuture<QuicChannel> result = new CompletableFuture<>();
        Channel socket = sockets.get(index % sockets.size());
        Future<QuicChannel> connect = QuicChannel.newBootstrap(socket)
                .handler(connectionHandler == null ? new ChannelInboundHandlerAdapter() : connectionHandler)
                .streamHandler(new ChannelInboundHandlerAdapter())
                .remoteAddress(target)
                .connect();
        connect.addListener(f -> {
            if (f.isSuccess()) {
                result.complete(connect.getNow());
            } else {
                result.completeExceptionally(new JoinFailure("quic-handshake", String.valueOf(f.cause())));
            }
        });
        return result;
    }

    @Override
    public void close() {
        sockets.forEach(c -> c.close().awaitUninterruptibly(2, TimeUnit.SECONDS));
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
