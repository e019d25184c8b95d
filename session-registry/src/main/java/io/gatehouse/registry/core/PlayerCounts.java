package io.gatehouse.registry.core;

/**
 * Cluster-wide numbers for one game.
 *
 * @param pending    sessions without a gateway peer yet
 * @param connected  sessions bound to a gateway peer
 * @param netIdsInUse final net IDs handed out and not yet released
 * @param slotsInUse  OneSync slots handed out and not yet released
 */
public record PlayerCounts(int pending, int connected, int netIdsInUse, int slotsInUse) {
}
