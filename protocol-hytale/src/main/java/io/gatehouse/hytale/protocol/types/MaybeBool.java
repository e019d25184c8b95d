package io.gatehouse.hytale.protocol.types;

import io.gatehouse.hytale.protocol.ProtocolException;

/** Tri-state style flag of {@link FormattedMessage}: 0 Null (inherit), 1 False, 2 True. */
public enum MaybeBool {
    NULL, FALSE, TRUE;

    private static final MaybeBool[] VALUES = values();

    public int value() {
        return ordinal();
    }

    public static MaybeBool fromValue(int value) {
        if (value < 0 || value >= VALUES.length) {
            throw new ProtocolException("Invalid MaybeBool " + value);
        }
        return VALUES[value];
    }
}
