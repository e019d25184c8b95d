package io.gatehouse.gateway.fivem.udp;

import io.gatehouse.gateway.fivem.config.FivemProperties;
import io.gatehouse.gateway.fivem.http.IpRanges;
import io.gatehouse.gateway.client.GuardedCalls;
import io.gatehouse.support.grpc.GrpcChannels;
import io.gatehouse.support.roles.ConditionalOnRole;
import io.gatehouse.support.roles.Role;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The FiveM UDP port of a gateway (OOB + ENet, reference §1–§6). {@code gatehouse.fivem.udp.enabled=false} turns it
 * off. {@code gatehouse.fivem.enable-get-status} mirrors {@code sv_enableGetStatus} (read here because
 * {@link FivemProperties} has no such field yet).
 */
@AutoConfiguration
@ConditionalOnRole(Role.GATEWAY)
@ConditionalOnProperty(name = "gatehouse.fivem.udp.enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties({FivemProperties.class, FivemUdpProperties.class})
public class FivemUdpAutoConfiguration {

    /** Starts registry/world calls off the ENet loop (in-process gRPC would otherwise run the service on it). */
    @Bean(name = "fivemUdpCallExecutor", destroyMethod = "shutdownNow")
    @ConditionalOnMissingBean(name = "fivemUdpCallExecutor")
    ExecutorService fivemUdpCallExecutor() {
        int threads = Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));
        return new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(8192),
                new DefaultThreadFactory("fivem-udp-calls", true), new ThreadPoolExecutor.AbortPolicy());
    }

    @Bean
    @ConditionalOnMissingBean
    FivemRegistryClient fivemRegistryClient(GrpcChannels channels,
                                            @Qualifier("fivemUdpCallExecutor") ExecutorService executor) {
        return new FivemRegistryClient(channels.channel("session"), new GuardedCalls("session",
                channels.deadline("session"), executor,
                CircuitBreaker.of("fivem-session", GuardedCalls.breakerConfig())));
    }

    @Bean
    @ConditionalOnMissingBean
    FivemWorldClient fivemWorldClient(GrpcChannels channels,
                                      @Qualifier("fivemUdpCallExecutor") ExecutorService executor) {
        return new FivemWorldClient(channels.channel("world"),
                new GuardedCalls("world", channels.deadline("world"), executor,
                        CircuitBreaker.of("fivem-world", GuardedCalls.breakerConfig())),
                new GuardedCalls("world", channels.deadline("world"), executor,
                        CircuitBreaker.of("fivem-world-info", GuardedCalls.breakerConfig())));
    }

    @Bean(FivemUdpListener.NAME)
    FivemUdpListener fivemUdpListener(FivemProperties fivem, FivemUdpProperties udp, Environment environment,
                                      FivemRegistryClient registry, FivemWorldClient world,
                                      ObjectProvider<MeterRegistry> meters) {
        boolean getStatus = environment.getProperty("gatehouse.fivem.enable-get-status", Boolean.class, false);
        String bindDefault = environment.getProperty("server.address", "0.0.0.0");
        // unique per process start, so a restarted gateway never keeps its previous life's sessions alive
        String gatewayId = "fivem-" + UUID.randomUUID();
        return new FivemUdpListener(fivem, udp, getStatus, IpRanges.parse(fivem.getProxyIpRanges()), registry, world,
                new FivemUdpMetrics(meters.getIfAvailable()), bindDefault, gatewayId);
    }
}
