package io.gatehouse.fivem.protocol.oob;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The {@code infoResponse} OOB reply to getinfo ({@code GetInfoOutOfBand.h}), byte-exact. */
public final class InfoResponse {

    public static final String HEADER = "infoResponse\n";

    private InfoResponse() {
    }

    /** The full datagram: {@code FF FF FF FF infoResponse\n\sv_maxclients\..\clients\..\challenge\..\gamename\CitizenFX\protocol\4\hostname\..\gametype\..\mapname\..\iv\..}. */
    public static byte[] encode(InfoSnapshot s, String challenge) {
        return OutOfBand.frame(text(s, challenge));
    }

    public static String text(InfoSnapshot s, String challenge) {
        return HEADER
                + "\\sv_maxclients\\" + s.maxClients()
                + "\\clients\\" + s.clients()
                + "\\challenge\\" + challenge
                + "\\gamename\\CitizenFX"
                + "\\protocol\\4"
                + "\\hostname\\" + s.hostname()
                + "\\gametype\\" + s.gametype()
                + "\\mapname\\" + s.mapname()
                + "\\iv\\" + s.infoVersion();
    }

    /**
     * Client side: parses an infoResponse datagram into its key/value pairs (Quake {@code Info_ValueForKey} over
     * the text after {@code infoResponse\n}). Empty when the datagram is not an infoResponse.
     */
    public static Optional<Map<String, String>> parse(byte[] datagram) {
        if (!OutOfBand.isOutOfBand(datagram, 0, datagram.length)) {
            return Optional.empty();
        }
        String text = new String(datagram, 4, datagram.length - 4, StandardCharsets.UTF_8);
        if (!text.startsWith(HEADER)) {
            return Optional.empty();
        }
        return Optional.of(parseInfoString(text.substring(HEADER.length())));
    }

    /** Splits a {@code \key\value\key\value} info string; later duplicates win like repeated lookups would not. */
    public static Map<String, String> parseInfoString(String info) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = info.startsWith("\\") ? 1 : 0;
        while (i < info.length()) {
            int k = info.indexOf('\\', i);
            if (k < 0) {
                break;
            }
            String key = info.substring(i, k);
            int v = info.indexOf('\\', k + 1);
            String value = v < 0 ? info.substring(k + 1) : info.substring(k + 1, v);
            out.putIfAbsent(key, value); // Info_ValueForKey returns the first match
            if (v < 0) {
                break;
            }
            i = v + 1;
        }
        return out;
    }
}
