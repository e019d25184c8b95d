package io.gatehouse.fivem.protocol;

import java.util.HexFormat;

public final class Hex {
    private Hex() {
    }

    /** Hex with optional spaces, e.g. "8195e348 0200". */
    public static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    public static String of(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
