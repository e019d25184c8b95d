package io.gatehouse.fivem.protocol.http;

/** {@code net-base/include/NetBitVersion.h}: {@code BuildNetVersion(y, m, d, h, min)} as hex digits. */
public final class NetBitVersion {

    /** The minimum the client accepts. */
    public static final long V1 = 0x202103292050L;
    public static final long V2 = 0x202405010000L;
    public static final long V3 = 0x202407010000L;
    public static final long V4 = 0x202408010000L;
    /** What a current server sends ({@code 35343302721536}). */
    public static final long V5 = 0x202501010000L;

    private NetBitVersion() {
    }
}
