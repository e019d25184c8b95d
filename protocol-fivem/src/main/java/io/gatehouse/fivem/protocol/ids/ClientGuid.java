package io.gatehouse.fivem.protocol.ids;

/** The client's {@code guid} form field: {@code 0x0210000100000000 | m_tempGuid}, sent as a decimal u64. */
public final class ClientGuid {

    public static final long BASE = 0x0210000100000000L;

    private ClientGuid() {
    }

    /** The guid for a temp value (the client starts from {@code GetTickCount()} and adds one per connect). */
    public static long of(int tempGuid) {
        return BASE | Integer.toUnsignedLong(tempGuid);
    }

    public static String toField(long guid) {
        return Long.toUnsignedString(guid);
    }
}
