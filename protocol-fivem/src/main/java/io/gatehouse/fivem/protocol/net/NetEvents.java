package io.gatehouse.fivem.protocol.net;

import java.util.List;

/**
 * The client events FXServer itself triggers. Arguments are msgpack arrays as {@code TriggerClientEvent} packs its
 * C++ arguments: {@code onPlayerJoining}/{@code onPlayerDropped} carry {@code (uint32 netId, string name, int slotId)}.
 */
public final class NetEvents {

    public static final String ON_PLAYER_JOINING = "onPlayerJoining";
    public static final String ON_PLAYER_DROPPED = "onPlayerDropped";

    private NetEvents() {
    }

    public static byte[] onPlayerJoining(int netId, String name, int slotId) {
        return ServerMessages.netEvent(ON_PLAYER_JOINING, args(netId, name, slotId));
    }

    public static byte[] onPlayerDropped(int netId, String name, int slotId) {
        return ServerMessages.netEvent(ON_PLAYER_DROPPED, args(netId, name, slotId));
    }

    /** {@code msgpack [netId (uint32), name, slotId (int)]}. */
    public static byte[] args(int netId, String name, int slotId) {
        return new MsgPack.Writer().arrayHeader(3)
                .integer(Integer.toUnsignedLong(netId))
                .string(name)
                .integer(slotId)
                .toByteArray();
    }

    /** A decoded {@code msgNetEvent}; {@code args} is the raw msgpack payload. */
    public record NetEvent(int sourceNetId, String name, byte[] args) {
        @SuppressWarnings("unchecked")
        public List<Object> argsAsList() {
            Object v = MsgPack.unpack(args);
            if (!(v instanceof List<?> list)) {
                throw new io.gatehouse.fivem.protocol.FivemProtocolException(
                        io.gatehouse.fivem.protocol.FivemProtocolException.Kind.MESSAGE, "event args are not an array");
            }
            return (List<Object>) list;
        }
    }
}
