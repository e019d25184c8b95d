package io.gatehouse.registry.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Connection tokens: generation, the digest the stores keep instead of the token, and FiveM's
 * {@code HashString}.
 */
public final class ConnectionTokens {

    private static final HexFormat HEX = HexFormat.of();

    private final SecureRandom random;

    public ConnectionTokens(SecureRandom random) {
        this.random = random;
    }

    public ConnectionTokens() {
        this(new SecureRandom());
    }

    /**
     * A random (version 4) UUID in lowercase text, like FXServer's boost {@code random_generator}: 128 random
     * bits from SecureRandom with the version and variant bits set so clients parse it as a UUID.
     */
    public String newToken() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        bytes[6] = (byte) ((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte) ((bytes[8] & 0x3F) | 0x80);
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (bytes[i] & 0xFF);
            lsb = (lsb << 8) | (bytes[8 + i] & 0xFF);
        }
        return new UUID(msb, lsb).toString();
    }

    /**
     * SHA-256 of the token, hex. Stores index and compare this, never the token: a dump of the store or its
     * key names does not reveal live tokens, and comparing digests leaks nothing useful about the token.
     */
    public static String digest(String token) {
        return HEX.formatHex(digestBytes(token));
    }

    public static byte[] digestBytes(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JRE", e);
        }
    }

    /** Constant-time comparison of a presented token against a stored digest. */
    public static boolean matches(String presentedToken, byte[] storedDigest) {
        return MessageDigest.isEqual(digestBytes(presentedToken), storedDigest);
    }

    /**
     * FiveM's {@code HashString}: one-at-a-time Jenkins over the lower-cased bytes, as an unsigned 32-bit value
     * carried in an int. The client puts this in the ENet CONNECT {@code data} field.
     */
    public static int hashString(String text) {
        int hash = 0;
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            hash += c;
            hash += hash << 10;
            hash ^= hash >>> 6;
        }
        hash += hash << 3;
        hash ^= hash >>> 11;
        hash += hash << 15;
        return hash;
    }

    /** Fixed-width lowercase hex of a token hash, the form used in storage keys. */
    public static String hashKey(int tokenHash) {
        return String.format("%08x", tokenHash);
    }
}
