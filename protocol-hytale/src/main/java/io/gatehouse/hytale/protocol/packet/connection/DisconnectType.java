package io.gatehouse.hytale.protocol.packet.connection;

import io.gatehouse.hytale.protocol.ProtocolException;

/** {@code DisconnectType.java}: 0 Disconnect, 1 Crash. */
public enum DisconnectType {
    DISCONNECT, CRASH;

    private static final DisconnectType[] VALUES = values();

    public int value() {
        return ordinal();
    }

    public static DisconnectType fromValue(int value) {
        if (value < 0 || value >= VALUES.length) {
            throw new ProtocolException("Invalid DisconnectType " + value);
        }
        return VALUES[value];
    }
}
