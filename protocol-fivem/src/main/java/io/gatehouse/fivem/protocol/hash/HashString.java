package io.gatehouse.fivem.protocol.hash;

import java.nio.charset.StandardCharsets;

/**
 * FiveM's {@code HashString}: one-at-a-time Jenkins over the ASCII-lower-cased input ({@code ToLower} only maps
 * {@code A-Z}). FXServer gates ENet CONNECT on {@code ntohl(connect.data) == HashString(token)}.
 */
public final class HashString {

    private HashString() {
    }

    public static int of(String s) {
        return of(s.getBytes(StandardCharsets.UTF_8));
    }

    public static int of(byte[] bytes) {
        int hash = 0;
        for (byte b : bytes) {
            int c = (b >= 'A' && b <= 'Z') ? b - 'A' + 'a' : b; // signed char, like the C++
            hash += c;
            hash += hash << 10;
            hash ^= hash >>> 6;
        }
        return HashRageString.finish(hash);
    }

    /**
     * The four bytes of the ENet CONNECT {@code data} field for a connection token, in wire (big-endian) order:
     * the client writes {@code htonl(HashString(token))}.
     */
    public static byte[] enetConnectData(String token) {
        int h = of(token);
        return new byte[] {(byte) (h >>> 24), (byte) (h >>> 16), (byte) (h >>> 8), (byte) h};
    }
}
