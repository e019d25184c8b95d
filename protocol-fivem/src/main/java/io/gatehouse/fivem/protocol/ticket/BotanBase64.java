package io.gatehouse.fivem.protocol.ticket;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Base64 decoding with Botan 2's {@code base64_decode(input, ignore_ws=true)} rules, which is what FXServer applies
 * to {@code cfxTicket2}: white space (space, tab, CR, LF) and {@code =} are skipped anywhere, missing padding is
 * tolerated, and any other non-alphabet byte throws with Botan's exact message (which FXServer forwards to the client
 * as {@code Parsing error while verifying ticket. <what>}).
 */
public final class BotanBase64 {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static final int[] LOOKUP = new int[256];

    static {
        java.util.Arrays.fill(LOOKUP, -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            LOOKUP[ALPHABET.charAt(i)] = i;
        }
        LOOKUP[' '] = -2;
        LOOKUP['\t'] = -2;
        LOOKUP['\n'] = -2;
        LOOKUP['\r'] = -2;
        LOOKUP['='] = -3;
    }

    /** Botan's {@code Invalid_Argument}; {@link #getMessage()} is the exact {@code what()} text. */
    public static final class InvalidBase64 extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidBase64(String what) {
            super(what, null, false, false);
        }
    }

    private BotanBase64() {
    }

    public static byte[] decode(byte[] input) throws InvalidBase64 {
        ByteArrayOutputStream out = new ByteArrayOutputStream(input.length * 3 / 4 + 3);
        int buf = 0;
        int count = 0;
        for (byte b : input) {
            int v = LOOKUP[b & 0xFF];
            if (v >= 0) {
                buf = (buf << 6) | v;
                if (++count == 4) {
                    out.write(buf >>> 16);
                    out.write(buf >>> 8);
                    out.write(buf);
                    buf = 0;
                    count = 0;
                }
            } else if (v == -1) {
                String bad;
                switch (b) {
                    case '\t' -> bad = "\\t";
                    case '\n' -> bad = "\\n";
                    case '\r' -> bad = "\\r";
                    default -> bad = new String(new byte[] {b}, StandardCharsets.UTF_8);
                }
                throw new InvalidBase64("base64_decode: invalid base64 character '" + bad + "'");
            }
        }
        if (count > 0) {
            // Botan zero-pads the last quantum, decodes it, then drops one output byte per missing input char
            int missing = 4 - count;
            buf <<= 6 * missing;
            byte[] last = {(byte) (buf >>> 16), (byte) (buf >>> 8), (byte) buf};
            out.write(last, 0, Math.max(0, 3 - missing));
        }
        return out.toByteArray();
    }

    public static String encode(byte[] data) {
        return java.util.Base64.getEncoder().encodeToString(data);
    }
}
