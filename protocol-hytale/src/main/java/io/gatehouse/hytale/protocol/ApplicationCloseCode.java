package io.gatehouse.hytale.protocol;

/**
 * QUIC application error codes of {@code protocol/io/netty/ProtocolUtil.java} (reference §1.4). Framing errors are a
 * QUIC transport close PROTOCOL_VIOLATION (0x0a) instead, with no Disconnect packet.
 */
public enum ApplicationCloseCode {
    /** Normal close after a Disconnect packet. */
    NO_ERROR(0),
    /** Per-stream token bucket exhausted; no Disconnect is sent. */
    RATE_LIMITED(1),
    AUTH_FAILED(2),
    INVALID_VERSION(3),
    /** Read or stage timeout, after {@code Disconnect("Read timeout")}. */
    TIMEOUT(4),
    /** CRC mismatch with an older client build, or ALPN hytale/1 on a v2 server. */
    CLIENT_OUTDATED(5),
    /** CRC mismatch with a client build at or above the server's. */
    SERVER_OUTDATED(6),
    /** v3 only (Onyxium {@code DisconnectErrorCode.java}) [3P]. */
    CRASH(7);

    private final int code;

    ApplicationCloseCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
