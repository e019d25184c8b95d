package io.gatehouse.world.resources;

/**
 * The few JSON rules FXServer's rapidjson {@code Writer} follows: compact, keys in insertion order, strings with
 * only {@code "}, {@code \} and control characters escaped ({@code \b \f \n \r \t}, else a six-character u00XX escape in upper
 * case), non-ASCII written as raw UTF-8, {@code /} left alone.
 */
final class FxJson {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private FxJson() {}

    static void string(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
