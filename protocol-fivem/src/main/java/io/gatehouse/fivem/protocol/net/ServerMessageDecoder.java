package io.gatehouse.fivem.protocol.net;

import io.gatehouse.fivem.protocol.FivemProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Client side (the bot): decodes the server packets this module produces. */
public final class ServerMessageDecoder {

    private ServerMessageDecoder() {
    }

    public sealed interface ServerMessage permits ConnectOkMessage, ObjectIdsMessage, FrameMessage, ConVarsMessage,
            NetEventMessage, TimeSyncMessage, IHostMessage, UnknownMessage {
    }

    public record ConnectOkMessage(ConnectOk connectOk) implements ServerMessage {
    }

    public record ObjectIdsMessage(List<Integer> ids) implements ServerMessage {
    }

    public record FrameMessage(int index, int lockdownMode, int syncStyle) implements ServerMessage {
    }

    public record ConVarsMessage(Map<String, String> convars) implements ServerMessage {
    }

    public record NetEventMessage(NetEvents.NetEvent event) implements ServerMessage {
    }

    public record TimeSyncMessage(int requestTime, int requestSequence, int serverTimeMillis) implements ServerMessage {
    }

    public record IHostMessage(int netId, int baseNum) implements ServerMessage {
    }

    public record UnknownMessage(int typeHash, byte[] payload) implements ServerMessage {
    }

    public static ServerMessage decode(byte[] packet) {
        LeReader r = new LeReader(packet);
        if (r.remaining() < 4) {
            throw new FivemProtocolException(FivemProtocolException.Kind.MESSAGE, "packet shorter than its type");
        }
        int type = r.u32();
        if (type == MessageType.CONNECT_TYPE) {
            return new ConnectOkMessage(ConnectOk.decode(packet));
        }
        MessageType known = MessageType.fromHash(type).orElse(null);
        if (known == null) {
            return new UnknownMessage(type, r.rest());
        }
        switch (known) {
            case MSG_OBJECT_IDS:
                return new ObjectIdsMessage(ObjectIds.expand(ObjectIds.decodeEntries(r, ObjectIds.MAX_ENTRIES)));
            case MSG_FRAME: {
                FrameMessage f = new FrameMessage(r.u32(), r.u8(), r.u8());
                return f;
            }
            case MSG_CON_VARS: {
                Object v = MsgPack.unpack(r.rest());
                if (!(v instanceof Map<?, ?> m)) {
                    throw new FivemProtocolException(FivemProtocolException.Kind.MESSAGE, "convars are not a map");
                }
                Map<String, String> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (!(e.getKey() instanceof String k) || !(e.getValue() instanceof String val)) {
                        throw new FivemProtocolException(FivemProtocolException.Kind.MESSAGE, "convar entry not strings");
                    }
                    out.put(k, val);
                }
                return new ConVarsMessage(out);
            }
            case MSG_NET_EVENT: {
                int src = r.u16();
                int nameLen = r.u16();
                if (nameLen < 2) {
                    throw new FivemProtocolException(FivemProtocolException.Kind.MESSAGE, "event name too short");
                }
                byte[] name = r.bytes(nameLen);
                int n = 0;
                while (n < name.length && name[n] != 0) {
                    n++;
                }
                return new NetEventMessage(new NetEvents.NetEvent(src, new String(name, 0, n, StandardCharsets.UTF_8),
                        r.rest()));
            }
            case MSG_TIME_SYNC: {
                TimeSyncMessage t = new TimeSyncMessage(r.u32(), r.u32(), r.u32());
                return t;
            }
            case MSG_I_HOST: {
                IHostMessage h = new IHostMessage(r.u16(), r.u32());
                return h;
            }
            default:
                return new UnknownMessage(type, r.rest());
        }
    }
}
