package io.gatehouse.fivem.protocol.form;

import io.gatehouse.fivem.protocol.json.FxJson;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The client side: {@code HttpClient::BuildPostString} writes {@code k=url_encode(v)} joined by {@code &}, with keys
 * in {@code std::map} order (sorted) and keys themselves not encoded.
 */
public final class FormEncoder {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private FormEncoder() {
    }

    public static String encode(Map<String, String> fields) {
        TreeMap<String, String> sorted = new TreeMap<>(FxJson.KEY_ORDER);
        sorted.putAll(fields);
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(e.getKey()).append('=').append(urlEncode(e.getValue()));
        }
        return sb.toString();
    }

    /**
     * CitizenFX's {@code url_encode}: {@code [0-9A-Za-z-_.~]} kept, space as {@code +}, every other byte of the UTF-8
     * as {@code %xx} with lower-case hex (iostream {@code std::hex}).
     */
    public static String urlEncode(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length + 8);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                sb.append((char) c);
            } else if (c == ' ') {
                sb.append('+');
            } else {
                sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return sb.toString();
    }
}
