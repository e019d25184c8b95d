package io.gatehouse.auth.hytale.grpc;

import io.gatehouse.auth.hytale.DisconnectReasons;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * Turns a login refusal into the gRPC status documented in {@code hytale_auth.proto}: the code says what kind of
 * refusal it is, the description is the Disconnect text the player sees.
 */
public final class AuthFailures {

    private AuthFailures() {
    }

    public static StatusRuntimeException refusal(String disconnectReason) {
        return codeFor(disconnectReason).withDescription(disconnectReason).asRuntimeException();
    }

    static Status codeFor(String reason) {
        if (DisconnectReasons.TOO_MANY_PASSWORD_ATTEMPTS.equals(reason)) {
            return Status.PERMISSION_DENIED;
        }
        if (DisconnectReasons.SERVER_AUTH_UNAVAILABLE.equals(reason)) {
            return Status.UNAVAILABLE;
        }
        if (DisconnectReasons.SERVER_AUTH_FAILED.equals(reason)) {
            return Status.INTERNAL;
        }
        if (DisconnectReasons.UNEXPECTED_AUTH_TOKEN.equals(reason)
                || DisconnectReasons.UNEXPECTED_PASSWORD_RESPONSE.equals(reason)
                || DisconnectReasons.INVALID_PASSWORD_RESPONSE.equals(reason)) {
            return Status.INVALID_ARGUMENT;
        }
        return Status.UNAUTHENTICATED;
    }

    static StatusRuntimeException invalidArgument(String what) {
        return Status.INVALID_ARGUMENT.withDescription(what).asRuntimeException();
    }

    static StatusRuntimeException internal() {
        return Status.INTERNAL.withDescription(DisconnectReasons.SERVER_AUTH_FAILED).asRuntimeException();
    }
}
