package io.gatehouse.benchmarks.reference;

import io.gatehouse.enet.DeliveryMode;
import io.gatehouse.enet.EnetHost;
import io.gatehouse.enet.EnetListener;
import io.gatehouse.enet.EnetPeer;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The Java side of the ENet transport comparison: protocol-enet's {@link EnetHost} doing exactly what
 * {@code enet_echo_server.c} does (4095 peers and 2 channels per host, every message echoed reliably on its channel),
 * on one event-loop thread as libenet's service loop is one thread.
 *
 * <p>{@code java -cp benchmarks.jar io.gatehouse.benchmarks.reference.JavaEnetEchoServer PORT [HOSTS]}; runs until
 * SIGTERM.
 */
public final class JavaEnetEchoServer {

    private JavaEnetEchoServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(args[0]);
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        EventLoopGroup loop = EnetHost.newEventLoopGroup(1);
        EnetListener echo = new EnetListener() {
            @Override
            public void onReceive(EnetPeer peer, int channelId, ByteBuf payload, DeliveryMode mode) {
                peer.send(channelId, payload.retain(), DeliveryMode.RELIABLE);
            }
        };
        List<EnetHost> hosts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            hosts.add(EnetHost.builder().bind(new InetSocketAddress("127.0.0.1", port + i)).peerLimit(4095)
                    .channelLimit(2).duplicatePeers(4095).listener(echo).eventLoopGroup(loop).build());
        }
        System.out.printf("listening on 127.0.0.1:%d (%d host(s), native=%s)%n", port, count,
                hosts.get(0).isNativeTransport());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            hosts.forEach(EnetHost::close);
            loop.shutdownGracefully();
            stopped.countDown();
        }));
        stopped.await();
    }
}
