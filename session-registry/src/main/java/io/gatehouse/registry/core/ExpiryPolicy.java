package io.gatehouse.registry.core;

/**
 * When a session is dead (FXServer {@code Client::IsDead}, stretched over a cluster). A pending session dies
 * after {@code pendingTtl} without a touch. A bound session dies after {@code connectedTtl} without a heartbeat
 * only if its gateway is dead too, so a live gateway never loses a player it still heartbeats; a session its live
 * gateway has not vouched for during {@code connectedTtl + orphanGrace} is an orphan and dies as well.
 */
public final class ExpiryPolicy {

    private ExpiryPolicy() {
    }

    public static boolean isExpired(Session session, boolean holderGatewayAlive, long nowMillis,
                                    RegistrySettings settings) {
        long idle = nowMillis - session.lastSeenMillis();
        if (!session.bound()) {
            return idle > settings.pendingTtl().toMillis();
        }
        long connectedTtl = settings.connectedTtl().toMillis();
        if (idle > connectedTtl + settings.orphanGrace().toMillis()) {
            return true;
        }
        return idle > connectedTtl && !holderGatewayAlive;
    }

    public static boolean gatewayAlive(long lastHeartbeatMillis, long nowMillis, RegistrySettings settings) {
        return nowMillis - lastHeartbeatMillis <= settings.gatewayTtl().toMillis();
    }
}
