package io.gatehouse.enet;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Capacity, not speed: an idle connected peer costs at most 16 KiB of heap. CPU per connect and per message
 * are measured by the benchmarks module ({@code io.gatehouse.benchmarks.enet}), not here.
 */
class FootprintTest {
    private static final int PEERS = 1000;
    private static final long LIMIT_BYTES_PER_PEER = 16 * 1024;

    @Test
    void idlePeersAreSmall() throws Exception {
        try (EnetHost server = EnetHost.builder().bind(new InetSocketAddress("127.0.0.1", 0)).channelLimit(2).build();
             EnetHost client = EnetHost.builder().bind(new InetSocketAddress("127.0.0.1", 0)).build()) {
            // warm-up: pools, arenas and classes that the first connections create once
            client.connect(server.localAddress(), 2, 0).get(10, TimeUnit.SECONDS);
            long heapBefore = usedHeapAfterGc();
            List<CompletableFuture<EnetPeer>> futures = new ArrayList<>();
            for (int i = 0; i < PEERS; i++) {
                futures.add(client.connect(server.localAddress(), 2, i));
                if (i % 100 == 99) {
                    // batches of 100: this measures idle peers, not how a burst of CONNECTs is absorbed
                    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
                }
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            long heapAfter = usedHeapAfterGc();
            assertThat(server.stats().connectedPeers()).isEqualTo(PEERS + 1);
            // both sides' peers are on this heap; the futures and this list are a few dozen bytes per peer
            long bytesPerPeer = (heapAfter - heapBefore) / (2L * PEERS);
            assertThat(bytesPerPeer).as("heap per idle peer").isLessThan(LIMIT_BYTES_PER_PEER);
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
