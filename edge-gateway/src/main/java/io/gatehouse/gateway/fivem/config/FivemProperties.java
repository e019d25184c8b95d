package io.gatehouse.gateway.fivem.config;

import io.gatehouse.support.fivem.FivemSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The FiveM side of a gateway ({@code gatehouse.fivem.*}): the keys shared with the auth and world services
 * ({@link FivemSettings}) plus the gateway's own below. Each setting names the FXServer convar it stands for, so an
 * operator moving from {@code server.cfg} can translate line by line (docs/configuration.md has the table).
 */
@ConfigurationProperties("gatehouse.fivem")
public class FivemProperties extends FivemSettings {

    /** Highest {@code sv_maxclients} FXServer accepts ({@code MAX_CLIENTS} in big OneSync mode). */
    public static final int MAX_CLIENTS_LIMIT = 2048;

    /**
     * One port number for TCP (HTTP and TLS, multiplexed) and UDP (out-of-band and ENet): the port of
     * {@code endpoint_add_tcp}/{@code endpoint_add_udp} and of {@code sv_endpoints}. The web server's
     * {@code server.port} is set to it by the launcher and the split-mode main.
     */
    private int port = 30120;

    /**
     * {@code sv_proxyIPRanges} (CIDR list). A TCP peer in one of these ranges may assert the player's address with
     * {@code X-Real-IP}, bypasses the {@code http_*} rate limiters and the per-IP TCP connection limit. FXServer's
     * default is the IPv4 private ranges and loopback; we add the IPv6 loopback and unique-local ranges.
     */
    private List<String> proxyIpRanges = new ArrayList<>(List.of(
            "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8", "::1/128", "fc00::/7"));

    /**
     * {@code sv_requestParanoia}: 0 off; 1 answers 403 {@code Nope.} to info/dynamic/players requests carrying
     * {@code Via}; 2 also to those carrying {@code Upgrade-Insecure-Requests} (browsers); 3 also closes the socket.
     */
    private int requestParanoia = 0;

    /** {@code net_tcpConnLimit}: open TCP connections per remote IP; loopback and proxy ranges are exempt. */
    private int tcpConnectionLimit = 16;

    /** {@code sv_maxClientEndpointRequestSize}: largest {@code POST /client} body, in bytes. */
    private int maxClientRequestSize = 102400;

    private final RateLimiters rateLimiters = new RateLimiters();

    private final Tls tls = new Tls();

    private final Http http = new Http();

    public int getPort() { return port; }
    public void setPort(int port) { this.port = port; }

    /** The gateway sizes its ENet host by it, so it refuses what FXServer refuses. */
    @Override
    public void setMaxClients(int maxClients) {
        if (maxClients < 1 || maxClients > MAX_CLIENTS_LIMIT) {
            throw new IllegalArgumentException("gatehouse.fivem.max-clients must be 1.." + MAX_CLIENTS_LIMIT
                    + " (sv_maxclients), got " + maxClients);
        }
        super.setMaxClients(maxClients);
    }

    public List<String> getProxyIpRanges() { return proxyIpRanges; }
    public void setProxyIpRanges(List<String> proxyIpRanges) { this.proxyIpRanges = proxyIpRanges; }
    public int getRequestParanoia() { return requestParanoia; }
    public void setRequestParanoia(int requestParanoia) { this.requestParanoia = requestParanoia; }
    public int getTcpConnectionLimit() { return tcpConnectionLimit; }
    public void setTcpConnectionLimit(int tcpConnectionLimit) { this.tcpConnectionLimit = tcpConnectionLimit; }
    public int getMaxClientRequestSize() { return maxClientRequestSize; }
    public void setMaxClientRequestSize(int maxClientRequestSize) { this.maxClientRequestSize = maxClientRequestSize; }
    public RateLimiters getRateLimiters() { return rateLimiters; }
    public Tls getTls() { return tls; }
    public Http getHttp() { return http; }

    /**
     * Token buckets per source address, one per FXServer limiter name; FXServer's convars are
     * {@code rateLimiter_<name>_rate} and {@code rateLimiter_<name>_burst}.
     */
    public static class RateLimiters {

        /** {@code http_info}: {@code GET /info.json}. */
        private final RateLimit httpInfo = new RateLimit(4.0, 10.0);
        /** {@code http_players}: {@code GET /players.json}. */
        private final RateLimit httpPlayers = new RateLimit(4.0, 10.0);
        /** {@code getinfo}: UDP out-of-band {@code getinfo}. */
        private final RateLimit getinfo = new RateLimit(2.0, 10.0);
        /** {@code getstatus}: UDP out-of-band {@code getstatus}. */
        private final RateLimit getstatus = new RateLimit(1.0, 5.0);
        /** {@code rcon}: UDP out-of-band {@code rcon}. */
        private final RateLimit rcon = new RateLimit(0.2, 5.0);

        public RateLimit getHttpInfo() { return httpInfo; }
        public RateLimit getHttpPlayers() { return httpPlayers; }
        public RateLimit getGetinfo() { return getinfo; }
        public RateLimit getGetstatus() { return getstatus; }
        public RateLimit getRcon() { return rcon; }

        /** The settings of a limiter by its FXServer name ({@code http_info}, ...); null if there is none. */
        public RateLimit byName(String fxName) {
            return switch (fxName) {
                case "http_info" -> httpInfo;
                case "http_players" -> httpPlayers;
                case "getinfo" -> getinfo;
                case "getstatus" -> getstatus;
                case "rcon" -> rcon;
                default -> null;
            };
        }
    }

    /** One token bucket: {@code rate} tokens per second, at most {@code burst} banked. */
    public static class RateLimit {

        private double rate;
        private double burst;

        public RateLimit() {
        }

        public RateLimit(double rate, double burst) {
            this.rate = rate;
            this.burst = burst;
        }

        public double getRate() { return rate; }
        public void setRate(double rate) { this.rate = rate; }
        public double getBurst() { return burst; }
        public void setBurst(double burst) { this.burst = burst; }
    }

    /**
     * The certificate served to TLS connections on the FiveM port ({@code /files}; the client does not verify it).
     * FXServer generates a self-signed one ({@code server-tls.crt}/{@code server-tls.key}, CN
     * {@code do-not-trust.citizenfx.tls.invalid}); so do we when no files are given, persisting it under
     * {@code gatehouse.data-dir} so restarts keep it.
     */
    public static class Tls {

        /** PEM certificate (chain) file; with {@code private-key}, replaces the generated certificate. */
        private Path certificate;
        /** PEM private key file (PKCS#8 or PKCS#1). */
        private Path privateKey;

        public Path getCertificate() { return certificate; }
        public void setCertificate(Path certificate) { this.certificate = certificate; }
        public Path getPrivateKey() { return privateKey; }
        public void setPrivateKey(Path privateKey) { this.privateKey = privateKey; }
    }

    /** Connection hygiene of the TCP port, so idle and slow-loris connections cannot pile up. */
    public static class Http {

        /**
         * From a connection's accept (and, on a kept-alive connection, from the first byte after a response) until
         * the request line and headers are complete; includes TLS detection and the TLS handshake.
         */
        private Duration requestHeaderTimeout = Duration.ofSeconds(10);

        /** A kept-alive connection with no request in flight is closed after this long. */
        private Duration idleTimeout = Duration.ofSeconds(30);

        public Duration getRequestHeaderTimeout() { return requestHeaderTimeout; }
        public void setRequestHeaderTimeout(Duration requestHeaderTimeout) { this.requestHeaderTimeout = requestHeaderTimeout; }
        public Duration getIdleTimeout() { return idleTimeout; }
        public void setIdleTimeout(Duration idleTimeout) { this.idleTimeout = idleTimeout; }
    }
}
