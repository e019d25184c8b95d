package io.gatehouse.registry.core;

/** Where a pending session is in FiveM's {@code playerConnecting} deferral flow. */
public enum DeferralState {
    /** No deferral started yet. */
    NONE,
    /** Resources deferred the connection; the HTTP stream is alive and touches the session. */
    DEFERRING,
    /** Deferrals finished without rejection: the session has passed validation. */
    DONE,
    /** A resource rejected the connection. */
    REJECTED
}
