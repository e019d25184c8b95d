package io.gatehouse.registry.core;

/** Why a registry operation was refused, with the protocol's own words for the player where it has them. */
public enum RegistryError {
    /** Handshake for a guid with no session: FXServer silently ignores it. */
    NO_SESSION("No session for this key."),
    /** FXServer: token mismatch in the handshake; the session is removed. */
    INVALID_TOKEN("Invalid connection token received."),
    /** FXServer: handshake before deferrals passed; the session is removed. */
    NOT_VALIDATED("Invalid connection."),
    /** FXServer: OneSync slot table full; the session is removed. */
    NO_SLOT("Not enough client slot IDs."),
    /** Every final net ID is in use (FXServer has no text for this: it never happens below 65534 players). */
    NO_NET_ID("Not enough client net IDs.");

    private final String protocolMessage;

    RegistryError(String protocolMessage) {
        this.protocolMessage = protocolMessage;
    }

    /** Text to send the player ({@code error <text>} OOB) or to put in a gRPC status description. */
    public String protocolMessage() {
        return protocolMessage;
    }
}
