package io.gatehouse.gateway.fivem.control;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/** Which failures of a backend call are outages (tell the player "try again") rather than the protocol's own answers. */
final class ControlOutages {

    private ControlOutages() {
    }

    static boolean isOutage(Throwable error) {
        if (error instanceof CallNotPermittedException || error instanceof BulkheadFullException) {
            return true;
        }
        if (error instanceof StatusRuntimeException s) {
            Status.Code code = s.getStatus().getCode();
            return code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED
                    || code == Status.Code.RESOURCE_EXHAUSTED || code == Status.Code.UNKNOWN
                    || code == Status.Code.INTERNAL;
        }
        return false;
    }
}
