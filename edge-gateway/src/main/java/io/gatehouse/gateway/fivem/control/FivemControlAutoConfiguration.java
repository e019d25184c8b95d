package io.gatehouse.gateway.fivem.control;

import io.gatehouse.gateway.client.GuardedCalls;
import io.gatehouse.support.config.ServiceSupportAutoConfiguration;
import io.gatehouse.support.grpc.GrpcChannels;
import io.gatehouse.support.roles.ConditionalOnRole;
import io.gatehouse.support.roles.Role;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import io.gatehouse.gateway.fivem.http.FivemHttpHandlers;
import org.springframework.core.env.Environment;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The gateway's FiveM control plane: {@link FivemControlPlane} implements every handler of the HTTP transport's SPI
 * (picked up by {@code FivemHttpAutoConfiguration} when present) by calling the auth and world services. Active
 * when those are reachable ({@link OnBackendsReachable}).
 */
@AutoConfiguration(after = ServiceSupportAutoConfiguration.class)
@ConditionalOnRole(Role.GATEWAY)
@Conditional(OnBackendsReachable.class)
@EnableConfigurationProperties(FivemControlProperties.class)
public class FivemControlAutoConfiguration {

    @Bean(name = "fivemControlScheduler", destroyMethod = "dispose")
    @ConditionalOnMissingBean(name = "fivemControlScheduler")
    Scheduler fivemControlScheduler() {
        return Schedulers.newBoundedElastic(Math.max(4, Runtime.getRuntime().availableProcessors() * 4), 100_000,
                "fivem-control");
    }

    @Bean
    @ConditionalOnMissingBean
    FivemControlMetrics fivemControlMetrics(ObjectProvider<MeterRegistry> registry) {
        return new FivemControlMetrics(registry.getIfAvailable(SimpleMeterRegistry::new));
    }

    /** Backs off when the application declares its own handlers (e.g. a test, or a custom control plane). */
    @Bean
    @ConditionalOnMissingBean({FivemControlPlane.class, FivemHttpHandlers.Info.class, FivemHttpHandlers.Dynamic.class,
            FivemHttpHandlers.Players.class, FivemHttpHandlers.Client.class, FivemHttpHandlers.Files.class})
    FivemControlPlane fivemControlPlane(GrpcChannels channels, FivemControlProperties properties,
                                        FivemControlMetrics metrics, Scheduler fivemControlScheduler,
                                        Environment environment) {
        String gatewayId = environment.getProperty("gatehouse.gateway.id", "gateway-" + UUID.randomUUID());
        return new FivemControlPlane(
                channels.channel("auth"), channels.channel("world"),
                channels.channel("session"), channels.deadline("session"),
                properties,
                guarded("auth", channels.deadline("auth"), properties.getAuthBulkhead(), fivemControlScheduler),
                guarded("world", channels.deadline("world"), properties.getWorldBulkhead(), fivemControlScheduler),
                metrics, gatewayId);
    }

    private static GuardedCalls guarded(String service, Duration deadline, int maxConcurrentCalls,
                                        Scheduler scheduler) {
        // long deferrals and downloads are normal, not a sign of a slow service
        return new GuardedCalls(service, deadline, scheduler,
                CircuitBreaker.of("fivem-" + service, GuardedCalls.longCallBreakerConfig()),
                Bulkhead.of("fivem-" + service, BulkheadConfig.custom()
                        .maxConcurrentCalls(maxConcurrentCalls).maxWaitDuration(Duration.ZERO).build()));
    }
}
