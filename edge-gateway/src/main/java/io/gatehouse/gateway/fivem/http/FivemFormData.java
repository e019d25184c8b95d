package io.gatehouse.gateway.fivem.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code application/x-www-form-urlencoded} decoding as FXServer's {@code net::DecodeFormData}: {@code &}-separated
 * {@code key=value} pairs, {@code +} is a space, {@code %XX} is a byte; malformed escapes are kept literally rather
 * than rejected, and the bytes are read as UTF-8.
 */
final class FivemFormData {

    private FivemFormData() {
    }

    static Map<String, String> decode(byte[] body) {
        Map<String, String> form = new LinkedHashMap<>();
        int start = 0;
        while (start <= body.length) {
            int end = indexOf(body, (byte) '&', start);
            if (end > start) {
                int eq = indexOf(body, (byte) '=', start);
                String key;
                String value;
                if (eq < end) {
                    key = unescape(body, start, eq);
                    value = unescape(body, eq + 1, end);
                } else {
                    key = unescape(body, start, end);
                    value = "";
                }
                form.putIfAbsent(key, value);
            }
            start = end + 1;
        }
        return form;
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return bytes.length;
    }

    private static String unescape(byte[] bytes, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            int escaped = b == '%' ? hex(bytes, i + 1, to) : -1;
            if (b == '+') {
                out.write(' ');
            } else if (escaped >= 0) {
                out.write(escaped);
                i += 2;
            } else {
                out.write(b);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The byte encoded by the two hex digits at {@code at} (both before {@code to}), or -1. */
    private static int hex(byte[] bytes, int at, int to) {
        if (at + 1 >= to) {
            return -1;
        }
        int hi = Character.digit(bytes[at], 16);
        int lo = Character.digit(bytes[at + 1], 16);
        return hi < 0 || lo < 0 ? -1 : (hi << 4) | lo;
    }
}
