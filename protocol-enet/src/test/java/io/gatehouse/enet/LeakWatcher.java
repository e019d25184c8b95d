package io.gatehouse.enet;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/** Collects Netty's "LEAK:" reports (tests run with -Dio.netty.leakDetection.level=paranoid). */
final class LeakWatcher extends AppenderBase<ILoggingEvent> {
    private final List<String> leaks = new CopyOnWriteArrayList<>();

    static LeakWatcher install() {
        LeakWatcher watcher = new LeakWatcher();
        watcher.start();
        ((Logger) LoggerFactory.getLogger("io.netty.util.ResourceLeakDetector")).addAppender(watcher);
        return watcher;
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (event.getFormattedMessage().contains("LEAK")) {
            leaks.add(event.getFormattedMessage());
        }
    }

    /** Makes the detector look at collected buffers, then returns what it reported. */
    List<String> leaksAfterGc() throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(50);
            // leak reports are emitted when new buffers are tracked
            for (int j = 0; j < 100; j++) {
                ByteBuf b = PooledByteBufAllocator.DEFAULT.directBuffer(64);
                b.release();
            }
        }
        return leaks;
    }

    void uninstall() {
        ((Logger) LoggerFactory.getLogger("io.netty.util.ResourceLeakDetector")).detachAppender(this);
        stop();
    }
}
