package io.gatehouse.auth.hytale;

/**
 * A token was refused. Carries the typed reason and the exact Disconnect text the official server sends for it;
 * never any part of the token. Stackless: it is an expected outcome, not a bug.
 */
public final class InvalidTokenException extends RuntimeException {

    private final TokenFailure failure;
    private final String disconnectReason;

    InvalidTokenException(TokenFailure failure, String disconnectReason) {
        super(failure.name(), null, false, false);
        this.failure = failure;
        this.disconnectReason = disconnectReason;
    }

    public TokenFailure failure() {
        return failure;
    }

    /** The Disconnect reason for the player (hytale-protocol.md §6.3, official {@code HandshakeHandler}). */
    public String disconnectReason() {
        return disconnectReason;
    }
}
