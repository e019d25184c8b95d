package io.gatehouse.fivem.protocol.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.fivem.protocol.FivemProtocolException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Serialises values exactly as nlohmann::json's compact {@code dump()} does, which is what FXServer sends:
 * objects are {@code std::map}s so keys come out sorted (by unsigned byte order of their UTF-8), no whitespace,
 * non-ASCII written raw, control characters as <code>\\u00xx</code> (lower-case hex) except {@code \b \f \n \r \t}.
 *
 * <p>Supported values: {@code null}, {@link Boolean}, integral {@link Number}s, {@link BigInteger},
 * {@link Double}/{@link Float}, {@link CharSequence}, {@link Map} (sorted unless it is an
 * {@link OrderedJsonObject}), {@link Iterable}/arrays, Jackson {@link JsonNode}, and {@link RawJson}.
 */
public final class FxJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    /** nlohmann's std::map order: std::string compares bytes as unsigned char. */
    public static final Comparator<String> KEY_ORDER = (a, b) -> Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private FxJson() {
    }

    /** A new empty object that will serialise with nlohmann's sorted key order. */
    public static Map<String, Object> object() {
        return new TreeMap<>(KEY_ORDER);
    }

    public static String dump(Object value) {
        StringBuilder sb = new StringBuilder(64);
        write(sb, value);
        return sb.toString();
    }

    /**
     * Parses JSON text with nlohmann's strictness (no trailing content). Throws {@link FivemProtocolException}
     * of kind JSON on bad input; the message never echoes the input.
     */
    public static JsonNode parse(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new FivemProtocolException(FivemProtocolException.Kind.JSON, "empty JSON input");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new FivemProtocolException(FivemProtocolException.Kind.JSON, "malformed JSON");
        } catch (RuntimeException e) {
            if (e instanceof FivemProtocolException) {
                throw e;
            }
            throw new FivemProtocolException(FivemProtocolException.Kind.JSON, "malformed JSON");
        }
    }

    @SuppressWarnings("unchecked")
    private static void write(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof RawJson raw) {
            sb.append(raw.json());
        } else if (v instanceof Boolean b) {
            sb.append(b ? "true" : "false");
        } else if (v instanceof CharSequence s) {
            writeString(sb, s);
        } else if (v instanceof Double || v instanceof Float) {
            writeDouble(sb, ((Number) v).doubleValue());
        } else if (v instanceof BigDecimal bd) {
            writeDouble(sb, bd.doubleValue());
        } else if (v instanceof Number n) {
            sb.append(n instanceof BigInteger bi ? bi.toString() : Long.toString(n.longValue()));
        } else if (v instanceof JsonNode node) {
            writeNode(sb, node);
        } else if (v instanceof OrderedJsonObject ordered) {
            writeEntries(sb, ordered.entrySet().iterator());
        } else if (v instanceof Map<?, ?> map) {
            TreeMap<String, Object> sorted = new TreeMap<>(KEY_ORDER);
            for (Map.Entry<?, ?> e : map.entrySet()) {
                sorted.put(String.valueOf(e.getKey()), e.getValue());
            }
            writeEntries(sb, sorted.entrySet().iterator());
        } else if (v instanceof Iterable<?> it) {
            sb.append('[');
            boolean first = true;
            for (Object o : it) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                write(sb, o);
            }
            sb.append(']');
        } else if (v instanceof Object[] arr) {
            write(sb, List.of(arr));
        } else {
            throw new IllegalArgumentException("unsupported JSON value type " + v.getClass().getName());
        }
    }

    private static void writeEntries(StringBuilder sb, Iterator<? extends Map.Entry<String, Object>> it) {
        sb.append('{');
        boolean first = true;
        while (it.hasNext()) {
            Map.Entry<String, Object> e = it.next();
            if (!first) {
                sb.append(',');
            }
            first = false;
            writeString(sb, e.getKey());
            sb.append(':');
            write(sb, e.getValue());
        }
        sb.append('}');
    }

    private static void writeNode(StringBuilder sb, JsonNode node) {
        switch (node.getNodeType()) {
            case NULL, MISSING -> sb.append("null");
            case BOOLEAN -> sb.append(node.booleanValue() ? "true" : "false");
            case STRING -> writeString(sb, node.textValue());
            case NUMBER -> {
                if (node.isIntegralNumber()) {
                    sb.append(node.bigIntegerValue().toString());
                } else {
                    writeDouble(sb, node.doubleValue());
                }
            }
            case ARRAY -> {
                sb.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    writeNode(sb, node.get(i));
                }
                sb.append(']');
            }
            case OBJECT -> {
                TreeMap<String, Object> sorted = new TreeMap<>(KEY_ORDER);
                node.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue()));
                writeEntries(sb, sorted.entrySet().iterator());
            }
            default -> sb.append("null"); // POJO/BINARY never come out of readTree
        }
    }

    /** nlohmann's dump_escaped with ensure_ascii=false and error_handler replace (lone surrogates become U+FFFD). */
    public static void writeString(StringBuilder sb, CharSequence s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        sb.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        sb.append('\uFFFD');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /**
     * nlohmann's float output: shortest round-trip digits, formatted like {@code format_buffer} with
     * min_exp -4 and max_exp 15 ({@code 100.0}, {@code 0.001}, {@code 1e+100}, {@code 1e-05}). Non-finite is null.
     * Digit generation uses Java's shortest representation, which matches Grisu2 for ordinary values.
     */
    static void writeDouble(StringBuilder sb, double d) {
        if (!Double.isFinite(d)) {
            sb.append("null");
            return;
        }
        if (d == 0) {
            sb.append((Double.doubleToRawLongBits(d) < 0) ? "-0.0" : "0.0");
            return;
        }
        if (d < 0) {
            sb.append('-');
            d = -d;
        }
        BigDecimal bd = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        String digits = bd.unscaledValue().toString();
        int k = digits.length();
        int n = k - bd.scale();
        if (k <= n && n <= 15) {
            sb.append(digits).append("0".repeat(n - k)).append(".0");
        } else if (0 < n && n <= 15) {
            sb.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-4 < n && n <= 0) {
            sb.append("0.").append("0".repeat(-n)).append(digits);
        } else {
            sb.append(digits.charAt(0));
            if (k > 1) {
                sb.append('.').append(digits, 1, k);
            }
            int e = n - 1;
            sb.append('e').append(e < 0 ? '-' : '+');
            int abs = Math.abs(e);
            if (abs < 10) {
                sb.append('0');
            }
            sb.append(abs);
        }
    }

    /** The standard "json + \r\n" framing FXServer's /client handler uses for every streamed document. */
    public static String chunk(Object value) {
        return dump(value) + "\r\n";
    }
}
