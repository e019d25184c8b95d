package io.gatehouse.auth.hytale;

/**
 * The session service could not be reached or did not answer properly in time. The gateway turns this into a
 * clear Disconnect instead of hanging; it is what the circuit breaker counts.
 */
public final class SessionServiceUnavailable extends SessionServiceException {

    public enum Reason {
        /** No connection could be made (refused, DNS, connect timeout): the request was never sent. */
        UNREACHABLE,
        /** The connection failed after the request may have been sent. */
        IO_ERROR,
        /** No complete answer within the per-call timeout. */
        TIMEOUT,
        /** HTTP 5xx (or another status that is neither success nor a client error). */
        SERVER_ERROR,
        /** A success status with a body that is not what the API returns. */
        BAD_RESPONSE,
        /** The circuit breaker is open: recent calls failed, this one was not attempted. */
        CIRCUIT_OPEN
    }

    private final String operation;
    private final Reason reason;

    public SessionServiceUnavailable(String operation, Reason reason, Throwable cause) {
        super("session service " + operation + ": " + reason, cause);
        this.operation = operation;
        this.reason = reason;
    }

    public String operation() {
        return operation;
    }

    public Reason reason() {
        return reason;
    }
}
