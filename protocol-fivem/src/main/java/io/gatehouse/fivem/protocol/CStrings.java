package io.gatehouse.fivem.protocol;

import java.io.ByteArrayOutputStream;

/**
 * The C library and utfcpp conversions FXServer applies to request fields, reproduced so that edge cases
 * ({@code atoi("12abc")}, {@code strtoull(" -1")}, invalid UTF-8 in names) give the same answers.
 */
public final class CStrings {

    private CStrings() {
    }

    private static boolean isCSpace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** {@code atoi}: leading white space, optional sign, decimal digits; clamps instead of C's undefined overflow. */
    public static int atoi(String s) {
        long v = strtol(s);
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
    }

    /** {@code strtol(s, nullptr, 10)} saturating at the long range like glibc. */
    public static long strtol(String s) {
        int i = 0;
        int n = s.length();
        while (i < n && isCSpace(s.charAt(i))) {
            i++;
        }
        boolean neg = false;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            neg = s.charAt(i) == '-';
            i++;
        }
        long v = 0;
        boolean overflow = false;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            int d = s.charAt(i) - '0';
            if (!overflow) {
                if (v > (Long.MAX_VALUE - d) / 10) {
                    overflow = true;
                } else {
                    v = v * 10 + d;
                }
            }
            i++;
        }
        if (overflow) {
            return neg ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return neg ? -v : v;
    }

    /**
     * {@code strtoull(s, nullptr, 10)} as an unsigned 64-bit value held in a long: white space, optional sign
     * (a minus negates modulo 2^64), digits; out of range gives ULLONG_MAX; no digits gives 0.
     */
    public static long strtoull(String s) {
        int i = 0;
        int n = s.length();
        while (i < n && isCSpace(s.charAt(i))) {
            i++;
        }
        boolean neg = false;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            neg = s.charAt(i) == '-';
            i++;
        }
        long v = 0;
        boolean overflow = false;
        boolean any = false;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            any = true;
            int d = s.charAt(i) - '0';
            if (!overflow) {
                // v * 10 + d must stay below 2^64
                if (Long.compareUnsigned(v, Long.divideUnsigned(-1L - d, 10)) > 0) {
                    overflow = true;
                } else {
                    v = v * 10 + d;
                }
            }
            i++;
        }
        if (!any) {
            return 0;
        }
        if (overflow) {
            return -1L; // ULLONG_MAX, and the sign is not applied on overflow
        }
        return neg ? -v : v;
    }

    /**
     * {@code sscanf(s, "%d_%d", &major, &revision)} as used by {@code xbr::ParseGameBuildFromString}, including its
     * guard that only strings of length 1..31 are scanned. Unmatched fields stay 0.
     */
    public static int[] scanGameBuild(String s) {
        int major = 0;
        int revision = 0;
        if (s.length() > 0 && s.length() < 32) {
            int[] pos = {0};
            Integer a = scanInt(s, pos);
            if (a != null) {
                major = a;
                if (pos[0] < s.length() && s.charAt(pos[0]) == '_') {
                    pos[0]++;
                    Integer b = scanInt(s, pos);
                    if (b != null) {
                        revision = b;
                    }
                }
            }
        }
        return new int[] {major, revision};
    }

    // scanf %d: skips white space, optional sign, at least one digit
    private static Integer scanInt(String s, int[] pos) {
        int i = pos[0];
        int n = s.length();
        while (i < n && isCSpace(s.charAt(i))) {
            i++;
        }
        int start = i;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digitsStart = i;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        if (i == digitsStart) {
            return null;
        }
        pos[0] = i;
        long v = strtol(s.substring(start, i));
        return (int) v; // glibc stores the long truncated to int
    }

    /**
     * utfcpp's {@code utf8::replace_invalid} with U+FFFD: one replacement per invalid lead byte, one per
     * incomplete/overlong/invalid sequence (skipping its trail bytes). A sequence cut off at the end of input is
     * replaced too (utfcpp 3.x); with {@code throwOnTruncatedTail} it raises instead, as utfcpp 2.x did, which
     * FXServer reports as {@code Parsing name failed.}
     *
     * @return the sanitised bytes, or {@code null} when {@code throwOnTruncatedTail} and the input ends mid-sequence
     */
    public static byte[] replaceInvalidUtf8(byte[] in, boolean throwOnTruncatedTail) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + 8);
        int i = 0;
        while (i < in.length) {
            int lead = in[i] & 0xFF;
            int len = sequenceLength(lead);
            if (len == 0) {
                writeReplacement(out);
                i++;
                continue;
            }
            // NOT_ENOUGH_ROOM: input ends before the sequence is complete, with only trail bytes so far
            int cp = len == 1 ? lead : lead & (0xFF >> (len + 1));
            boolean incomplete = false;
            boolean notEnoughRoom = false;
            int j = 1;
            for (; j < len; j++) {
                if (i + j >= in.length) {
                    notEnoughRoom = true;
                    break;
                }
                int t = in[i + j] & 0xFF;
                if ((t & 0xC0) != 0x80) {
                    incomplete = true;
                    break;
                }
                cp = (cp << 6) | (t & 0x3F);
            }
            if (notEnoughRoom) {
                if (throwOnTruncatedTail) {
                    return null;
                }
                writeReplacement(out);
                i = in.length;
                continue;
            }
            boolean valid = !incomplete && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF) && !isOverlong(cp, len);
            if (valid) {
                out.write(in, i, len);
                i += len;
            } else {
                writeReplacement(out);
                i++;
                while (i < in.length && (in[i] & 0xC0) == 0x80) {
                    i++;
                }
            }
        }
        return out.toByteArray();
    }

    private static int sequenceLength(int lead) {
        if (lead < 0x80) {
            return 1;
        } else if ((lead >> 5) == 0x6) {
            return 2;
        } else if ((lead >> 4) == 0xE) {
            return 3;
        } else if ((lead >> 3) == 0x1E) {
            return 4;
        }
        return 0;
    }

    private static boolean isOverlong(int cp, int len) {
        if (cp < 0x80) {
            return len != 1;
        } else if (cp < 0x800) {
            return len != 2;
        } else if (cp < 0x10000) {
            return len != 3;
        }
        return false;
    }

    private static void writeReplacement(ByteArrayOutputStream out) {
        out.write(0xEF);
        out.write(0xBF);
        out.write(0xBD);
    }
}
