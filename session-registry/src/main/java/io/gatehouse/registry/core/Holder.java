package io.gatehouse.registry.core;

import java.util.Objects;

/**
 * The gateway instance and peer that hold a connected player.
 *
 * @param gatewayId    the gateway instance; should be unique per process start so a restarted gateway does not
 *                     inherit (and keep alive) the sessions of its previous life
 * @param peerId       the gateway-local peer (ENet peer id, QUIC connection id)
 * @param peerEndpoint the player's {@code ip:port} as the gateway sees it (for /players.json)
 */
public record Holder(String gatewayId, long peerId, String peerEndpoint) {

    public Holder {
        Objects.requireNonNull(gatewayId, "gatewayId");
        if (gatewayId.isBlank()) {
            throw new IllegalArgumentException("gatewayId must not be blank");
        }
        peerEndpoint = peerEndpoint == null ? "" : peerEndpoint;
    }

    /** Same gateway and peer; the endpoint is descriptive and does not identify the holder. */
    public boolean sameHolderAs(Holder other) {
        return other != null && gatewayId.equals(other.gatewayId) && peerId == other.peerId;
    }
}
