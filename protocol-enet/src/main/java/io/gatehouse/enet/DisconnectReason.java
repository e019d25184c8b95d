package io.gatehouse.enet;

/** Why a connected peer went away. */
public enum DisconnectReason {
    /** The remote side sent DISCONNECT; the event data is the remote's value. */
    REMOTE,
    /** Reliable commands went unacknowledged past the peer's timeout limits. */
    TIMEOUT,
    /** This side disconnected (graceful completion, {@code disconnectNow}, {@code reset} or host close). */
    LOCAL
}
