package io.gatehouse.fivem.protocol.net;

import io.gatehouse.fivem.protocol.hash.HashRageString;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * FiveM packet types: every packet inside ENet starts with {@code u32le HashRageString(name)}
 * ({@code code/shared/net/PacketNames.h}). The handshake and connectOK use the literal type {@code 1} instead.
 */
public enum MessageType {
    MSG_OBJECT_IDS("msgObjectIds"),
    MSG_REQUEST_OBJECT_IDS("msgRequestObjectIds"),
    MSG_FRAME("msgFrame"),
    MSG_CON_VARS("msgConVars"),
    MSG_NET_EVENT("msgNetEvent"),
    MSG_SERVER_EVENT("msgServerEvent"),
    MSG_TIME_SYNC_REQ("msgTimeSyncReq"),
    MSG_TIME_SYNC("msgTimeSync"),
    MSG_I_HOST("msgIHost"),
    MSG_HE_HOST("msgHeHost"),
    MSG_I_QUIT("msgIQuit"),
    MSG_END("msgEnd"),
    MSG_ROUTE("msgRoute"),
    MSG_PACKED_CLONES("msgPackedClones"),
    MSG_PACKED_ACKS("msgPackedAcks"),
    MSG_STATE_BAG("msgStateBag"),
    MSG_STATE_BAG_V2("msgStateBagV2"),
    MSG_NET_GAME_EVENT("msgNetGameEvent"),
    MSG_NET_GAME_EVENT_V2("msgNetGameEventV2"),
    MSG_REASSEMBLED_EVENT("msgReassembledEvent"),
    MSG_ARRAY_UPDATE("msgArrayUpdate"),
    MSG_RES_START("msgResStart"),
    MSG_RES_STOP("msgResStop"),
    MSG_SERVER_COMMAND("msgServerCommand"),
    MSG_RPC_NATIVE("msgRpcNative"),
    MSG_WORLD_GRID3("msgWorldGrid3"),
    GAME_STATE_ACK("gameStateAck"),
    GAME_STATE_NACK("gameStateNAck"),
    MSG_CONFIRM("msgConfirm");

    /** The type field of the ENet handshake (client to server) and connectOK (server to client). */
    public static final int CONNECT_TYPE = 1;

    private static final Map<Integer, MessageType> BY_HASH = new HashMap<>();

    static {
        for (MessageType t : values()) {
            BY_HASH.put(t.hash, t);
        }
    }

    private final String wireName;
    private final int hash;

    MessageType(String wireName) {
        this.wireName = wireName;
        this.hash = HashRageString.of(wireName);
    }

    public String wireName() {
        return wireName;
    }

    public int hash() {
        return hash;
    }

    public static Optional<MessageType> fromHash(int hash) {
        return Optional.ofNullable(BY_HASH.get(hash));
    }
}
