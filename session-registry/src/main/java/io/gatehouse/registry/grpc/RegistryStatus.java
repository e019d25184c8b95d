package io.gatehouse.registry.grpc;

import io.gatehouse.registry.core.RegistryError;
import io.gatehouse.registry.core.RegistryException;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Refusals on the wire: a status code, the protocol's own text as description, and the exact refusal in the
 * {@code gatehouse-registry-error} trailer (two refusals share FAILED_PRECONDITION).
 */
public final class RegistryStatus {

    public static final Metadata.Key<String> ERROR_KEY =
            Metadata.Key.of("gatehouse-registry-error", Metadata.ASCII_STRING_MARSHALLER);

    private RegistryStatus() {
    }

    public static Status.Code codeFor(RegistryError error) {
        return switch (error) {
            case NO_SESSION -> Status.Code.NOT_FOUND;
            case INVALID_TOKEN -> Status.Code.PERMISSION_DENIED;
            case NOT_VALIDATED, NO_SLOT -> Status.Code.FAILED_PRECONDITION;
            case NO_NET_ID -> Status.Code.RESOURCE_EXHAUSTED;
        };
    }

    /** Server side: any failure of a store future, as a status the client can turn back into the same failure. */
    public static StatusRuntimeException toStatus(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof RegistryException refusal) {
            Metadata trailers = new Metadata();
            trailers.put(ERROR_KEY, refusal.error().name());
            return Status.fromCode(codeFor(refusal.error()))
                    .withDescription(refusal.error().protocolMessage())
                    .asRuntimeException(trailers);
        }
        if (cause instanceof IllegalArgumentException || cause instanceof NullPointerException) {
            return Status.INVALID_ARGUMENT.withDescription(cause.getMessage()).asRuntimeException();
        }
        if (cause instanceof StatusRuntimeException status) {
            return status;
        }
        // store outages (Redis down, timeouts) are retryable from the caller's point of view
        return Status.UNAVAILABLE.withDescription("session store unavailable").withCause(cause).asRuntimeException();
    }

    /** Client side: the refusal the server sent, or the transport failure as it is. */
    public static RuntimeException fromStatus(Throwable failure) {
        Throwable cause = unwrap(failure);
        Metadata trailers = null;
        Status status = null;
        if (cause instanceof StatusRuntimeException e) {
            trailers = e.getTrailers();
            status = e.getStatus();
        } else if (cause instanceof StatusException e) {
            trailers = e.getTrailers();
            status = e.getStatus();
        }
        if (trailers != null && trailers.get(ERROR_KEY) != null) {
            try {
                return new RegistryException(RegistryError.valueOf(trailers.get(ERROR_KEY)));
            } catch (IllegalArgumentException unknownToThisClient) {
                return status.asRuntimeException(trailers);
            }
        }
        if (status != null && status.getCode() == Status.Code.INVALID_ARGUMENT) {
            return new IllegalArgumentException(status.getDescription(), cause);
        }
        return cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
