package io.gatehouse.gateway.hytale.session;

/**
 * Where a Hytale connection is. The seed's names (CONNECTING … DISCONNECTED) plus the two stages the official
 * server has between login and play: the password exchange and setup.
 */
public enum ConnectionState {
    /** QUIC up, stream open, waiting for Connect. */
    HANDSHAKING("initial"),
    /** Connect accepted; AuthGrant/AuthToken/ServerAuthToken (or ConnectAccept in insecure mode). */
    AUTHENTICATING("auth"),
    /** Waiting for PasswordResponse. */
    PASSWORD("password"),
    /** Registry, WorldSettings, assets, JoinWorld. */
    SETUP("setup"),
    /** Joined: ClientReady, SetClientId, Ping/Pong. */
    PLAY("play"),
    /** Disconnect written; the connection closes shortly. */
    DISCONNECTING("disconnecting"),
    DISCONNECTED("disconnected");

    private final String metricName;

    ConnectionState(String metricName) {
        this.metricName = metricName;
    }

    /** The low-cardinality {@code stage} tag. */
    public String metricName() {
        return metricName;
    }
}
