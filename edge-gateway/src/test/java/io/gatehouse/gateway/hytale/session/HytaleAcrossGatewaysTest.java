package io.gatehouse.gateway.hytale.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.auth.hytale.HytaleAuthenticator.AuthMode;
import io.gatehouse.bot.hytale.HytaleBot;
import io.gatehouse.bot.hytale.HytaleBotOptions;
import io.gatehouse.bot.hytale.JoinFailedException;
import io.gatehouse.gateway.cluster.RedisTestServer;
import io.gatehouse.gateway.cluster.RegistryInstance;
import io.gatehouse.hytale.protocol.DisconnectReasons;
import io.gatehouse.registry.core.RegistrySettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Hytale gateways, each with its own session-registry instance, on one real redis-server. The registry
 * heartbeat is set to a minute, so only the cluster event can make a replacement prompt.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HytaleAcrossGatewaysTest {

    static {
        ClassLoader.getSystemClassLoader().setPackageAssertionStatus("tech.kwik", false);
        HytaleAcrossGatewaysTest.class.getClassLoader().setPackageAssertionStatus("tech.kwik", false);
    }

    @TempDir
    static Path tempDir;

    private static RedisTestServer redis;
    private static RegistryInstance registryA;
    private static RegistryInstance registryB;
    private static HytaleStack gatewayA;
    private static HytaleStack gatewayB;

    @BeforeAll
    static void start() throws Exception {
        redis = new RedisTestServer();
        registryA = new RegistryInstance(redis.url(), RegistrySettings.defaults());
        registryB = new RegistryInstance(redis.url(), RegistrySettings.defaults());
        gatewayA = stack("a", registryA);
        gatewayB = stack("b", registryB);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!(gatewayA.clusterEvents.isSubscribed() && gatewayB.clusterEvents.isSubscribed())
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private static HytaleStack stack(String name, RegistryInstance registry) throws Exception {
        return new HytaleStack(Files.createDirectories(tempDir.resolve(name)), s -> {
            s.mode = AuthMode.INSECURE;
            s.registry = registry.channel();
            s.session = p -> {
                p.setGatewayId("hytale-gw-" + name + "-" + UUID.randomUUID());
                p.setHeartbeatInterval(Duration.ofMinutes(1));
            };
        });
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {gatewayA, gatewayB, registryA, registryB, redis}) {
            if (c != null) {
                c.close();
            }
        }
    }

    private static HytaleBotOptions options(HytaleStack stack) {
        return new HytaleBotOptions().target("127.0.0.1", stack.port())
                .sessionService(stack.sessionService.baseUrl())
                .timeout(Duration.ofSeconds(20))
                .insecure(true);
    }

    @Test
    @Order(1)
    void aLoginOnGatewayBReplacesTheSessionOnGatewayAWithTheOfficialDisconnectPromptly() throws Exception {
        UUID uuid = UUID.randomUUID();
        try (HytaleBot.Joined first = new HytaleBot(options(gatewayA).uuid(uuid).username("carol"), null).join()) {
            try (HytaleBot.Joined second = new HytaleBot(options(gatewayB).uuid(uuid).username("carol"), null)
                    .join()) {
                // the heartbeat is a minute away: within 2 s it can only be the SessionReplaced event
                assertThat(first.disconnected().get(2, TimeUnit.SECONDS)).isEqualTo(DisconnectReasons.LOGGED_IN_AGAIN);
                assertThat(second.disconnected()).isNotDone();
            }
        }
    }

    @Test
    @Order(2)
    void withRedisDownNewLoginsGetAClearDisconnectQuicklyConnectedPlayersStayAndLoginsResumeAfter() throws Exception {
        try (HytaleBot.Joined connected = new HytaleBot(options(gatewayA).username("dave"), null).join()) {
            redis.kill();
            try {
                long started = System.nanoTime();
                assertThatThrownBy(() -> new HytaleBot(options(gatewayB).username("erin"), null).join())
                        .isInstanceOfSatisfying(JoinFailedException.class, e ->
                                assertThat(e.disconnectReason()).isEqualTo(ServiceFailures.SERVER_UNAVAILABLE));
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
                Thread.sleep(1500); // heartbeats may fail meanwhile: nobody is dropped for that
                assertThat(connected.disconnected()).isNotDone();
            } finally {
                redis.start();
            }
            // no restart of anything: the registries' Lettuce connections come back by themselves
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            HytaleBot.Joined after = null;
            while (after == null) {
                try {
                    after = new HytaleBot(options(gatewayB).username("frank"), null).join();
                } catch (JoinFailedException notYet) {
                    if (System.nanoTime() > deadline) {
                        throw notYet;
                    }
                    Thread.sleep(500);
                }
            }
            after.close();
            assertThat(connected.disconnected()).isNotDone();
        }
    }
}
