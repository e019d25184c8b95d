package io.gatehouse.world.io;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * A small pool of equally sized direct buffers for file reads.
 *
 * <p>Reading a large part through a heap buffer makes the JDK allocate (and cache per thread) a temporary direct
 * buffer as big as the request; reading through a pooled 64 KiB direct buffer keeps native memory bounded by
 * {@code capacity * bufferSize} however large the assets are.
 */
public final class ReadBufferPool {

    public static final int DEFAULT_BUFFER_SIZE = 64 * 1024;

    private final int bufferSize;
    private final ArrayBlockingQueue<ByteBuffer> free;

    public ReadBufferPool(int bufferSize, int capacity) {
        if (bufferSize <= 0 || capacity <= 0) {
            throw new IllegalArgumentException("bufferSize and capacity must be positive");
        }
        this.bufferSize = bufferSize;
        this.free = new ArrayBlockingQueue<>(capacity);
    }

    public static ReadBufferPool defaultPool() {
        return new ReadBufferPool(DEFAULT_BUFFER_SIZE, 32);
    }

    public int bufferSize() {
        return bufferSize;
    }

    /** A cleared buffer; allocates when the pool is empty (the pool bounds what is kept, not what is lent). */
    public ByteBuffer acquire() {
        ByteBuffer buffer = free.poll();
        return buffer != null ? buffer.clear() : ByteBuffer.allocateDirect(bufferSize);
    }

    /** Give a buffer back; dropped when the pool is full. */
    public void release(ByteBuffer buffer) {
        if (buffer != null && buffer.isDirect() && buffer.capacity() == bufferSize) {
            free.offer(buffer.clear());
        }
    }

    /** Buffers currently idle in the pool (for tests and metrics). */
    public int idle() {
        return free.size();
    }
}
