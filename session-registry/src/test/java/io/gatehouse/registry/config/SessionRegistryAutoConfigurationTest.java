package io.gatehouse.registry.config;

import io.gatehouse.registry.core.NewSession;
import io.gatehouse.registry.core.RegistrySettings;
import io.gatehouse.registry.core.SessionKey;
import io.gatehouse.registry.core.SessionStore;
import io.gatehouse.registry.grpc.SessionRegistryService;
import io.gatehouse.registry.memory.InMemorySessionStore;
import io.gatehouse.registry.redis.RedisSessionStore;
import io.gatehouse.registry.testing.RedisServerExtension;
import io.grpc.BindableService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SessionRegistryAutoConfigurationTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SessionRegistryAutoConfiguration.class));

    @Test
    void withoutARedisUrlTheStoreIsInMemory() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(SessionStore.class);
            assertThat(context.getBean(SessionStore.class)).isInstanceOf(InMemorySessionStore.class);
            // the registry serves its sessions and the cluster events bus (in-memory here)
            assertThat(context.getBeansOfType(BindableService.class).values())
                    .hasSize(2)
                    .hasAtLeastOneElementOfType(SessionRegistryService.class)
                    .hasAtLeastOneElementOfType(io.gatehouse.registry.events.ClusterEventsGrpcService.class);
            assertThat(context.getBean(io.gatehouse.registry.events.ClusterEvents.class))
                    .isInstanceOf(io.gatehouse.registry.events.InMemoryClusterEvents.class);
            assertThat(context).hasSingleBean(SessionReaper.class);
            assertThat(context.getBean(RegistrySettings.class).slotTableSize()).isEqualTo(129);
        });
    }

    @Test
    void aBlankRedisUrlStillMeansInMemory() {
        runner.withPropertyValues("gatehouse.redis.url=").run(context ->
                assertThat(context.getBean(SessionStore.class)).isInstanceOf(InMemorySessionStore.class));
    }

    @Test
    void withARedisUrlTheStoreIsRedisAndWorks() {
        REDIS.flushAll();
        runner.withPropertyValues("gatehouse.redis.url=" + REDIS.url(), "gatehouse.registry.big-mode=true",
                "gatehouse.registry.redis-prefix=gh-test:").run(context -> {
            assertThat(context).hasSingleBean(SessionStore.class);
            SessionStore store = context.getBean(SessionStore.class);
            assertThat(store).isInstanceOf(RedisSessionStore.class);
            assertThat(context.getBean(RegistrySettings.class).slotTableSize()).isEqualTo(2049);
            store.createPending(new NewSession(SessionKey.fivem("1"), "n", "", List.of(), false)).join();
            try (var connection = REDIS.client().connect()) {
                assertThat(connection.sync().exists("gh-test:s:fivem:1")).isEqualTo(1L);
            }
        });
    }

    @Test
    void canBeSwitchedOffForProcessesThatOnlyTalkToARemoteRegistry() {
        runner.withPropertyValues("gatehouse.registry.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean(SessionStore.class);
            assertThat(context).doesNotHaveBean(SessionRegistryService.class);
        });
    }
}
