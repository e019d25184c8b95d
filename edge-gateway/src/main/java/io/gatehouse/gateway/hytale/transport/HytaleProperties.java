package io.gatehouse.gateway.hytale.transport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code gatehouse.hytale.*}: the Hytale QUIC edge. Defaults are the official server's (hytale-protocol.md §1.1).
 */
@ConfigurationProperties("gatehouse.hytale")
public class HytaleProperties {

    /** Serve Hytale players on this node. */
    private boolean enabled = true;

    /** UDP port players connect to; 0 picks a free port (tests). */
    private int port = 5520;

    /** Address the UDP socket binds to. */
    private String bindAddress = "0.0.0.0";

    /**
     * ALPN protocols offered, in server preference order. The negotiated one becomes the connection's protocol
     * version ({@code hytale/2} → 2). Both v2 and v1 are served.
     */
    private List<String> alpn = new ArrayList<>(List.of("hytale/2", "hytale/1"));

    /** QUIC max_idle_timeout transport parameter (official multiplayer default 60 s). */
    private Duration maxIdleTimeout = Duration.ofMillis(60_000);

    /**
     * This node's id (0–255), written into every connection ID it issues (QUIC-LB style, see
     * {@link QuicLbConnectionIdGenerator}) so a CID-aware UDP balancer can route packets after a client's address
     * changes.
     */
    private int serverId = 0;

    /** QUIC-LB config rotation codepoint (0–6) in the first CID octet; lets balancers tell key/config epochs apart. */
    private int configRotation = 0;

    /** Length of the connection IDs this node issues (8–20 bytes). */
    private int connectionIdLength = 20;

    /**
     * Answer new connections with a QUIC Retry (stateless address validation, HMAC-signed tokens). Off by default,
     * as on the official server since 2026.02.17: it costs a round trip; turn it on under spoofed-Initial floods.
     */
    private boolean retry = false;

    /** Congestion control: BBR (as the official server), CUBIC or RENO. */
    private String congestionControl = "BBR";

    /** Probe the path MTU (the official server also sets DF on its socket, which this listener does not). */
    private boolean discoverPmtu = false;

    /** Use the native epoll transport when it is available (Linux), NIO otherwise. */
    private boolean nativeTransport = true;

    /** How long a graceful stop lets connections say goodbye (Disconnect) before they are closed. */
    private Duration shutdownGrace = Duration.ofSeconds(5);

    /** Handshakes allowed to be in flight at once; beyond that new connections are refused (flood guard). */
    private int maxPendingHandshakes = 4096;

    private final Quic quic = new Quic();
    private final Cert cert = new Cert();

    // ---------------------------------------------------------------------------------------------------------------
    // Protocol-level settings (auth mode, server password, ...) are added below by the Hytale protocol work.
    // ---------------------------------------------------------------------------------------------------------------

    /** QUIC transport parameters. Defaults are exactly the official server's; change only with a reason. */
    public static class Quic {
        private long initialMaxData = 524_288;
        private long initialMaxStreamDataBidiLocal = 131_072;
        private long initialMaxStreamDataBidiRemote = 131_072;
        private long initialMaxStreamDataUni = 0;
        /** The client may open exactly one bidirectional stream. */
        private long initialMaxStreamsBidi = 1;
        private long initialMaxStreamsUni = 0;
        private long ackDelayExponent = 3;
        /** false → the disable_active_migration transport parameter is sent (official since 2026.02.17). */
        private boolean activeMigration = false;

        public long getInitialMaxData() { return initialMaxData; }
        public void setInitialMaxData(long v) { this.initialMaxData = v; }
        public long getInitialMaxStreamDataBidiLocal() { return initialMaxStreamDataBidiLocal; }
        public void setInitialMaxStreamDataBidiLocal(long v) { this.initialMaxStreamDataBidiLocal = v; }
        public long getInitialMaxStreamDataBidiRemote() { return initialMaxStreamDataBidiRemote; }
        public void setInitialMaxStreamDataBidiRemote(long v) { this.initialMaxStreamDataBidiRemote = v; }
        public long getInitialMaxStreamDataUni() { return initialMaxStreamDataUni; }
        public void setInitialMaxStreamDataUni(long v) { this.initialMaxStreamDataUni = v; }
        public long getInitialMaxStreamsBidi() { return initialMaxStreamsBidi; }
        public void setInitialMaxStreamsBidi(long v) { this.initialMaxStreamsBidi = v; }
        public long getInitialMaxStreamsUni() { return initialMaxStreamsUni; }
        public void setInitialMaxStreamsUni(long v) { this.initialMaxStreamsUni = v; }
        public long getAckDelayExponent() { return ackDelayExponent; }
        public void setAckDelayExponent(long v) { this.ackDelayExponent = v; }
        public boolean isActiveMigration() { return activeMigration; }
        public void setActiveMigration(boolean v) { this.activeMigration = v; }
    }

    /**
     * The server certificate: a PKCS#12 ({@code pkcs12} + {@code password}, {@code thumbprint} picks one of several
     * entries), else a PEM pair ({@code pem} + {@code key}), else an ECDSA P-256 certificate generated on first start
     * and persisted under {@code gatehouse.data-dir}, so the fingerprint survives restarts.
     */
    public static class Cert {
        /** PEM certificate chain, leaf first. */
        private Path pem;
        /** Unencrypted PEM private key for {@link #pem}. */
        private Path key;
        /** PKCS#12 key store. */
        private Path pkcs12;
        /** PKCS#12 password. */
        private String password;
        /**
         * 40-hex SHA-1 thumbprint selecting the certificate (like AlloyServer's {@code ALLOY_CERT_THUMBPRINT}, which
         * is read when this is unset).
         */
        private String thumbprint;
        /** Subject CN of a generated certificate (SAN always includes localhost). */
        private String commonName = "localhost";

        public Path getPem() { return pem; }
        public void setPem(Path pem) { this.pem = pem; }
        public Path getKey() { return key; }
        public void setKey(Path key) { this.key = key; }
        public Path getPkcs12() { return pkcs12; }
        public void setPkcs12(Path pkcs12) { this.pkcs12 = pkcs12; }
        public String getPassword() { return password; }
        public void setPassword(String password) { this.password = password; }
        public String getThumbprint() { return thumbprint; }
        public void setThumbprint(String thumbprint) { this.thumbprint = thumbprint; }
        public String getCommonName() { return commonName; }
        public void setCommonName(String commonName) { this.commonName = commonName; }
    }

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public int getPort() { return port; }
    public void setPort(int port) { this.port = port; }
    public String getBindAddress() { return bindAddress; }
    public void setBindAddress(String bindAddress) { this.bindAddress = bindAddress; }
    public List<String> getAlpn() { return alpn; }
    public void setAlpn(List<String> alpn) { this.alpn = alpn; }
    public Duration getMaxIdleTimeout() { return maxIdleTimeout; }
    public void setMaxIdleTimeout(Duration maxIdleTimeout) { this.maxIdleTimeout = maxIdleTimeout; }
    public int getServerId() { return serverId; }
    public void setServerId(int serverId) { this.serverId = serverId; }
    public int getConfigRotation() { return configRotation; }
    public void setConfigRotation(int configRotation) { this.configRotation = configRotation; }
    public int getConnectionIdLength() { return connectionIdLength; }
    public void setConnectionIdLength(int connectionIdLength) { this.connectionIdLength = connectionIdLength; }
    public boolean isRetry() { return retry; }
    public void setRetry(boolean retry) { this.retry = retry; }
    public String getCongestionControl() { return congestionControl; }
    public void setCongestionControl(String congestionControl) { this.congestionControl = congestionControl; }
    public boolean isDiscoverPmtu() { return discoverPmtu; }
    public void setDiscoverPmtu(boolean discoverPmtu) { this.discoverPmtu = discoverPmtu; }
    public boolean isNativeTransport() { return nativeTransport; }
    public void setNativeTransport(boolean nativeTransport) { this.nativeTransport = nativeTransport; }
    public Duration getShutdownGrace() { return shutdownGrace; }
    public void setShutdownGrace(Duration shutdownGrace) { this.shutdownGrace = shutdownGrace; }
    public int getMaxPendingHandshakes() { return maxPendingHandshakes; }
    public void setMaxPendingHandshakes(int maxPendingHandshakes) { this.maxPendingHandshakes = maxPendingHandshakes; }
    public Quic getQuic() { return quic; }
    public Cert getCert() { return cert; }
}
