package io.gatehouse.fivem.protocol.hash;

import java.nio.charset.StandardCharsets;

/**
 * FiveM's {@code HashRageString}: case-sensitive one-at-a-time Jenkins hash ({@code code/client/shared/Utils.h}).
 * Used for message type hashes, OOB keys and the info.json {@code version}.
 *
 * <p>The C++ adds each {@code char}, which is signed on FXServer's x86-64 targets, so bytes >= 0x80 are
 * sign-extended before the addition. We replicate that so UTF-8 input hashes byte-exactly.
 */
public final class HashRageString {

    private HashRageString() {
    }

    public static int of(String s) {
        return of(s.getBytes(StandardCharsets.UTF_8));
    }

    public static int of(byte[] bytes) {
        return of(bytes, 0, bytes.length);
    }

    public static int of(byte[] bytes, int offset, int length) {
        int hash = 0;
        for (int i = offset; i < offset + length; i++) {
            hash += bytes[i]; // signed char semantics
            hash += hash << 10;
            hash ^= hash >>> 6;
        }
        return finish(hash);
    }

    static int finish(int hash) {
        hash += hash << 3;
        hash ^= hash >>> 11;
        hash += hash << 15;
        return hash;
    }

    /** The hash as an unsigned value, for display and comparisons with documentation. */
    public static long unsigned(int hash) {
        return Integer.toUnsignedLong(hash);
    }
}
