package io.gatehouse.enet;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;

/** Proves the leak assertions used elsewhere can fail: a dropped buffer must be reported. */
class LeakWatcherSanityTest {
    @Test
    void reportsADeliberateLeak() throws Exception {
        LeakWatcher watcher = LeakWatcher.install();
        try {
            leak();
            assertThat(watcher.leaksAfterGc()).isNotEmpty();
        } finally {
            watcher.uninstall();
        }
    }

    private static void leak() {
        PooledByteBufAllocator.DEFAULT.directBuffer(128).writeInt(1);
    }
}
