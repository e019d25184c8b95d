package io.gatehouse.support.lifecycle;

/**
 * A socket players reach (QUIC, ENet/UDP, the FiveM HTTP port). Readiness stays down until every one is bound,
 * so a balancer never sends a player to a node that would drop the packet.
 */
public interface PlayerListener {

    /** Short name for health details and logs, e.g. {@code hytale-quic}. */
    String name();

    /** The address actually bound, e.g. {@code 0.0.0.0:5520}; null while not bound. */
    String boundAddress();

    default boolean isBound() {
        return boundAddress() != null;
    }
}
