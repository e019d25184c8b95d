package io.gatehouse.hytale.protocol.packet.connection;

import io.gatehouse.hytale.protocol.ProtocolException;

/** {@code PongType.java}: 0 Raw, 1 Direct, 2 Tick. */
public enum PongType {
    RAW, DIRECT, TICK;

    private static final PongType[] VALUES = values();

    public int value() {
        return ordinal();
    }

    public static PongType fromValue(int value) {
        if (value < 0 || value >= VALUES.length) {
            throw new ProtocolException("Invalid PongType " + value);
        }
        return VALUES[value];
    }
}
