package io.gatehouse.gateway.hytale.session;

import io.gatehouse.gateway.client.GuardedCalls;
import io.gatehouse.gateway.hytale.session.HytaleJoinMetrics.FailureReason;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/** What the player is told when a backend call fails. */
final class ServiceFailures {

    /** The auth service's own text for an unreachable session service (auth-service {@code DisconnectReasons}). */
    static final String AUTH_UNAVAILABLE = "Server authentication unavailable - please try again later";
    /** The world or the session registry cannot be reached. */
    static final String SERVER_UNAVAILABLE = "Server unavailable - please try again later";
    /** Official: a second AuthToken while the first is processed ({@code HandshakeHandler}). */
    static final String DUPLICATE_AUTH_TOKEN = "Protocol error: duplicate AuthToken packet";
    /** auth-service's text for a PasswordResponse nobody asked for. */
    static final String UNEXPECTED_PASSWORD_RESPONSE = "Protocol error: unexpected PasswordResponse";

    private ServiceFailures() {
    }

    /**
     * An auth refusal carries the Disconnect text in its description (hytale_auth.proto); an outage (transport
     * status, open breaker, deadline) gets the session-service-unavailable text.
     */
    static String authReason(Throwable error) {
        if (error instanceof StatusRuntimeException s && !GuardedCalls.isOutage(error)
                && s.getStatus().getDescription() != null) {
            return s.getStatus().getDescription();
        }
        if (error instanceof StatusRuntimeException s && s.getStatus().getCode() == Status.Code.UNAVAILABLE
                && AUTH_UNAVAILABLE.equals(s.getStatus().getDescription())) {
            return AUTH_UNAVAILABLE;
        }
        if (error instanceof StatusRuntimeException s && s.getStatus().getCode() == Status.Code.INTERNAL
                && s.getStatus().getDescription() != null && !s.getStatus().getDescription().isBlank()) {
            return s.getStatus().getDescription();
        }
        return AUTH_UNAVAILABLE;
    }

    static FailureReason metricReason(Throwable error) {
        return GuardedCalls.isOutage(error) ? FailureReason.SERVICE_UNAVAILABLE : FailureReason.REFUSED;
    }

    static boolean isStatus(Throwable error, Status.Code code) {
        return error instanceof StatusRuntimeException s && s.getStatus().getCode() == code;
    }
}
