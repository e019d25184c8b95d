package io.gatehouse.benchmarks.reference;

import io.gatehouse.bot.hytale.BotCertificates;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.quic.QuicCongestionControlAlgorithm;
import io.netty.handler.codec.quic.QuicServerCodecBuilder;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The ceiling of the Hytale join: a bare Netty QUIC server with the gateway's transport settings (mutual TLS with
 * any client certificate, ECDSA P-256 server certificate, ALPN hytale/1 and hytale/2, one bidirectional stream,
 * BBR, no Retry, 60 s idle timeout, one event-loop thread) that echoes its stream and does nothing else.
 *
 * <p>{@code java -cp benchmarks.jar io.gatehouse.benchmarks.reference.QuicEchoServer PORT}; runs until SIGTERM.
 */
public final class QuicEchoServer {

    private QuicEchoServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Channel channel = start(new InetSocketAddress("127.0.0.1", port));
        System.out.println("listening on " + channel.localAddress() + " (epoll=" + Epoll.isAvailable() + ")");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            channel.close().awaitUninterruptibly();
            channel.eventLoop().parent().shutdownGracefully(0, 1, TimeUnit.SECONDS);
            stopped.countDown();
        }));
        stopped.await();
    }

    /** Shared by every connection: a QUIC error closes that connection, quietly. */
    @ChannelHandler.Sharable
    private static final class CloseOnError extends ChannelInboundHandlerAdapter {
        static final CloseOnError INSTANCE = new CloseOnError();

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    public static Channel start(InetSocketAddress address) throws InterruptedException {
        BotCertificates.ClientIdentity server = BotCertificates.generate("quic-echo");
        QuicSslContext ssl = QuicSslContextBuilder.forServer(server.privateKey(), null, server.certificate())
                .applicationProtocols("hytale/2", "hytale/1")
                .clientAuth(ClientAuth.REQUIRE)
                .trustManager(InsecureTrustManagerFactory.INSTANCE)
                .earlyData(false)
                .build();
        ChannelHandler codec = new QuicServerCodecBuilder()
                .sslContext(ssl)
                .maxIdleTimeout(60_000, TimeUnit.MILLISECONDS)
                .initialMaxData(524_288)
                .initialMaxStreamDataBidirectionalLocal(131_072)
                .initialMaxStreamDataBidirectionalRemote(131_072)
                .initialMaxStreamsBidirectional(1)
                .congestionControlAlgorithm(QuicCongestionControlAlgorithm.BBR)
                .tokenHandler(null)
                .handler(CloseOnError.INSTANCE)
                .streamHandler(new ChannelInitializer<QuicStreamChannel>() {
                    @Override
                    protected void initChannel(QuicStreamChannel stream) {
                        stream.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                ctx.writeAndFlush(msg);
                            }

                            @Override
                            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                ctx.close();
                            }
                        });
                    }
                })
                .build();
        boolean epoll = Epoll.isAvailable();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        return new Bootstrap().group(group)
                .channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
                .handler(codec)
                .bind(address).sync().channel();
    }

}
