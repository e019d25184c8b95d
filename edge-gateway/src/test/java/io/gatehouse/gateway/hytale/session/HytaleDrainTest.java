package io.gatehouse.gateway.hytale.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.auth.hytale.HytaleAuthenticator.AuthMode;
import io.gatehouse.bot.hytale.HytaleBot;
import io.gatehouse.bot.hytale.HytaleBotOptions;
import io.gatehouse.gateway.cluster.DrainProperties;
import io.gatehouse.gateway.cluster.GatewayDrain;
import io.gatehouse.gateway.cluster.RedisTestServer;
import io.gatehouse.gateway.cluster.RegistryInstance;
import io.gatehouse.registry.core.RegistrySettings;
import io.gatehouse.registry.core.SessionKey;
import io.gatehouse.support.lifecycle.ListenerReadiness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The ordered drain on a Hytale gateway: readiness first, then the official Disconnect, then the session is gone. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HytaleDrainTest {

    static {
        ClassLoader.getSystemClassLoader().setPackageAssertionStatus("tech.kwik", false);
        HytaleDrainTest.class.getClassLoader().setPackageAssertionStatus("tech.kwik", false);
    }

    @TempDir
    Path tempDir;

    @Test
    void readinessGoesDownFirstThenPlayersGetTheDisconnectAndTheirSessionsAreReleased() throws Exception {
        try (RedisTestServer redis = new RedisTestServer();
             RegistryInstance registry = new RegistryInstance(redis.url(), RegistrySettings.defaults());
             HytaleStack stack = new HytaleStack(tempDir, s -> {
                 s.mode = AuthMode.INSECURE;
                 s.registry = registry.channel();
                 s.session = p -> p.setGatewayId("hytale-drain-" + UUID.randomUUID());
             })) {
            UUID uuid = UUID.randomUUID();
            try (HytaleBot.Joined joined = new HytaleBot(new HytaleBotOptions().target("127.0.0.1", stack.port())
                    .sessionService(stack.sessionService.baseUrl()).timeout(Duration.ofSeconds(20)).insecure(true)
                    .uuid(uuid).username("gina"), null).join()) {
                assertThat(registry.store.findByKey(SessionKey.hytale(uuid.toString())).join()).isPresent();

                ListenerReadiness readiness = new ListenerReadiness(List.of(stack.listener));
                assertThat(readiness.isReady()).isTrue();
                DrainProperties properties = new DrainProperties();
                properties.setReadinessDelay(Duration.ofMillis(400));
                GatewayDrain drain = new GatewayDrain(readiness, properties);
                drain.addStep(() -> stack.listener.drain(Duration.ofSeconds(2)));

                var done = drain.drain();
                long notReadyAt = System.nanoTime();
                assertThat(readiness.isReady()).isFalse();
                assertThat(readiness.health().getStatus().getCode()).isEqualTo("OUT_OF_SERVICE");
                String reason = joined.disconnected().get(5, TimeUnit.SECONDS);
                long toldAt = System.nanoTime();
                assertThat(reason).isEqualTo(HytaleSessionManager.SHUTTING_DOWN);
                assertThat(toldAt - notReadyAt).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(350));
                done.get(5, TimeUnit.SECONDS);
                assertThat(stack.listener.isAccepting()).isFalse();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
                while (registry.store.findByKey(SessionKey.hytale(uuid.toString())).join().isPresent()
                        && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(registry.store.findByKey(SessionKey.hytale(uuid.toString())).join())
                        .as("session released").isEmpty();
            }
        }
    }
}
