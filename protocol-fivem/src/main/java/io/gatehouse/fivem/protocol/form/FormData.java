package io.gatehouse.fivem.protocol.form;

import io.gatehouse.fivem.protocol.json.FxJson;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A decoded {@code application/x-www-form-urlencoded} body with FXServer's semantics
 * ({@code net::DecodeFormData}, {@code code/components/net-base/src/FormData.cpp}).
 *
 * <p>Values are kept as the raw decoded bytes (C++ {@code std::string}s carry arbitrary bytes); {@link #get}
 * views them as UTF-8 with invalid sequences replaced. Keys are byte strings too; a later duplicate key
 * overwrites an earlier one, as {@code postMap[key] = value} does.
 */
public final class FormData {

    /** {@code sv_maxClientEndpointRequestSize} default: bodies larger than this get {@code POST data too big}. */
    public static final int MAX_CLIENT_ENDPOINT_REQUEST_SIZE = 102400;

    private static final FormData EMPTY = new FormData(new TreeMap<>(FxJson.KEY_ORDER));

    private final Map<String, byte[]> values;

    private FormData(Map<String, byte[]> values) {
        this.values = values;
    }

    public static FormData empty() {
        return EMPTY;
    }

    /** Decodes a body. Never throws: like FXServer, malformed input ends decoding and keeps what was parsed. */
    public static FormData decode(String body) {
        return decode(body.getBytes(StandardCharsets.UTF_8));
    }

    public static FormData decode(byte[] data) {
        return decode(data, 0, data.length);
    }

    /**
     * The loop of {@code DecodeFormData}: for each {@code key=value} pair separated by {@code &}; stops (keeping
     * earlier pairs) at a pair with no {@code =} or an empty key, at an empty value ({@code k=} at the end or
     * {@code k=&}). A pair whose key or value contains a bad percent escape is still stored, decoded up to the
     * bad escape, because FXServer ignores {@code UrlDecode}'s return value.
     */
    public static FormData decode(byte[] data, int offset, int length) {
        TreeMap<String, byte[]> map = new TreeMap<>(FxJson.KEY_ORDER);
        int end = offset + length;
        int i = offset;
        while (i < end) {
            int eq = indexOf(data, i, end, (byte) '=');
            if (eq < 0 || eq == i) {
                break;
            }
            int keyStart = i;
            int keyEnd = eq;
            i = eq + 1;
            if (i >= end) {
                break;
            }
            int amp = indexOf(data, i, end, (byte) '&');
            if (amp == i) {
                break;
            }
            int valueEnd = amp < 0 ? end : amp;
            byte[] key = urlDecode(data, keyStart, keyEnd, true).bytes();
            byte[] value = urlDecode(data, i, valueEnd, true).bytes();
            map.put(new String(key, StandardCharsets.UTF_8), value);
            // the C++ loop's i++ then skips the '&'
            i = valueEnd + 1;
        }
        return new FormData(map);
    }

    private static int indexOf(byte[] data, int from, int end, byte b) {
        for (int i = from; i < end; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** Result of {@link #urlDecode}: the bytes produced and whether the whole input was well-formed. */
    public record Decoded(byte[] bytes, boolean complete) {
    }

    /**
     * {@code net::UrlDecode}: {@code %XX} needs two more characters (else stops, returning false); the two are
     * parsed like {@code std::stoi(.., 16)}, so {@code %2} followed by a non-hex char still decodes the leading hex
     * digit and a leading sign or space is accepted; no hex digit at all stops decoding. {@code +} becomes a space
     * when {@code replacePlus}.
     */
    public static Decoded urlDecode(byte[] in, int from, int to, boolean replacePlus) {
        byte[] out = new byte[to - from];
        int o = 0;
        for (int i = from; i < to; i++) {
            byte c = in[i];
            if (c == '%') {
                if (i + 3 <= to) {
                    int v = stoiHex(in[i + 1], in[i + 2]);
                    if (v < 0) {
                        return new Decoded(java.util.Arrays.copyOf(out, o), false);
                    }
                    out[o++] = (byte) v;
                    i += 2;
                } else {
                    return new Decoded(java.util.Arrays.copyOf(out, o), false);
                }
            } else if (c == '+' && replacePlus) {
                out[o++] = ' ';
            } else {
                out[o++] = c;
            }
        }
        return new Decoded(java.util.Arrays.copyOf(out, o), true);
    }

    // std::stoi(two chars, nullptr, 16): optional leading white space and sign, then hex digits (0x prefix needs 3+
    // chars, impossible here). Returns -1 when no conversion is possible. The value is truncated to a char by the
    // caller, so "-1" becomes 0xFF.
    private static int stoiHex(byte a, byte b) {
        int i = 0;
        byte[] s = {a, b};
        while (i < 2 && (s[i] == ' ' || (s[i] >= 9 && s[i] <= 13))) {
            i++;
        }
        boolean neg = false;
        if (i < 2 && (s[i] == '+' || s[i] == '-')) {
            neg = s[i] == '-';
            i++;
        }
        int v = 0;
        int digits = 0;
        while (i < 2) {
            int d = Character.digit(s[i], 16);
            if (d < 0 || s[i] < 0) {
                break;
            }
            v = v * 16 + d;
            digits++;
            i++;
        }
        if (digits == 0) {
            return -1;
        }
        return (neg ? -v : v) & 0xFF;
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** The value decoded as UTF-8 (invalid sequences become U+FFFD), or empty when the key is absent. */
    public Optional<String> get(String key) {
        byte[] v = values.get(key);
        return v == null ? Optional.empty() : Optional.of(new String(v, StandardCharsets.UTF_8));
    }

    /** The raw decoded bytes of a value, or {@code null}. The returned array is a copy. */
    public byte[] raw(String key) {
        byte[] v = values.get(key);
        return v == null ? null : v.clone();
    }

    public Set<String> keys() {
        return Collections.unmodifiableSet(values.keySet());
    }

    public int size() {
        return values.size();
    }

    @Override
    public String toString() {
        // keys only: values may be tokens or tickets
        return "FormData" + values.keySet();
    }
}
