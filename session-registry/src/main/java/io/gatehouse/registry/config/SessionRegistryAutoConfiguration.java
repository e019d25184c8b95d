package io.gatehouse.registry.config;

import io.gatehouse.registry.core.MeteredSessionStore;
import io.gatehouse.registry.core.RegistrySettings;
import io.gatehouse.support.metrics.RegistryCallMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import io.gatehouse.registry.core.SessionStore;
import io.gatehouse.registry.events.ClusterEvents;
import io.gatehouse.registry.events.ClusterEventsGrpcService;
import io.gatehouse.registry.events.InMemoryClusterEvents;
import io.gatehouse.registry.events.RedisClusterEvents;
import io.gatehouse.registry.grpc.SessionRegistryService;
import io.gatehouse.registry.memory.InMemorySessionStore;
import io.gatehouse.registry.redis.RedisSessionStore;
import org.springframework.beans.factory.annotation.Value;
import io.gatehouse.support.roles.ConditionalOnRole;
import io.gatehouse.support.roles.Role;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import java.time.Clock;

/**
 * The session registry's beans: the {@link SessionStore} (Redis when {@code gatehouse.redis.url} is set, else
 * in-memory), the {@code SessionRegistry} gRPC service for the shared server to bind, and the reaper.
 * {@code gatehouse.registry.enabled=false} turns it all off (a process that only uses {@code RemoteSessionStore}).
 */
@AutoConfiguration
@ConditionalOnRole(Role.SESSION)
@ConditionalOnProperty(name = "gatehouse.registry.enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(RegistryProperties.class)
@Import({SessionRegistryAutoConfiguration.RedisStoreConfiguration.class,
        SessionRegistryAutoConfiguration.InMemoryStoreConfiguration.class})
public class SessionRegistryAutoConfiguration {

    /**
     * Qualifies the store that actually holds the sessions. Everyone else (gateway, auth, world, even in the
     * all-in-one node) talks to the registry through gRPC via the primary {@code SessionStore} client bean.
     */
    public static final String BACKEND = "registryBackend";

    @Bean
    @ConditionalOnMissingBean
    public RegistrySettings registrySettings(RegistryProperties properties) {
        return properties.toSettings();
    }

    @Bean
    @ConditionalOnMissingBean
    public SessionRegistryService sessionRegistryService(@Qualifier(BACKEND) SessionStore store,
                                                         ClusterEvents clusterEvents,
                                                         ObjectProvider<MeterRegistry> meterRegistry) {
        return new SessionRegistryService(metered(store, meterRegistry), clusterEvents);
    }

    /** The store as the registry calls it, measured (gatehouse_registry_call_seconds, _errors_total). */
    static SessionStore metered(SessionStore store, ObjectProvider<MeterRegistry> meterRegistry) {
        MeterRegistry registry = meterRegistry.getIfAvailable();
        return registry == null ? store : new MeteredSessionStore(store, new RegistryCallMetrics(registry));
    }

    @Bean
    @ConditionalOnMissingBean
    public ClusterEventsGrpcService clusterEventsGrpcService(ClusterEvents clusterEvents) {
        return new ClusterEventsGrpcService(clusterEvents);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(name = "gatehouse.registry.reaper.enabled", havingValue = "true", matchIfMissing = true)
    public SessionReaper sessionReaper(@Qualifier(BACKEND) SessionStore store, RegistryProperties properties,
                                       ObjectProvider<MeterRegistry> meterRegistry) {
        return new SessionReaper(metered(store, meterRegistry), properties.reapInterval(),
                properties.effectiveReapGrace());
    }

    // The two stores have opposite conditions: nested configuration order is not something to rely on.
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnExpression("!'${gatehouse.redis.url:}'.isBlank()")
    static class RedisStoreConfiguration {

        @Bean(destroyMethod = "close")
        @Qualifier(BACKEND)
        @ConditionalOnMissingBean(name = BACKEND)
        SessionStore redisSessionStore(@Value("${gatehouse.redis.url}") String url, RegistrySettings settings,
                                       RegistryProperties properties) {
            return RedisSessionStore.connect(url, properties.redisCommandTimeout(), settings, Clock.systemUTC(),
                    properties.redisPrefix());
        }

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean(ClusterEvents.class)
        ClusterEvents redisClusterEvents(@Value("${gatehouse.redis.url}") String url, RegistryProperties properties) {
            return RedisClusterEvents.connect(url, properties.redisCommandTimeout(), properties.redisPrefix());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnExpression("'${gatehouse.redis.url:}'.isBlank()")
    static class InMemoryStoreConfiguration {

        @Bean(destroyMethod = "close")
        @Qualifier(BACKEND)
        @ConditionalOnMissingBean(name = BACKEND)
        SessionStore inMemorySessionStore(RegistrySettings settings) {
            return new InMemorySessionStore(settings, Clock.systemUTC());
        }

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean(ClusterEvents.class)
        ClusterEvents inMemoryClusterEvents() {
            return new InMemoryClusterEvents();
        }
    }
}
