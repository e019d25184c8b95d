package io.gatehouse.benchmarks.enet;

import io.gatehouse.enet.DeliveryMode;
import io.gatehouse.enet.EnetHost;
import io.gatehouse.enet.EnetListener;
import io.gatehouse.enet.EnetPeer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * protocol-enet against itself over loopback (moved out of the unit tests): heap per idle peer, the server
 * loop's CPU per connect and per echoed 100-byte reliable message, measured with {@link ThreadMXBean}.
 *
 * <p>{@code java -cp benchmarks.jar io.gatehouse.benchmarks.enet.EnetFootprintBenchmark [PEERS] [MESSAGES]}
 * (defaults 1000 and 100000). Prints one JSON line. The client runs in the same JVM on its own loop.
 */
public final class EnetFootprintBenchmark {
    private EnetFootprintBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int peerCount = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int messages = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        io.netty.util.ResourceLeakDetector.setLevel(io.netty.util.ResourceLeakDetector.Level.DISABLED);
        AtomicInteger echoed = new AtomicInteger();
        EnetListener echo = new EnetListener() {
            @Override
            public void onReceive(EnetPeer peer, int channelId, ByteBuf payload, DeliveryMode mode) {
                peer.send(channelId, payload.retain(), mode);
            }
        };
        EnetListener count = new EnetListener() {
            @Override
            public void onReceive(EnetPeer peer, int channelId, ByteBuf payload, DeliveryMode mode) {
                echoed.incrementAndGet();
            }
        };
        try (EnetHost server = EnetHost.builder().bind(new InetSocketAddress("127.0.0.1", 0)).channelLimit(2)
                 .listener(echo).build();
             EnetHost client = EnetHost.builder().bind(new InetSocketAddress("127.0.0.1", 0)).listener(count).build()) {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long serverThread = server.eventLoop().submit(() -> Thread.currentThread().getId()).get();
            long heapBefore = usedHeapAfterGc();
            long cpuBefore = threads.getThreadCpuTime(serverThread);
            List<CompletableFuture<EnetPeer>> futures = new ArrayList<>();
            for (int i = 0; i < peerCount; i++) {
                futures.add(client.connect(server.localAddress(), 2, i));
                if (i % 100 == 99) {
                    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
                }
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            long cpuConnects = threads.getThreadCpuTime(serverThread) - cpuBefore;
            Thread.sleep(1500); // handshake leftovers (acks, first pings) settle
            long bytesPerPeer = (usedHeapAfterGc() - heapBefore) / (2L * peerCount); // both sides' peers

            List<EnetPeer> peers = new ArrayList<>();
            for (CompletableFuture<EnetPeer> f : futures) {
                peers.add(f.get());
            }
            long cpuEchoBefore = threads.getThreadCpuTime(serverThread);
            long wallBefore = System.nanoTime();
            byte[] payload = new byte[100];
            for (int i = 0; i < messages; i++) {
                peers.get(i % peerCount).send(0, Unpooled.wrappedBuffer(payload), DeliveryMode.RELIABLE);
                if (i % peerCount == peerCount - 1) {
                    // at most two messages per peer in flight: a steady load, not a burst into the socket buffer
                    long limit = System.currentTimeMillis() + 10_000;
                    while (echoed.get() < i + 1 - 2 * peerCount && System.currentTimeMillis() < limit) {
                        Thread.sleep(1);
                    }
                }
            }
            long until = System.currentTimeMillis() + 60_000;
            while (echoed.get() < messages && System.currentTimeMillis() < until) {
                Thread.sleep(5);
            }
            long cpuEcho = threads.getThreadCpuTime(serverThread) - cpuEchoBefore;
            long wall = System.nanoTime() - wallBefore;
            System.out.printf("{\"benchmark\":\"enet-footprint\",\"peers\":%d,\"heapBytesPerIdlePeer\":%d,"
                    + "\"serverLoopCpuMicrosPerConnect\":%.1f,\"messages\":%d,\"echoed\":%d,"
                    + "\"serverLoopCpuMicrosPerMessage\":%.2f,\"echoWallMillis\":%d,\"transport\":\"%s\"}%n",
                peerCount, bytesPerPeer, cpuConnects / 1000.0 / peerCount, messages, echoed.get(),
                cpuEcho / 1000.0 / Math.max(1, echoed.get()), wall / 1_000_000,
                server.isNativeTransport() ? "epoll" : "nio");
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
