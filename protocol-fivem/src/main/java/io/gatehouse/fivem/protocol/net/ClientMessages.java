package io.gatehouse.fivem.protocol.net;

import io.gatehouse.fivem.protocol.FivemProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Client-to-server packets: encoders (for the bot) and a decoder (for the gateway). */
public final class ClientMessages {

    /** {@code msgServerEvent} payload limit (384 KiB). */
    public static final int MAX_SERVER_EVENT_PAYLOAD = 384 * 1024;
    /** {@code msgIQuit} reason including its NUL: 2..1024 bytes. */
    public static final int IQUIT_MIN = 2;
    public static final int IQUIT_MAX = 1024;

    private ClientMessages() {
    }

    /** Every client packet this module understands; anything else decodes to {@link Unknown}. */
    public sealed interface ClientMessage permits Handshake, TimeSyncRequest, RequestObjectIds, End, IQuit,
            ServerEvent, Route, HeHost, Unknown {
    }

    public record TimeSyncRequest(int requestTime, int requestSequence) implements ClientMessage {
    }

    public record RequestObjectIds() implements ClientMessage {
    }

    public record End() implements ClientMessage {
    }

    public record IQuit(String reason) implements ClientMessage {
    }

    public record ServerEvent(String name, byte[] payload) implements ClientMessage {
        @Override
        public String toString() {
            return "ServerEvent[" + name + ", payloadLength=" + payload.length + "]";
        }
    }

    public record Route(int netId, byte[] payload) implements ClientMessage {
        @Override
        public String toString() {
            return "Route[netId=" + netId + ", payloadLength=" + payload.length + "]";
        }
    }

    public record HeHost(int allegedNewId, int baseNum) implements ClientMessage {
    }

    /** A well-framed packet of a type we do not interpret (OneSync clones, state bags...). */
    public record Unknown(int typeHash, byte[] payload) implements ClientMessage {
        @Override
        public String toString() {
            return "Unknown[type=0x" + Integer.toHexString(typeHash) + ", payloadLength=" + payload.length + "]";
        }
    }

    /**
     * Decodes one ENet packet from a client. Type {@code 1} is the handshake. Throws only
     * {@link FivemProtocolException} for malformed input.
     */
    public static ClientMessage decode(byte[] packet) {
        LeReader r = new LeReader(packet);
        if (r.remaining() < 4) {
            throw new FivemProtocolException(FivemProtocolException.Kind.MESSAGE, "packet shorter than its type");
        }
        int type = r.u32();
        if (type == MessageType.CONNECT_TYPE) {
            return Handshake.decode(packet);
        }
        MessageType known = MessageType.fromHash(type).orElse(null);
        if (known == null) {
            return new Unknown(type, r.rest());
        }
        switch (known) {
            case MSG_TIME_SYNC_REQ: {
                TimeSyncRequest t = new TimeSyncRequest(r.u32(), r.u32());
                return t;
            }
            case MSG_REQUEST_OBJECT_IDS:
                return new RequestObjectIds();
            case MSG_END:
                return new End();
            case MSG_I_QUIT:
                return new IQuit(decodeIQuitReason(r.rest()));
            case MSG_SERVER_EVENT: {
                int nameLen = r.u16();
                if (nameLen < 2) {
                    throw new FivemProtocolException(FivemProtocolException.Kind.MESSAGE, "event name too short");
                }
                byte[] name = r.bytes(nameLen);
                byte[] payload = r.rest();
                if (payload.length > MAX_SERVER_EVENT_PAYLOAD) {
                    throw new FivemProtocolException(FivemProtocolException.Kind.MESSAGE, "event payload too large");
                }
                return new ServerEvent(cString(name), payload);
            }
            case MSG_ROUTE: {
                int netId = r.u16();
                int len = r.u16();
                return new Route(netId, r.bytes(len));
            }
            case MSG_HE_HOST:
                return new HeHost(r.u32(), r.u32());
            default:
                return new Unknown(type, r.rest());
        }
    }

    private static String decodeIQuitReason(byte[] tail) {
        if (tail.length < IQUIT_MIN || tail.length > IQUIT_MAX) {
            throw new FivemProtocolException(FivemProtocolException.Kind.MESSAGE, "quit reason length out of range");
        }
        return cString(tail);
    }

    // text up to the first NUL (the C++ side treats these as C strings)
    private static String cString(byte[] b) {
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }

    public static byte[] timeSyncRequest(int requestTime, int requestSequence) {
        return new LeWriter(12).u32(MessageType.MSG_TIME_SYNC_REQ.hash()).u32(requestTime).u32(requestSequence)
                .toByteArray();
    }

    public static byte[] requestObjectIds() {
        return new LeWriter(4).u32(MessageType.MSG_REQUEST_OBJECT_IDS.hash()).toByteArray();
    }

    /** The 100 ms keep-alive, sent unsequenced on channel 1. */
    public static byte[] end() {
        return new LeWriter(4).u32(MessageType.MSG_END.hash()).toByteArray();
    }

    public static byte[] iQuit(String reason) {
        byte[] r = reason.getBytes(StandardCharsets.UTF_8);
        byte[] tail = Arrays.copyOf(r, r.length + 1);
        if (tail.length < IQUIT_MIN || tail.length > IQUIT_MAX) {
            throw new IllegalArgumentException("quit reason must be 1..1023 bytes");
        }
        return new LeWriter(4 + tail.length).u32(MessageType.MSG_I_QUIT.hash()).bytes(tail).toByteArray();
    }

    public static byte[] serverEvent(String name, byte[] msgpackPayload) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        return new LeWriter(8 + n.length + msgpackPayload.length).u32(MessageType.MSG_SERVER_EVENT.hash())
                .u16(n.length + 1).bytes(n).u8(0).bytes(msgpackPayload).toByteArray();
    }
}
