package io.gatehouse.gateway.fivem.udp;

/** FXServer's exact texts for {@code error <reason>} out-of-band messages (reference §5.4, §6). */
final class DropReasons {

    static final String INVALID_TOKEN = "Invalid connection token received.";
    static final String INVALID_CONNECTION = "Invalid connection.";
    static final String NO_SLOT = "Not enough client slot IDs.";
    /** FXServer has no text: it never runs out below 65534 players. The registry's wording. */
    static final String NO_NET_ID = "Not enough client net IDs.";
    /** Ours: the registry or the world could not be reached; the client shows it as "Connection rejected". */
    static final String UNAVAILABLE = "The server could not process your connection right now. Please try again.";

    /** FXServer's text when the same guid connects again ({@code CLIENT_REPLACED}). */
    static final String RECONNECTING = "Reconnecting";
    /** The registry no longer has this player's session (reaped or removed while we held the peer). */
    static final String SESSION_LOST = "Your connection to the server was lost. Please reconnect.";

    private DropReasons() {
    }

    /** {@code GameServer::ProcessServerFrame}'s dead-client message. */
    static String timedOut(long lastSeenMillisAgo) {
        return "Server->client connection timed out. Last seen " + lastSeenMillisAgo + " msec ago.";
    }

    /** FXServer's drop text for a server shutdown (ClientDropReason::SERVER_SHUTDOWN). */
    static String shutdown(String reason) {
        return "Server shutting down: " + reason;
    }

    /** The registry's refusal name (trailer {@code gatehouse-registry-error}) as the player's text. */
    static String forRefusal(String refusal) {
        return switch (refusal) {
            case "INVALID_TOKEN" -> INVALID_TOKEN;
            case "NOT_VALIDATED" -> INVALID_CONNECTION;
            case "NO_SLOT" -> NO_SLOT;
            case "NO_NET_ID" -> NO_NET_ID;
            default -> UNAVAILABLE;
        };
    }

    /** Metric reason vocabulary (docs/metrics.md). */
    static String metricReason(String refusal) {
        return switch (refusal) {
            case "INVALID_TOKEN" -> "token";
            case "NOT_VALIDATED" -> "not_validated";
            case "NO_SLOT", "NO_NET_ID" -> "no_slot";
            default -> "service_unavailable";
        };
    }
}
