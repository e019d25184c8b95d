package io.gatehouse.auth.hytale;

/**
 * The session service answered with a client error (4xx): it is up, but refused this request (invalid bearer,
 * unknown/expired/used grant, bad identity token). Never retried, not counted by the circuit breaker.
 */
public final class SessionServiceRejected extends SessionServiceException {

    private final String operation;
    private final int status;
    private final String error;

    public SessionServiceRejected(String operation, int status, String error) {
        super("session service " + operation + " refused: HTTP " + status + (error == null ? "" : " " + error), null);
        this.operation = operation;
        this.status = status;
        this.error = error;
    }

    public String operation() {
        return operation;
    }

    public int status() {
        return status;
    }

    /** The {@code error} code of the body when it had a short plain one (e.g. {@code invalid_grant}), else null. */
    public String error() {
        return error;
    }
}
