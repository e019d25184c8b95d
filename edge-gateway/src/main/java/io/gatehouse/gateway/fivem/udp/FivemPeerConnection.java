package io.gatehouse.gateway.fivem.udp;

import io.gatehouse.contracts.session.v1.Holder;
import io.gatehouse.enet.EnetPeer;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * One ENet peer of the FiveM port and what the gateway knows about it. Confined to the host's event loop; async
 * continuations hop back to the loop and check {@link #isOpen()} before acting. The token is kept only to fence the
 * session removal; it is never logged ({@link #toString()} omits it).
 */
final class FivemPeerConnection {

    /** Where the connection is in its life; each state has its handler. */
    enum Phase { AWAITING_HANDSHAKE, BINDING, JOINING, CONNECTED, REFUSED, CLOSED }

    final EnetPeer peer;
    /** Unique per process: the holder's peer id, so a late remove never hits a newer connection of the player. */
    final long id;
    final int tokenHash;
    final InetSocketAddress address;
    final long connectedAtNanos;
    /** Completes when the registry locked the connect gate; the clear is chained after it so it can never overtake. */
    CompletableFuture<?> gateLock = CompletableFuture.completedFuture(null);
    boolean gateCleared;

    Phase phase = Phase.AWAITING_HANDSHAKE;
    FivemPeerHandler handler;
    long lastSeenNanos;

    // set once the registry bound the player
    String guid;
    String token;
    String name = "";
    int netId;
    int slotId = -1;
    Holder holder;
    /** The session's creation (initConnect) in the registry, epoch millis: the start of the join's duration. */
    long createdAtMillis;
    /** True once join events went out (or would have): a drop then tells the others. */
    boolean joined;

    FivemPeerConnection(EnetPeer peer, long id, int tokenHash, long nowNanos) {
        this.peer = peer;
        this.id = id;
        this.tokenHash = tokenHash;
        this.address = peer.remoteAddress();
        this.connectedAtNanos = nowNanos;
        this.lastSeenNanos = nowNanos;
    }

    boolean isOpen() {
        return phase != Phase.CLOSED && peer.isConnected();
    }

    boolean isBound() {
        return guid != null && holder != null;
    }

    void touch(long nowNanos) {
        lastSeenNanos = nowNanos;
    }

    @Override
    public String toString() {
        return "FivemPeer[" + id + ", " + address + ", " + phase + (guid == null ? "" : ", guid=" + guid + ", netId=" + netId) + "]";
    }
}
