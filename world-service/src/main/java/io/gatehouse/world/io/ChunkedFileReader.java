package io.gatehouse.world.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.NoSuchElementException;

/**
 * Pull-based reader of one file in fixed-size chunks: {@link #next()} reads exactly the next chunk and nothing
 * ahead of it, so the caller's pace (a flow-controlled gRPC call) bounds what is read and held.
 *
 * <p>The file must still have the size the catalogue recorded; the bytes are digested while read and checked
 * against the catalogue's hash at the end, so a file changed on disk after the scan fails loudly instead of
 * handing a client bytes whose hash it was never told.
 */
public final class ChunkedFileReader implements AutoCloseable {

    private final FileChannel channel;
    private final long size;
    private final int chunkSize;
    private final int chunkCount;
    private final ReadBufferPool pool;
    private final MessageDigest digest;
    private final String expectedHex;
    private ByteBuffer buffer;
    private long position;
    private int nextIndex;
    private boolean closed;

    /**
     * @param algorithm   digest to verify against {@code expectedHex}; null skips verification
     */
    public static ChunkedFileReader open(Path file, long expectedSize, int chunkSize, ReadBufferPool pool,
                                         String algorithm, String expectedHex) throws IOException {
        if (chunkSize <= 0) {
            throw new IllegalArgumentException("chunkSize must be positive");
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            long actual = channel.size();
            if (actual != expectedSize) {
                throw new ContentChangedException(file + " changed on disk since the scan (size " + actual
                        + ", catalogued " + expectedSize + ")");
            }
            return new ChunkedFileReader(channel, expectedSize, chunkSize, pool,
                    algorithm == null ? null : Digests.newDigest(algorithm), expectedHex);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private ChunkedFileReader(FileChannel channel, long size, int chunkSize, ReadBufferPool pool,
                              MessageDigest digest, String expectedHex) {
        this.channel = channel;
        this.size = size;
        this.chunkSize = chunkSize;
        long count = (size + chunkSize - 1) / chunkSize;
        if (count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many chunks: " + count);
        }
        this.chunkCount = (int) count;
        this.pool = pool;
        this.digest = digest;
        this.expectedHex = expectedHex;
        this.buffer = pool.acquire();
    }

    public long size() {
        return size;
    }

    public int chunkCount() {
        return chunkCount;
    }

    /** Index the next {@link #next()} returns. */
    public int nextIndex() {
        return nextIndex;
    }

    public boolean hasNext() {
        return !closed && nextIndex < chunkCount;
    }

    /**
     * The next chunk as a fresh array the caller owns (it may be handed to a transport without copying).
     * After the last chunk the digest is verified.
     */
    public byte[] next() throws IOException {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        int length = (int) Math.min(chunkSize, size - position);
        byte[] chunk = new byte[length];
        int filled = 0;
        while (filled < length) {
            ByteBuffer slice = buffer.clear().limit(Math.min(buffer.capacity(), length - filled));
            int read = channel.read(slice, position + filled);
            if (read < 0) {
                throw new ContentChangedException("file shrank while streaming at offset " + (position + filled));
            }
            slice.flip().get(chunk, filled, read);
            filled += read;
        }
        if (digest != null) {
            digest.update(chunk);
        }
        position += length;
        nextIndex++;
        if (nextIndex == chunkCount) {
            verify();
        }
        return chunk;
    }

    private void verify() throws IOException {
        if (digest == null || expectedHex == null) {
            return;
        }
        String actual = Digests.hex(digest.digest());
        if (!actual.equalsIgnoreCase(expectedHex)) {
            throw new ContentChangedException("content changed on disk since the scan (hash " + actual
                    + ", catalogued " + expectedHex + ")");
        }
    }

    /** For an empty file there is no chunk to trigger the check; callers verify explicitly. */
    public void verifyIfEmpty() throws IOException {
        if (chunkCount == 0 && digest != null) {
            verify();
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        pool.release(buffer);
        buffer = null;
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing useful to do: the channel was read-only
        }
    }

    /** The file on disk no longer matches what the catalogue advertised. */
    public static final class ContentChangedException extends IOException {
        public ContentChangedException(String message) {
            super(message);
        }
    }
}
