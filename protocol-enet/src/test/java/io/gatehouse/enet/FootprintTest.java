package io.gatehouse.enet;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Test;

/** Heap per idle peer and server CPU per connect and per echoed 100-byte reliable message (printed). */
class FootprintTest {
    private static final int PEERS = 1000;

    @Test
    void idlePeersAreSmallAndEchoIsCheap() throws Exception {
        // paranoid leak tracking records a stack trace per buffer and would dominate the CPU figures
        io.netty.util.ResourceLeakDetector.Level leakLevel = io.netty.util.ResourceLeakDetector.getLevel();
        io.netty.util.ResourceLeakDetector.setLevel(io.netty.util.ResourceLeakDetector.Level.DISABLED);
        try {
            measure();
        } finally {
            io.netty.util.ResourceLeakDetector.setLevel(leakLevel);
        }
    }

    private void measure() throws Exception {
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
            for (int i = 0; i < PEERS; i++) {
                futures.add(client.connect(server.localAddress(), 2, i));
                if (i % 100 == 99) {
                    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
                }
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
            long cpuConnects = threads.getThreadCpuTime(serverThread) - cpuBefore;
            Thread.sleep(1500); // let handshake leftovers (acks, bandwidth limits, first pings) settle
            long heapAfter = usedHeapAfterGc();
            // both sides' peers are on this heap
            long bytesPerPeer = (heapAfter - heapBefore) / (2L * PEERS);
            assertThat(server.stats().connectedPeers()).isEqualTo(PEERS);

            List<EnetPeer> peers = new ArrayList<>();
            for (CompletableFuture<EnetPeer> f : futures) {
                peers.add(f.get());
            }
            int messages = 100_000;
            long cpuEchoBefore = threads.getThreadCpuTime(serverThread);
            long wallBefore = System.nanoTime();
            byte[] payload = new byte[100];
            for (int i = 0; i < messages; i++) {
                peers.get(i % PEERS).send(0, Unpooled.wrappedBuffer(payload), DeliveryMode.RELIABLE);
                if (i % PEERS == PEERS - 1) {
                    // at most two messages per peer in flight: a steady load, not a burst into the socket buffer
                    long limit = System.currentTimeMillis() + 10_000;
                    while (echoed.get() < i + 1 - 2 * PEERS && System.currentTimeMillis() < limit) {
                        Thread.sleep(1);
                    }
                }
            }
            long until = System.currentTimeMillis() + 30_000;
            while (echoed.get() < messages && System.currentTimeMillis() < until) {
                Thread.sleep(5);
            }
            long cpuEcho = threads.getThreadCpuTime(serverThread) - cpuEchoBefore;
            if (echoed.get() < messages) {
                client.eventLoop().submit(() -> {
                    int shown = 0;
                    for (EnetPeer p : peers) {
                        String st = p.debugState();
                        if (!st.contains("outgoing=0 sentReliable=0") && shown++ < 5) {
                            System.out.println("client " + st);
                        }
                    }
                }).get();
                server.eventLoop().submit(() -> {
                    int shown = 0;
                    for (EnetPeer p : server.connectedPeers()) {
                        String st = p.debugState();
                        if (!st.contains("outgoing=0 sentReliable=0") && shown++ < 5) {
                            System.out.println("server " + st);
                        }
                    }
                }).get();
                System.out.println("stats server " + server.stats() + " client " + client.stats());
            }
            long wall = System.nanoTime() - wallBefore;
            assertThat(echoed.get()).isEqualTo(messages);
            System.out.printf("footprint: %d B heap per idle peer; server loop CPU %.1f us per connect, "
                    + "%.2f us per echoed 100-byte reliable message (%d msgs in %d ms wall, %s)%n",
                bytesPerPeer, cpuConnects / 1000.0 / PEERS, cpuEcho / 1000.0 / messages, messages,
                wall / 1_000_000, server.isNativeTransport() ? "epoll" : "nio");
            assertThat(bytesPerPeer).as("heap per idle peer").isLessThan(16 * 1024);
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
