package io.gatehouse.gateway.cluster;

import io.gatehouse.gateway.fivem.control.FivemControlPlane;
import io.gatehouse.gateway.fivem.udp.FivemUdpListener;
import io.gatehouse.gateway.hytale.session.HytaleSessionManager;
import io.gatehouse.gateway.hytale.transport.HytaleProperties;
import io.gatehouse.gateway.hytale.transport.HytaleQuicListener;
import io.gatehouse.support.config.ServiceSupportAutoConfiguration;
import io.gatehouse.support.grpc.GrpcChannels;
import io.gatehouse.support.lifecycle.ListenerReadiness;
import io.gatehouse.support.roles.ConditionalOnRole;
import io.gatehouse.support.roles.Role;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * What makes a gateway one of N: the registry's cluster events (cross-gateway joins, drops, replacements, kicks)
 * and the ordered drain (SIGTERM or {@code POST /actuator/gatehouse/drain}).
 */
@AutoConfiguration(after = ServiceSupportAutoConfiguration.class)
@ConditionalOnRole(Role.GATEWAY)
@EnableConfigurationProperties(DrainProperties.class)
public class GatewayClusterAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @ConditionalOnProperty(name = "gatehouse.cluster.events.enabled", havingValue = "true", matchIfMissing = true)
    ClusterEventsClient clusterEventsClient(GrpcChannels channels) {
        return new ClusterEventsClient(channels.channel("session"), channels.deadline("session"), "gateway");
    }

    /** {@code gatehouse_cluster_players}, polled from the registry every 5 s. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    ClusterPlayersMetrics clusterPlayersMetrics(GrpcChannels channels, ObjectProvider<MeterRegistry> registry) {
        return new ClusterPlayersMetrics(channels.channel("session"), channels.deadline("session"),
                Duration.ofSeconds(5), registry.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    @ConditionalOnMissingBean
    GatewayDrain gatewayDrain(ListenerReadiness readiness, DrainProperties properties) {
        return new GatewayDrain(readiness, properties);
    }

    @Bean
    @ConditionalOnMissingBean
    GatehouseAdminEndpoint gatehouseAdminEndpoint(GatewayDrain drain) {
        return new GatehouseAdminEndpoint(drain);
    }

    /** Connects the listeners to the bus and the drain once every bean exists, before any listener starts. */
    @Bean
    SmartInitializingSingleton gatewayClusterWiring(GatewayDrain drain, ObjectProvider<ClusterEventsClient> events,
            ObjectProvider<FivemUdpListener> fivemUdp, ObjectProvider<FivemControlPlane> fivemControl,
            ObjectProvider<HytaleQuicListener> hytale, ObjectProvider<HytaleSessionManager> hytaleSessions,
            ObjectProvider<HytaleProperties> hytaleProperties) {
        return () -> {
            ClusterEventsClient bus = events.getIfAvailable();
            fivemUdp.ifAvailable(listener -> {
                if (bus != null) {
                    listener.setClusterEvents(bus);
                }
                drain.addStep(listener::drain);
            });
            fivemControl.ifAvailable(control -> control.setJoinGate(drain::isAcceptingJoins));
            hytaleSessions.ifAvailable(manager -> {
                if (bus != null) {
                    bus.addHandler(manager::onClusterEvent);
                }
            });
            hytale.ifAvailable(listener -> drain.addStep(() -> {
                CompletableFuture<Void> done = listener.drain(hytaleProperties.getIfAvailable(HytaleProperties::new)
                        .getShutdownGrace());
                return done;
            }));
        };
    }
}
