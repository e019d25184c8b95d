package io.gatehouse.support.config;

import io.gatehouse.support.grpc.GrpcChannels;
import io.gatehouse.support.grpc.GrpcClientProperties;
import io.gatehouse.support.grpc.GrpcServerLifecycle;
import io.gatehouse.support.grpc.GrpcServerProperties;
import io.gatehouse.support.lifecycle.ListenerReadiness;
import io.gatehouse.support.lifecycle.PlayerListener;
import io.grpc.BindableService;
import io.gatehouse.contracts.session.v1.SessionRegistryGrpc;
import io.gatehouse.support.metrics.RegistryCallInterceptor;
import io.gatehouse.support.metrics.RegistryCallMetrics;
import io.grpc.MethodDescriptor;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** The plumbing every Gatehouse process shares, whichever services it hosts. */
@AutoConfiguration
@EnableConfigurationProperties({GrpcServerProperties.class, GrpcClientProperties.class})
public class ServiceSupportAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    GrpcServerLifecycle grpcServerLifecycle(GrpcServerProperties properties, ObjectProvider<BindableService> services,
                                            ObjectProvider<MeterRegistry> meterRegistry) {
        return new GrpcServerLifecycle(properties, services.orderedStream().toList(), meterRegistry.getIfAvailable());
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    GrpcChannels grpcChannels(GrpcClientProperties clients, GrpcServerProperties server,
                              ObjectProvider<MeterRegistry> meterRegistry) {
        MeterRegistry registry = meterRegistry.getIfAvailable();
        if (registry == null) {
            return new GrpcChannels(clients, server);
        }
        // Every unary registry method has its errors counter at 0 from the start (see RegistryCallMetrics).
        List<String> operations = SessionRegistryGrpc.getServiceDescriptor().getMethods().stream()
                .filter(m -> m.getType() == MethodDescriptor.MethodType.UNARY)
                .map(m -> RegistryCallMetrics.operationName(m.getBareMethodName())).toList();
        boolean remoteRegistry = !GrpcChannels.IN_PROCESS.equals(clients.target("session").getTarget());
        RegistryCallMetrics metrics = new RegistryCallMetrics(registry);
        if (remoteRegistry) {
            metrics.preregister(operations);
        }
        return new GrpcChannels(clients, server, new RegistryCallInterceptor(metrics));
    }

    @Bean("listeners")
    @ConditionalOnMissingBean
    ListenerReadiness listenerReadiness(ObjectProvider<PlayerListener> listeners) {
        return new ListenerReadiness(listeners.orderedStream().toList());
    }

    /** {@code gatehouse_ready}: 1 while this node takes players (every listener bound, not draining), else 0. */
    @Bean
    MeterBinder gatehouseReadyGauge(ListenerReadiness readiness) {
        return registry -> Gauge.builder("gatehouse.ready", readiness, r -> r.isReady() ? 1 : 0)
                .description("1 while this node accepts players (listeners bound, not draining)")
                .register(registry);
    }
}
