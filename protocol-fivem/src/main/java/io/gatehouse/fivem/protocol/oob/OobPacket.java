package io.gatehouse.fivem.protocol.oob;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A classified UDP datagram. {@code key} and {@code data} are only meaningful for keyed kinds; {@code data} is the
 * text after the key separator (possibly empty), as raw bytes.
 */
public record OobPacket(OobKind kind, String key, int keyHash, byte[] data) {

    public OobPacket {
        Objects.requireNonNull(kind, "kind");
        data = data == null ? new byte[0] : data;
    }

    public String dataAsString() {
        return new String(data, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        // data may carry an rcon password: never print it
        return "OobPacket[" + kind + ", key=" + key + ", dataLength=" + data.length + "]";
    }
}
