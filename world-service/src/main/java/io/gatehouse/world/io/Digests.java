package io.gatehouse.world.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Streaming file digests: a file is hashed through one pooled buffer, never loaded whole. */
public final class Digests {

    public static final String SHA_256 = "SHA-256";
    public static final String SHA_1 = "SHA-1";

    private static final HexFormat HEX = HexFormat.of();

    private Digests() {}

    public static MessageDigest newDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK lacks " + algorithm, e);
        }
    }

    /** Lower-case hex digest of the file's bytes, read sequentially through a pooled buffer. */
    public static String hashFile(Path file, String algorithm, ReadBufferPool pool) throws IOException {
        MessageDigest digest = newDigest(algorithm);
        ByteBuffer buffer = pool.acquire();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (channel.read(buffer.clear()) >= 0) {
                digest.update(buffer.flip());
            }
        } finally {
            pool.release(buffer);
        }
        return hex(digest.digest());
    }

    public static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }
}
