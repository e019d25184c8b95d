package io.gatehouse.gateway.hytale.session;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Hytale connection pipeline's settings ({@code gatehouse.hytale.*}, next to the transport's). Stage timeouts
 * default to the official multiplayer profile (hytale-protocol.md §6.4, {@code ConnectionTimeouts}).
 */
@ConfigurationProperties("gatehouse.hytale")
public class HytaleSessionProperties {

    /**
     * This gateway instance in the session registry; unset: host name plus a random suffix, new at every start so a
     * restarted gateway does not inherit its previous life's players.
     */
    private String gatewayId;

    /**
     * The server version string of the QUIC reason phrase when a v2 client's CRC does not match (the official server
     * sends its ImplementationVersion).
     */
    private String serverVersion = "2026.02.17-255364b8e";

    /** Deadline of BeginLogin/CompleteLogin, which include session-service calls. */
    private Duration authCallDeadline = Duration.ofSeconds(12);

    /** Deadline of one asset stream from the world service. */
    private Duration assetCallDeadline = Duration.ofSeconds(120);

    /** Threads that start calls to the services (never the event loop); also the calls' bulkhead. */
    private int callThreads = 4;

    /** Calls that may wait for a call thread before new ones fail fast. */
    private int callQueue = 10_000;

    /** Ping cadence in play (official: every second). */
    private Duration pingInterval = Duration.ofSeconds(1);

    /** How often the gateway vouches for its players in the session registry (below the registry's gateway TTL). */
    private Duration heartbeatInterval = Duration.ofSeconds(10);

    /**
     * Pause between writing Disconnect and closing the connection, so the packet leaves before CONNECTION_CLOSE
     * (the official server waits 100 ms on its ALPN rejection for the same reason).
     */
    private Duration closeDelay = Duration.ofMillis(100);

    private final Timeouts timeouts = new Timeouts();

    /** Stage timeouts (official keys in parentheses). */
    public static class Timeouts {
        /** Stream open → Connect ({@code InitialTimeout}). */
        private Duration initial = Duration.ofSeconds(15);
        /** Connect → AuthGrant sent, including the session-service grant call ({@code AuthGrantTimeout}). */
        private Duration authGrant = Duration.ofSeconds(30);
        /** AuthGrant sent → AuthToken received ({@code AuthTokenTimeout}). */
        private Duration authToken = Duration.ofSeconds(30);
        /** AuthToken → ServerAuthToken sent ({@code AuthServerExchangeTimeout}). */
        private Duration authServerExchange = Duration.ofSeconds(15);
        /** Waiting for PasswordResponse ({@code PasswordTimeout}). */
        private Duration password = Duration.ofSeconds(45);
        /** Setup start → WorldSettings sent ({@code SetupWorldSettings}). */
        private Duration setupWorldSettings = Duration.ofSeconds(15);
        /** WorldSettings → RequestAssets ({@code SetupAssetsRequest}). */
        private Duration setupAssetsRequest = Duration.ofSeconds(120);
        /** Asset streaming ({@code SetupSendAssets}). */
        private Duration setupSendAssets = Duration.ofSeconds(120);
        /** Assets and PlayerOptions → JoinWorld ({@code SetupAddToUniverse}). */
        private Duration setupAddToUniverse = Duration.ofSeconds(60);
        /** JoinWorld → ClientReady(readyForChunks) (hard-coded 30 s in {@code World.addPlayer}). */
        private Duration clientReady = Duration.ofSeconds(30);
        /** In-game read inactivity ({@code PlayTimeout}); also the QUIC idle timeout. */
        private Duration play = Duration.ofSeconds(60);

        public Duration getInitial() { return initial; }
        public void setInitial(Duration v) { this.initial = v; }
        public Duration getAuthGrant() { return authGrant; }
        public void setAuthGrant(Duration v) { this.authGrant = v; }
        public Duration getAuthToken() { return authToken; }
        public void setAuthToken(Duration v) { this.authToken = v; }
        public Duration getAuthServerExchange() { return authServerExchange; }
        public void setAuthServerExchange(Duration v) { this.authServerExchange = v; }
        public Duration getPassword() { return password; }
        public void setPassword(Duration v) { this.password = v; }
        public Duration getSetupWorldSettings() { return setupWorldSettings; }
        public void setSetupWorldSettings(Duration v) { this.setupWorldSettings = v; }
        public Duration getSetupAssetsRequest() { return setupAssetsRequest; }
        public void setSetupAssetsRequest(Duration v) { this.setupAssetsRequest = v; }
        public Duration getSetupSendAssets() { return setupSendAssets; }
        public void setSetupSendAssets(Duration v) { this.setupSendAssets = v; }
        public Duration getSetupAddToUniverse() { return setupAddToUniverse; }
        public void setSetupAddToUniverse(Duration v) { this.setupAddToUniverse = v; }
        public Duration getClientReady() { return clientReady; }
        public void setClientReady(Duration v) { this.clientReady = v; }
        public Duration getPlay() { return play; }
        public void setPlay(Duration v) { this.play = v; }
    }

    public String getGatewayId() { return gatewayId; }
    public void setGatewayId(String gatewayId) { this.gatewayId = gatewayId; }
    public String getServerVersion() { return serverVersion; }
    public void setServerVersion(String serverVersion) { this.serverVersion = serverVersion; }
    public Duration getAuthCallDeadline() { return authCallDeadline; }
    public void setAuthCallDeadline(Duration v) { this.authCallDeadline = v; }
    public Duration getAssetCallDeadline() { return assetCallDeadline; }
    public void setAssetCallDeadline(Duration v) { this.assetCallDeadline = v; }
    public int getCallThreads() { return callThreads; }
    public void setCallThreads(int callThreads) { this.callThreads = callThreads; }
    public int getCallQueue() { return callQueue; }
    public void setCallQueue(int callQueue) { this.callQueue = callQueue; }
    public Duration getPingInterval() { return pingInterval; }
    public void setPingInterval(Duration v) { this.pingInterval = v; }
    public Duration getHeartbeatInterval() { return heartbeatInterval; }
    public void setHeartbeatInterval(Duration v) { this.heartbeatInterval = v; }
    public Duration getCloseDelay() { return closeDelay; }
    public void setCloseDelay(Duration v) { this.closeDelay = v; }
    public Timeouts getTimeouts() { return timeouts; }
}
