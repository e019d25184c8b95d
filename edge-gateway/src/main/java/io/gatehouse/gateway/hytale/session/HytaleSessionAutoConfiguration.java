package io.gatehouse.gateway.hytale.session;

import io.gatehouse.gateway.client.GuardedCalls;
import io.gatehouse.gateway.hytale.client.HytaleAuthClient;
import io.gatehouse.gateway.hytale.client.HytaleRegistryClient;
import io.gatehouse.gateway.hytale.client.HytaleWorldClient;
import io.gatehouse.gateway.hytale.config.HytaleTransportAutoConfiguration;
import io.gatehouse.gateway.tls.CertifiedKey;
import io.gatehouse.hytale.protocol.VersionCheck;
import io.gatehouse.support.config.ServiceSupportAutoConfiguration;
import io.gatehouse.support.grpc.GrpcChannels;
import io.gatehouse.support.roles.ConditionalOnRole;
import io.gatehouse.support.roles.Role;
import io.micrometer.core.instrument.MeterRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
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
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The Hytale connection pipeline of the gateway: the {@link io.gatehouse.gateway.hytale.transport.HytaleStreamInitializer}
 * the QUIC listener waits for, the per-connection state machine behind it, and its guarded clients of the auth
 * service, the world service and the session registry.
 */
@AutoConfiguration(before = HytaleTransportAutoConfiguration.class, after = ServiceSupportAutoConfiguration.class)
@ConditionalOnRole(Role.GATEWAY)
@ConditionalOnProperty(prefix = "gatehouse.hytale", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(HytaleSessionProperties.class)
public class HytaleSessionAutoConfiguration {

    /** Starts the service calls off the event loops; bounded, so an outage cannot pile up work without limit. */
    @Bean(name = "hytaleCallExecutor", destroyMethod = "shutdownNow")
    @ConditionalOnMissingBean(name = "hytaleCallExecutor")
    ExecutorService hytaleCallExecutor(HytaleSessionProperties properties) {
        int threads = Math.max(1, properties.getCallThreads());
        return new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(1, properties.getCallQueue())),
                new DefaultThreadFactory("hytale-calls", true), new ThreadPoolExecutor.AbortPolicy());
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    HytaleSessionManager hytaleSessionManager(HytaleSessionProperties properties, GrpcChannels channels,
            @Qualifier("hytaleServerCertificate") CertifiedKey hytaleServerCertificate,
            @Qualifier("hytaleCallExecutor") ExecutorService executor, ObjectProvider<MeterRegistry> meters) {
        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(GuardedCalls.breakerConfig());
        GuardedCalls authCalls = new GuardedCalls("auth", channels.deadline("auth"), executor,
                breakers.circuitBreaker("hytale-auth"));
        GuardedCalls worldCalls = new GuardedCalls("world", channels.deadline("world"), executor,
                breakers.circuitBreaker("hytale-world"));
        GuardedCalls sessionCalls = new GuardedCalls("session", channels.deadline("session"), executor,
                breakers.circuitBreaker("hytale-session"));
        MeterRegistry registry = meters.getIfAvailable();
        if (registry != null) {
            TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(registry);
        }
        return new HytaleSessionManager(properties, hytaleServerCertificate.sha256Fingerprint(), VersionCheck.DEFAULT,
                new HytaleAuthClient(channels.channel("auth"), authCalls, properties.getAuthCallDeadline()),
                new HytaleWorldClient(channels.channel("world"), worldCalls, properties.getAssetCallDeadline()),
                new HytaleRegistryClient(channels.channel("session"), sessionCalls),
                new HytaleJoinMetrics(registry));
    }

    @Bean
    @ConditionalOnMissingBean
    HytaleSessionStreamInitializer hytaleSessionStreamInitializer(HytaleSessionManager manager) {
        return new HytaleSessionStreamInitializer(manager);
    }
}
