package io.gatehouse.support.grpc;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where this process finds the services it calls: {@code gatehouse.services.<name>.target} is {@code in-process}
 * (the all-in-one node) or {@code host:port} / any gRPC target URI (split mode); {@code deadline} bounds every call.
 */
@ConfigurationProperties("gatehouse.services")
public class GrpcClientProperties {

    private Target session = new Target();
    private Target auth = new Target();
    private Target world = new Target();

    public Target getSession() { return session; }
    public void setSession(Target session) { this.session = session; }
    public Target getAuth() { return auth; }
    public void setAuth(Target auth) { this.auth = auth; }
    public Target getWorld() { return world; }
    public void setWorld(Target world) { this.world = world; }

    /** The settings for one named service: {@code session}, {@code auth} or {@code world}. */
    public Target target(String service) {
        return switch (service) {
            case "session" -> session;
            case "auth" -> auth;
            case "world" -> world;
            default -> throw new IllegalArgumentException("No such service: " + service);
        };
    }

    public static class Target {
        private String target = GrpcChannels.IN_PROCESS;
        private Duration deadline = Duration.ofSeconds(3);

        public String getTarget() { return target; }
        public void setTarget(String target) { this.target = target; }
        public Duration getDeadline() { return deadline; }
        public void setDeadline(Duration deadline) { this.deadline = deadline; }
    }
}
