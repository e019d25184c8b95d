package io.gatehouse.support.grpc;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where this process serves its gRPC services.
 *
 * <p>In the all-in-one node every service registers on one in-process server, so the gateway's calls never touch a
 * socket. A split deployment gives each service its own port; the bind address defaults to loopback because the
 * internal contracts are not meant to be reachable from players' networks.
 */
@ConfigurationProperties("gatehouse.grpc")
public class GrpcServerProperties {

    /** Serve on an in-process transport instead of a TCP port (the all-in-one node). */
    private boolean inProcess = true;

    /** Name of the in-process server; clients whose target is {@code in-process} connect to it. */
    private String inProcessName = "gatehouse";

    /** Address the network server binds to (split mode). */
    private String bindAddress = "127.0.0.1";

    /** TCP port of the network server (split mode); 0 picks a free port. */
    private int port = 0;

    /** How long a graceful shutdown waits for calls in flight before cancelling them. */
    private java.time.Duration shutdownGrace = java.time.Duration.ofSeconds(5);

    /**
     * A network connection is asked to close (GOAWAY) after this age, so clients using {@code dns:///} targets
     * re-resolve and spread onto pods added since; long-lived streams (cluster events) reconnect by themselves.
     */
    private java.time.Duration maxConnectionAge = java.time.Duration.ofMinutes(5);

    /** How long calls in flight may finish on a connection past {@link #maxConnectionAge}. */
    private java.time.Duration maxConnectionAgeGrace = java.time.Duration.ofSeconds(30);

    /** TLS for the network gRPC server and for this process's channels to the other services. */
    private final Tls tls = new Tls();

    public Tls getTls() { return tls; }

    /**
     * Mutual TLS between services (split mode; ignored in-process). One identity per process: it serves with this
     * certificate and presents it when calling; peers are verified against {@code trust-certificates}, and a server
     * with trust certificates requires a client certificate. Files are PEM.
     */
    public static class Tls {
        /** Serve and call gRPC over TLS instead of plaintext. */
        private boolean enabled = false;
        /** PEM certificate chain of this process (leaf first). */
        private String certificate;
        /** PEM private key of this process (PKCS#8). */
        private String privateKey;
        /** PEM CA certificates trusted for peers; with it the server requires and verifies client certificates. */
        private String trustCertificates;

        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean enabled) { this.enabled = enabled; }
        public String getCertificate() { return certificate; }
        public void setCertificate(String certificate) { this.certificate = certificate; }
        public String getPrivateKey() { return privateKey; }
        public void setPrivateKey(String privateKey) { this.privateKey = privateKey; }
        public String getTrustCertificates() { return trustCertificates; }
        public void setTrustCertificates(String trustCertificates) { this.trustCertificates = trustCertificates; }
    }

    public java.time.Duration getMaxConnectionAge() { return maxConnectionAge; }
    public void setMaxConnectionAge(java.time.Duration maxConnectionAge) { this.maxConnectionAge = maxConnectionAge; }
    public java.time.Duration getMaxConnectionAgeGrace() { return maxConnectionAgeGrace; }
    public void setMaxConnectionAgeGrace(java.time.Duration grace) { this.maxConnectionAgeGrace = grace; }
    public boolean isInProcess() { return inProcess; }
    public void setInProcess(boolean inProcess) { this.inProcess = inProcess; }
    public String getInProcessName() { return inProcessName; }
    public void setInProcessName(String inProcessName) { this.inProcessName = inProcessName; }
    public String getBindAddress() { return bindAddress; }
    public void setBindAddress(String bindAddress) { this.bindAddress = bindAddress; }
    public int getPort() { return port; }
    public void setPort(int port) { this.port = port; }
    public java.time.Duration getShutdownGrace() { return shutdownGrace; }
    public void setShutdownGrace(java.time.Duration shutdownGrace) { this.shutdownGrace = shutdownGrace; }
}
