package io.gatehouse.fivem.protocol.ticket;

import java.util.Objects;

/** The outcome of verifying a {@code cfxTicket2}. */
public sealed interface TicketVerification {

    record Verified(TicketData data) implements TicketVerification {
    }

    /**
     * @param detail only for {@link TicketFailure#PARSING_ERROR}: the exception text appended to the prefix
     */
    record Rejected(TicketFailure failure, String detail) implements TicketVerification {
        public Rejected {
            Objects.requireNonNull(failure, "failure");
            detail = detail == null ? "" : detail;
        }

        public Rejected(TicketFailure failure) {
            this(failure, "");
        }

        /** The exact text FXServer sends in {@code {"error": ...}}. */
        public String errorMessage() {
            return failure.text() + detail;
        }
    }
}
