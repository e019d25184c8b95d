package io.gatehouse.support.lifecycle;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Part of the readiness group: UP only when every {@link PlayerListener} of this process is bound and the node is
 * not draining.
 */
public class ListenerReadiness implements HealthIndicator {

    /** Lifecycle phase at which player-facing listeners start (late) and stop (early). */
    public static final int LISTENER_PHASE = Integer.MAX_VALUE - 4096;

    private final List<PlayerListener> listeners;
    private volatile boolean draining;

    public ListenerReadiness(List<PlayerListener> listeners) {
        this.listeners = listeners;
    }

    /** Take this node out of rotation before it stops accepting players. */
    public void startDraining() {
        draining = true;
    }

    public boolean isDraining() {
        return draining;
    }

    /** Every listener bound and not draining: what readiness reports as UP. */
    public boolean isReady() {
        if (draining) {
            return false;
        }
        for (PlayerListener listener : listeners) {
            if (listener.boundAddress() == null) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean allBound = true;
        for (PlayerListener listener : listeners) {
            String address = listener.boundAddress();
            details.put(listener.name(), address == null ? "not bound" : address);
            allBound &= address != null;
        }
        if (draining) {
            details.put("draining", true);
        }
        return (allBound && !draining ? Health.up() : Health.outOfService()).withDetails(details).build();
    }
}
