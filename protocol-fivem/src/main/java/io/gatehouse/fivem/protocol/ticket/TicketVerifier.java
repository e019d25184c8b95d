package io.gatehouse.fivem.protocol.ticket;

/** Verifies the {@code cfxTicket2} form field for a client guid (the decimal string it posted). */
@FunctionalInterface
public interface TicketVerifier {

    /**
     * @param ticketField the raw (form-decoded) bytes of {@code cfxTicket2}
     * @param guid        the {@code guid} form field as posted
     */
    TicketVerification verify(byte[] ticketField, String guid);
}
