package io.gatehouse.fivem.protocol.net;

import io.gatehouse.fivem.protocol.FivemProtocolException;
import io.gatehouse.fivem.protocol.json.FxJson;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The small part of MessagePack FiveM uses for {@code msgConVars} and {@code msgNetEvent} arguments, encoded the way
 * msgpack-c packs C++ values: the smallest integer form (non-negative values in fixint/uint8/16/32/64, negative in
 * fixint/int8/16/32/64), fixstr/str8/str16/str32, fixarray/array16/array32, fixmap/map16/map32.
 */
public final class MsgPack {

    private MsgPack() {
    }

    /** Packs a value tree: null, Boolean, integral Number, String, byte[], List, Map (string maps sorted like std::map). */
    public static byte[] pack(Object value) {
        Writer w = new Writer();
        w.value(value);
        return w.toByteArray();
    }

    /** An incremental writer for callers that want exact control of the structure. */
    public static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(64);

        public Writer nil() {
            out.write(0xC0);
            return this;
        }

        public Writer bool(boolean b) {
            out.write(b ? 0xC3 : 0xC2);
            return this;
        }

        public Writer integer(long v) {
            if (v >= 0) {
                if (v < 128) {
                    out.write((int) v);
                } else if (v < 256) {
                    out.write(0xCC);
                    out.write((int) v);
                } else if (v < 65536) {
                    out.write(0xCD);
                    be(v, 2);
                } else if (v < 4294967296L) {
                    out.write(0xCE);
                    be(v, 4);
                } else {
                    out.write(0xCF);
                    be(v, 8);
                }
            } else {
                if (v >= -32) {
                    out.write((int) v & 0xFF);
                } else if (v >= -128) {
                    out.write(0xD0);
                    be(v, 1);
                } else if (v >= -32768) {
                    out.write(0xD1);
                    be(v, 2);
                } else if (v >= Integer.MIN_VALUE) {
                    out.write(0xD2);
                    be(v, 4);
                } else {
                    out.write(0xD3);
                    be(v, 8);
                }
            }
            return this;
        }

        /** An unsigned 64-bit value held in a long. */
        public Writer unsigned(long v) {
            if (v >= 0) {
                return integer(v);
            }
            out.write(0xCF);
            be(v, 8);
            return this;
        }

        public Writer string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            int n = b.length;
            if (n < 32) {
                out.write(0xA0 | n);
            } else if (n < 256) {
                out.write(0xD9);
                out.write(n);
            } else if (n < 65536) {
                out.write(0xDA);
                be(n, 2);
            } else {
                out.write(0xDB);
                be(n, 4);
            }
            out.write(b, 0, n);
            return this;
        }

        public Writer binary(byte[] b) {
            int n = b.length;
            if (n < 256) {
                out.write(0xC4);
                out.write(n);
            } else if (n < 65536) {
                out.write(0xC5);
                be(n, 2);
            } else {
                out.write(0xC6);
                be(n, 4);
            }
            out.write(b, 0, n);
            return this;
        }

        public Writer arrayHeader(int n) {
            header(n, 0x90, 0xDC, 0xDD);
            return this;
        }

        public Writer mapHeader(int n) {
            header(n, 0x80, 0xDE, 0xDF);
            return this;
        }

        private void header(int n, int fix, int x16, int x32) {
            if (n < 16) {
                out.write(fix | n);
            } else if (n < 65536) {
                out.write(x16);
                be(n, 2);
            } else {
                out.write(x32);
                be(n, 4);
            }
        }

        public Writer value(Object v) {
            if (v == null) {
                return nil();
            } else if (v instanceof Boolean b) {
                return bool(b);
            } else if (v instanceof Byte || v instanceof Short || v instanceof Integer || v instanceof Long) {
                return integer(((Number) v).longValue());
            } else if (v instanceof String s) {
                return string(s);
            } else if (v instanceof byte[] b) {
                return binary(b);
            } else if (v instanceof List<?> list) {
                arrayHeader(list.size());
                for (Object o : list) {
                    value(o);
                }
                return this;
            } else if (v instanceof Map<?, ?> map) {
                Map<?, ?> ordered = map;
                if (!(map instanceof LinkedHashMap) && !(map instanceof TreeMap)) {
                    TreeMap<String, Object> sorted = new TreeMap<>(FxJson.KEY_ORDER);
                    map.forEach((k, val) -> sorted.put(String.valueOf(k), val));
                    ordered = sorted;
                }
                mapHeader(ordered.size());
                for (Map.Entry<?, ?> e : ordered.entrySet()) {
                    value(e.getKey());
                    value(e.getValue());
                }
                return this;
            }
            throw new IllegalArgumentException("unsupported msgpack value " + v.getClass().getName());
        }

        private void be(long v, int bytes) {
            for (int i = bytes - 1; i >= 0; i--) {
                out.write((int) (v >>> (8 * i)));
            }
        }

        public byte[] toByteArray() {
            return out.toByteArray();
        }
    }

    private static final int MAX_DEPTH = 64;

    /**
     * Decodes one value and requires the input to end there. Integers come back as {@link Long}, strings as
     * {@link String}, bin as byte[], floats as {@link Double}, arrays as {@link List}, maps as insertion-ordered
     * {@link Map}s. Malformed or hostile input raises {@link FivemProtocolException}.
     */
    public static Object unpack(byte[] data) {
        int[] pos = {0};
        Object v = read(data, pos, 0);
        if (pos[0] != data.length) {
            throw bad("trailing bytes after msgpack value");
        }
        return v;
    }

    private static FivemProtocolException bad(String msg) {
        return new FivemProtocolException(FivemProtocolException.Kind.MESSAGE, msg);
    }

    private static long readBe(byte[] d, int[] pos, int n) {
        if (d.length - pos[0] < n) {
            throw bad("msgpack value truncated");
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | (d[pos[0]++] & 0xFF);
        }
        return v;
    }

    private static int length(byte[] d, int[] pos, int n) {
        long len = readBe(d, pos, n);
        if (len > d.length - pos[0]) {
            // every element needs at least one byte, so a count beyond the remaining input is a lie
            throw bad("msgpack length exceeds input");
        }
        return (int) len;
    }

    private static Object read(byte[] d, int[] pos, int depth) {
        if (depth > MAX_DEPTH) {
            throw bad("msgpack nesting too deep");
        }
        int t = (int) readBe(d, pos, 1);
        if (t <= 0x7F) {
            return (long) t;
        } else if (t >= 0xE0) {
            return (long) (byte) t;
        } else if ((t & 0xE0) == 0xA0) {
            return str(d, pos, t & 0x1F);
        } else if ((t & 0xF0) == 0x90) {
            return array(d, pos, t & 0x0F, depth);
        } else if ((t & 0xF0) == 0x80) {
            return map(d, pos, t & 0x0F, depth);
        }
        return switch (t) {
            case 0xC0 -> null;
            case 0xC2 -> Boolean.FALSE;
            case 0xC3 -> Boolean.TRUE;
            case 0xC4 -> bin(d, pos, length(d, pos, 1));
            case 0xC5 -> bin(d, pos, length(d, pos, 2));
            case 0xC6 -> bin(d, pos, length(d, pos, 4));
            case 0xCA -> (double) Float.intBitsToFloat((int) readBe(d, pos, 4));
            case 0xCB -> Double.longBitsToDouble(readBe(d, pos, 8));
            case 0xCC -> readBe(d, pos, 1);
            case 0xCD -> readBe(d, pos, 2);
            case 0xCE -> readBe(d, pos, 4);
            case 0xCF -> readBe(d, pos, 8); // values >= 2^63 come back negative (unsigned in a long)
            case 0xD0 -> (long) (byte) readBe(d, pos, 1);
            case 0xD1 -> (long) (short) readBe(d, pos, 2);
            case 0xD2 -> (long) (int) readBe(d, pos, 4);
            case 0xD3 -> readBe(d, pos, 8);
            case 0xD9 -> str(d, pos, length(d, pos, 1));
            case 0xDA -> str(d, pos, length(d, pos, 2));
            case 0xDB -> str(d, pos, length(d, pos, 4));
            case 0xDC -> array(d, pos, length(d, pos, 2), depth);
            case 0xDD -> array(d, pos, length(d, pos, 4), depth);
            case 0xDE -> map(d, pos, length(d, pos, 2), depth);
            case 0xDF -> map(d, pos, length(d, pos, 4), depth);
            default -> throw bad("unsupported msgpack type byte");
        };
    }

    private static String str(byte[] d, int[] pos, int n) {
        if (d.length - pos[0] < n) {
            throw bad("msgpack string truncated");
        }
        String s = new String(d, pos[0], n, StandardCharsets.UTF_8);
        pos[0] += n;
        return s;
    }

    private static byte[] bin(byte[] d, int[] pos, int n) {
        if (d.length - pos[0] < n) {
            throw bad("msgpack binary truncated");
        }
        byte[] b = java.util.Arrays.copyOfRange(d, pos[0], pos[0] + n);
        pos[0] += n;
        return b;
    }

    private static List<Object> array(byte[] d, int[] pos, int n, int depth) {
        if (n > d.length - pos[0]) {
            throw bad("msgpack length exceeds input");
        }
        List<Object> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(read(d, pos, depth + 1));
        }
        return list;
    }

    private static Map<Object, Object> map(byte[] d, int[] pos, int n, int depth) {
        if (n > d.length - pos[0]) {
            throw bad("msgpack length exceeds input");
        }
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            Object k = read(d, pos, depth + 1);
            Object v = read(d, pos, depth + 1);
            if (k instanceof byte[]) {
                throw bad("msgpack binary map key unsupported");
            }
            map.put(k, v);
        }
        return map;
    }
}
