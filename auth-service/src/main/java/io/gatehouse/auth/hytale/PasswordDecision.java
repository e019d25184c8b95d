package io.gatehouse.auth.hytale;

/** What the gateway does with a PasswordResponse. */
public sealed interface PasswordDecision {

    /** Send PasswordAccepted(16) and continue to setup. */
    record Accepted() implements PasswordDecision {
    }

    /** Send PasswordRejected(17) with this fresh challenge and count; keep waiting for a PasswordResponse. */
    record Rejected(byte[] newChallenge, int attemptsRemaining) implements PasswordDecision {
    }

    /** Send Disconnect(reason) and close. */
    record Refuse(String disconnectReason) implements PasswordDecision {
    }
}
