package io.gatehouse.gateway.cluster;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code gatehouse.drain.*}: how a gateway leaves the cluster on SIGTERM or {@code POST /actuator/gatehouse/drain}.
 */
@ConfigurationProperties("gatehouse.drain")
public class DrainProperties {

    /** Readiness is OUT_OF_SERVICE this long before the listeners stop accepting, so balancers notice first. */
    private Duration readinessDelay = Duration.ofSeconds(5);

    /** Upper bound of the whole drain (delay, goodbyes, session releases); the process exits after it anyway. */
    private Duration timeout = Duration.ofSeconds(20);

    public Duration getReadinessDelay() { return readinessDelay; }
    public void setReadinessDelay(Duration readinessDelay) { this.readinessDelay = readinessDelay; }
    public Duration getTimeout() { return timeout; }
    public void setTimeout(Duration timeout) { this.timeout = timeout; }
}
