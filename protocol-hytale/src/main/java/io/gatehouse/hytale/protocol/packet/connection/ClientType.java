package io.gatehouse.hytale.protocol.packet.connection;

import io.gatehouse.hytale.protocol.ProtocolException;

/** {@code packets/connection/ClientType.java}: 0 Game, 1 Editor. */
public enum ClientType {
    GAME, EDITOR;

    private static final ClientType[] VALUES = values();

    public int value() {
        return ordinal();
    }

    public static ClientType fromValue(int value) {
        if (value < 0 || value >= VALUES.length) {
            throw new ProtocolException("Invalid ClientType " + value);
        }
        return VALUES[value];
    }
}
