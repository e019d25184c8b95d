package io.gatehouse.hytale.protocol.netty;

import io.gatehouse.hytale.protocol.ApplicationCloseCode;

/**
 * User event fired once by {@link RateLimitHandler} when a stream's token bucket runs dry. The gateway closes the QUIC
 * connection with {@link #closeCode()} (1, APPLICATION_RATE_LIMITED) and sends no Disconnect, as the official server.
 */
public final class RateLimitExceeded {

    public static final RateLimitExceeded INSTANCE = new RateLimitExceeded();

    private RateLimitExceeded() {
    }

    public ApplicationCloseCode closeCode() {
        return ApplicationCloseCode.RATE_LIMITED;
    }

    @Override
    public String toString() {
        return "RateLimitExceeded";
    }
}
