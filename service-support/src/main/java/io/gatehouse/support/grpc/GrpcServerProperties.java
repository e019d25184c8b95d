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
