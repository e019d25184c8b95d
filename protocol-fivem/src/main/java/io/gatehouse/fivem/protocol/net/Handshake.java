package io.gatehouse.fivem.protocol.net;

import io.gatehouse.fivem.protocol.FivemProtocolException;
import io.gatehouse.fivem.protocol.form.FormData;
import java.util.Optional;

/**
 * The client's first reliable channel-0 packet after ENet CONNECT: {@code u32le 1} followed by
 * {@code token=<uuid>&guid=<decimal u64>} (built with {@code fmt::sprintf("token=%s&guid=%llu")}, not URL-encoded,
 * no NUL). The server decodes the tail with {@code DecodeFormData}; either field may be missing, in which case
 * FXServer silently ignores the packet.
 */
public record Handshake(Optional<String> token, Optional<String> guid) implements ClientMessages.ClientMessage {

    public static byte[] encode(String token, long guidUnsigned) {
        return encode(token, Long.toUnsignedString(guidUnsigned));
    }

    public static byte[] encode(String token, String guid) {
        return new LeWriter(64).u32(MessageType.CONNECT_TYPE).ascii("token=" + token + "&guid=" + guid).toByteArray();
    }

    /** True when the packet's type field is the handshake/connectOK type {@code 1}. */
    public static boolean isConnectType(byte[] packet) {
        return packet.length >= 4 && new LeReader(packet, 0, 4).u32() == MessageType.CONNECT_TYPE;
    }

    public static Handshake decode(byte[] packet) {
        LeReader r = new LeReader(packet);
        if (r.remaining() < 4) {
            throw new FivemProtocolException(FivemProtocolException.Kind.MESSAGE, "handshake too short");
        }
        if (r.u32() != MessageType.CONNECT_TYPE) {
            throw new FivemProtocolException(FivemProtocolException.Kind.MESSAGE, "not a handshake packet");
        }
        FormData form = FormData.decode(packet, 4, packet.length - 4);
        return new Handshake(form.get("token"), form.get("guid"));
    }

    @Override
    public String toString() {
        return "Handshake[token=" + (token.isPresent() ? "<redacted>" : "<missing>") + ", guid=" + guid.orElse("<missing>") + "]";
    }
}
