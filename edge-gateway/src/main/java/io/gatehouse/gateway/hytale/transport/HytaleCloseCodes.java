package io.gatehouse.gateway.hytale.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicTransportError;
import java.nio.charset.StandardCharsets;

/**
 * QUIC close codes of the Hytale protocol (hytale-protocol.md §1.4, {@code ProtocolUtil}) and the two ways to close.
 */
public final class HytaleCloseCodes {

    /** Normal close after a {@code Disconnect} packet. */
    public static final int NO_ERROR = 0;
    /** Rate limit exceeded (no Disconnect packet is sent). */
    public static final int RATE_LIMITED = 1;
    public static final int AUTH_FAILED = 2;
    public static final int INVALID_VERSION = 3;
    /** Read or stage timeout, after a {@code Disconnect}. */
    public static final int TIMEOUT = 4;
    /** Client older than the server (CRC mismatch, or ALPN hytale/1 on a v2-only server). */
    public static final int CLIENT_OUTDATED = 5;
    /** Server older than the client (CRC mismatch). */
    public static final int SERVER_OUTDATED = 6;
    /** v3 only (third-party source). */
    public static final int CRASH = 7;

    /** QUIC transport error PROTOCOL_VIOLATION (0x0a): framing errors, missing client certificate, no Connect. */
    public static final long PROTOCOL_VIOLATION = QuicTransportError.PROTOCOL_VIOLATION.code();

    // QUIC reason phrases are not length-limited by the spec, but they ride in one packet: keep them short.
    private static final int MAX_REASON_BYTES = 256;

    private HytaleCloseCodes() {
    }

    /** Application close (CONNECTION_CLOSE 0x1d) with a Hytale code and a reason phrase. Safe from any thread. */
    public static ChannelFuture closeApplication(QuicChannel connection, int code, String reason) {
        return connection.close(true, code, reasonBytes(reason));
    }

    /** Transport close PROTOCOL_VIOLATION without a Disconnect packet, as the official server's closeConnection. */
    public static ChannelFuture closeProtocolViolation(QuicChannel connection) {
        return connection.close(false, (int) PROTOCOL_VIOLATION, Unpooled.EMPTY_BUFFER);
    }

    /** Transport close with any QUIC transport error. */
    public static ChannelFuture closeTransport(QuicChannel connection, QuicTransportError error, String reason) {
        return connection.close(false, (int) error.code(), reasonBytes(reason));
    }

    private static ByteBuf reasonBytes(String reason) {
        if (reason == null || reason.isEmpty()) {
            return Unpooled.EMPTY_BUFFER;
        }
        byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
        return Unpooled.wrappedBuffer(bytes, 0, Math.min(bytes.length, MAX_REASON_BYTES));
    }
}
