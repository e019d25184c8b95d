package io.gatehouse.gateway.fivem.udp;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The UDP side of the FiveM port ({@code gatehouse.fivem.udp.*}); the port itself, {@code sv_maxclients}, the
 * hostname and the proxy ranges come from {@code gatehouse.fivem.*}. Defaults are FXServer's.
 */
@ConfigurationProperties("gatehouse.fivem.udp")
public class FivemUdpProperties {

    /** Address the UDP socket binds to; unset: {@code server.address}, else {@code 0.0.0.0}. Use {@code ::} for dual-stack. */
    private String bindAddress;

    /** Peers beyond {@code sv_maxclients} (FXServer: {@code MAX_CLIENTS + 32} ENet peers). */
    private int peerHeadroom = 32;

    /** {@code CLIENT_DEAD_TIMEOUT}: a joined player without any packet for this long is dropped. */
    private Duration deadTimeout = Duration.ofSeconds(60);

    /** The hard ENet timeout set after connectOK ({@code enet_peer_timeout(peer, 10000000, 10000000, 30000)}). */
    private Duration enetTimeout = Duration.ofSeconds(30);

    /** An ENet peer that has not completed (or was refused) the handshake is reset after this long. */
    private Duration handshakeTimeout = Duration.ofSeconds(30);

    /**
     * A joined player whose ENet peer disconnected or timed out is dropped after this grace, unless it re-binds with
     * the same guid and token meanwhile (keeping net ID and slot, no join events).
     */
    private Duration reconnectGrace = Duration.ofSeconds(5);

    /** How often held players are vouched for to the registry. */
    private Duration heartbeatInterval = Duration.ofSeconds(10);

    /** How often the getinfo/getstatus answer is refreshed (never per datagram). */
    private Duration infoRefreshInterval = Duration.ofSeconds(1);

    /** {@code msgFrame} is sent at least this often (FXServer: every 1000 ms). */
    private Duration frameInterval = Duration.ofSeconds(1);

    /** How long the ENet host waits for the registry's CONNECT verdict before dropping the CONNECT. */
    private Duration gateTimeout = Duration.ofSeconds(4);

    /** Tracked getinfo/getstatus sources at most (FXServer keeps an LRU of 4000). */
    private int rateLimitSources = 4000;

    /** The reason shown to players when this node stops (sent as {@code Server shutting down: <reason>}). */
    private String shutdownReason = "Gatehouse node stopping";

    public String getBindAddress() { return bindAddress; }
    public void setBindAddress(String bindAddress) { this.bindAddress = bindAddress; }
    public int getPeerHeadroom() { return peerHeadroom; }
    public void setPeerHeadroom(int peerHeadroom) { this.peerHeadroom = peerHeadroom; }
    public Duration getDeadTimeout() { return deadTimeout; }
    public void setDeadTimeout(Duration deadTimeout) { this.deadTimeout = deadTimeout; }
    public Duration getEnetTimeout() { return enetTimeout; }
    public void setEnetTimeout(Duration enetTimeout) { this.enetTimeout = enetTimeout; }
    public Duration getHandshakeTimeout() { return handshakeTimeout; }
    public void setHandshakeTimeout(Duration handshakeTimeout) { this.handshakeTimeout = handshakeTimeout; }
    public Duration getReconnectGrace() { return reconnectGrace; }
    public void setReconnectGrace(Duration reconnectGrace) { this.reconnectGrace = reconnectGrace; }
    public Duration getHeartbeatInterval() { return heartbeatInterval; }
    public void setHeartbeatInterval(Duration heartbeatInterval) { this.heartbeatInterval = heartbeatInterval; }
    public Duration getInfoRefreshInterval() { return infoRefreshInterval; }
    public void setInfoRefreshInterval(Duration infoRefreshInterval) { this.infoRefreshInterval = infoRefreshInterval; }
    public Duration getFrameInterval() { return frameInterval; }
    public void setFrameInterval(Duration frameInterval) { this.frameInterval = frameInterval; }
    public Duration getGateTimeout() { return gateTimeout; }
    public void setGateTimeout(Duration gateTimeout) { this.gateTimeout = gateTimeout; }
    public int getRateLimitSources() { return rateLimitSources; }
    public void setRateLimitSources(int rateLimitSources) { this.rateLimitSources = rateLimitSources; }
    public String getShutdownReason() { return shutdownReason; }
    public void setShutdownReason(String shutdownReason) { this.shutdownReason = shutdownReason; }
}
