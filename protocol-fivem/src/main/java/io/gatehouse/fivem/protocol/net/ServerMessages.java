package io.gatehouse.fivem.protocol.net;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import io.gatehouse.fivem.protocol.json.FxJson;

/**
 * Encoders for server-to-client packets (all little-endian, type hash first). Channel and reliability are the
 * caller's: connectOK, msgConVars, msgFrame and msgNetEvent go reliable on channel 0; msgObjectIds and msgTimeSync
 * reliable on channel 1.
 */
public final class ServerMessages {

    private ServerMessages() {
    }

    /** {@code msgConVars}: msgpack {@code map<string,string>} of replicated convars, in std::map (sorted) order. */
    public static byte[] conVars(Map<String, String> convars) {
        TreeMap<String, String> sorted = new TreeMap<>(FxJson.KEY_ORDER);
        sorted.putAll(convars);
        MsgPack.Writer mp = new MsgPack.Writer().mapHeader(sorted.size());
        sorted.forEach((k, v) -> mp.string(k).string(v));
        return new LeWriter(16).u32(MessageType.MSG_CON_VARS.hash()).bytes(mp.toByteArray()).toByteArray();
    }

    /** {@code msgFrame}: {@code u32 idx (always 0); u8 lockdownMode; u8 syncStyle}. */
    public static byte[] frame(int lockdownMode, int syncStyle) {
        return new LeWriter(10).u32(MessageType.MSG_FRAME.hash()).u32(0).u8(lockdownMode).u8(syncStyle).toByteArray();
    }

    /** {@code msgTimeSync}: echoes the request time and sequence, then the server time in ms (u32, wraps). */
    public static byte[] timeSync(int requestTime, int requestSequence, int serverTimeMillis) {
        return new LeWriter(16).u32(MessageType.MSG_TIME_SYNC.hash()).u32(requestTime).u32(requestSequence)
                .u32(serverTimeMillis).toByteArray();
    }

    /**
     * {@code msgNetEvent}: {@code u16 sourceNetId (0xFFFF from the server); u16 nameLength incl. NUL; name; NUL;
     * msgpack args}.
     */
    public static byte[] netEvent(String eventName, byte[] msgpackArgs) {
        byte[] name = eventName.getBytes(StandardCharsets.UTF_8);
        if (name.length + 1 > 0xFFFF) {
            throw new IllegalArgumentException("event name too long");
        }
        return new LeWriter(9 + name.length + msgpackArgs.length)
                .u32(MessageType.MSG_NET_EVENT.hash())
                .u16(0xFFFF)
                .u16(name.length + 1)
                .bytes(name).u8(0)
                .bytes(msgpackArgs)
                .toByteArray();
    }

    /** {@code msgIHost}: {@code u16 netId; u32 baseNum}; on host drop FXServer broadcasts {@code 0xFFFF, 0xFFFF}. */
    public static byte[] iHost(int netId, int baseNum) {
        return new LeWriter(10).u32(MessageType.MSG_I_HOST.hash()).u16(netId).u32(baseNum).toByteArray();
    }

    /** {@code msgRoute}: {@code u16 netId; u16 length; bytes}. */
    public static byte[] route(int netId, byte[] payload) {
        if (payload.length > 0xFFFF) {
            throw new IllegalArgumentException("route payload too long");
        }
        return new LeWriter(8 + payload.length).u32(MessageType.MSG_ROUTE.hash()).u16(netId).u16(payload.length)
                .bytes(payload).toByteArray();
    }
}
