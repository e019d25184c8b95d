package io.gatehouse.enet;

/** Peer states, in ENet's order ({@code ENetPeerState}); the order matters to the protocol's comparisons. */
public enum PeerState {
    DISCONNECTED,
    CONNECTING,
    ACKNOWLEDGING_CONNECT,
    CONNECTION_PENDING,
    CONNECTION_SUCCEEDED,
    CONNECTED,
    DISCONNECT_LATER,
    DISCONNECTING,
    ACKNOWLEDGING_DISCONNECT,
    ZOMBIE
}
