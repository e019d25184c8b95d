package io.gatehouse.auth.hytale;

/** A session-service call did not produce what was asked for. Messages never contain tokens or grants. */
public abstract sealed class SessionServiceException extends RuntimeException
    permits SessionServiceUnavailable, SessionServiceRejected {

    SessionServiceException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
