package io.gatehouse.fivem.protocol.ticket;

/**
 * Why a {@code cfxTicket2} was refused, with the exact text FXServer sends as {@code {"error": ...}}
 * ({@code InitConnectMethod.cpp}: {@code GetVerifyTicketErrorString} and the callers around it).
 */
public enum TicketFailure {
    NO_TICKET("No authentication ticket was specified."),
    PUBLIC_KEY_UNAVAILABLE("public key request failed."),
    PUBLIC_KEY_UNAVAILABLE_AFTER_REFRESH("public key request failed (2)."),
    INVALID_LENGTH("Ticket authorization failed. Invalid ticket length."),
    INVALID_LENGTH_2("Ticket authorization failed. Invalid ticket length. (2)"),
    EXPIRED("Ticket authorization failed. Ticket expired. Please check your server's system time."),
    MISMATCHING_GUID("Ticket authorization failed. Mismatching GUID."),
    REUSED("Ticket authorization failed. Reused ticket."),
    INVALID_SIGNATURE_LENGTH("Ticket authorization failed. Invalid signature length."),
    INVALID_SIGNATURE("Ticket authorization failed. Invalid ticket signature."),
    /** {@code VerifyTicketEx} failed: extra data length, second signature length or second signature. */
    EXTENDED_CHECK_FAILED("Ticket authorization failed. (2)"),
    /** An exception while verifying; the message is followed by the exception's {@code what()}. */
    PARSING_ERROR("Parsing error while verifying ticket. "),
    /** Extra JSON {@code gn} is not the server's game (checked in initConnect, after the ticket). */
    GAME_NAME_MISMATCH("CitizenFX ticket authorization failed. (3)"),
    /** Extra JSON {@code si} is not this server's {@code sv_serverId}. */
    SERVER_ID_MISMATCH("CitizenFX ticket authorization failed. (4)");

    private final String text;

    TicketFailure(String text) {
        this.text = text;
    }

    /** The exact client-facing error text (for {@link #PARSING_ERROR}, the prefix before the detail). */
    public String text() {
        return text;
    }
}
