package io.gatehouse.support.grpc;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where this process finds the services it calls: {@code gatehouse.services.<name>.target} is {@code in-process}
 * (the all-in-one node) or {@code host:port}; {@code deadline} bounds every call to that service.
 */
@ConfigurationProperties("gatehouse.services")
public class GrpcClientProperties {

    private final Map<String, Target> targets = new HashMap<>();

    public Map<String, Target> getTargets() { return targets; }

    /** The settings for one named service; unknown names get the in-process defaults. */
    public Target target(String service) {
        return targets.getOrDefault(service, new Target());
    }

    public static class Target {
        private String target = "in-process";
        private Duration deadline = Duration.ofSeconds(3);

        public String getTarget() { return target; }
        public void setTarget(String target) { this.target = target; }
        public Duration getDeadline() { return deadline; }
        public void setDeadline(Duration deadline) { this.deadline = deadline; }
    }
}
