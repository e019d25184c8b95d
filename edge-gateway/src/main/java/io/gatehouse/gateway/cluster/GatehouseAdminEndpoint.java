package io.gatehouse.gateway.cluster;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code /actuator/gatehouse} on the admin port: {@code GET} shows the drain state, {@code POST .../drain} starts the
 * drain and answers at once (for a Kubernetes {@code preStop} hook: call it, then sleep; SIGTERM afterwards finds
 * the gateway drained). Exposed with {@code management.endpoints.web.exposure.include=...,gatehouse}.
 */
@Endpoint(id = "gatehouse")
public class GatehouseAdminEndpoint {

    private final GatewayDrain drain;

    public GatehouseAdminEndpoint(GatewayDrain drain) {
        this.drain = drain;
    }

    @ReadOperation
    public Map<String, Object> state() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("draining", drain.isDraining());
        state.put("acceptingJoins", drain.isAcceptingJoins());
        state.put("drained", drain.isDrained());
        return state;
    }

    @WriteOperation
    public Map<String, Object> action(@Selector String action) {
        if (!"drain".equals(action)) {
            throw new IllegalArgumentException("unknown action: " + action);
        }
        drain.drain();
        return state();
    }
}
