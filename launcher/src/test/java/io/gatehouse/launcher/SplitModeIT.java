package io.gatehouse.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.registry.core.Game;
import io.gatehouse.registry.core.NewSession;
import io.gatehouse.registry.core.PendingCreated;
import io.gatehouse.registry.core.SessionKey;
import io.gatehouse.registry.grpc.RemoteSessionStore;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The split deployment as real processes: redis-server, then the session registry, auth, world and an edge gateway,
 * each `gatehouse.jar service <name>` in its own JVM, wired by ports. A registry call made through the client the
 * gateway uses lands in Redis.
 */
class SplitModeIT {

    @TempDir
    Path workDir;

    private final List<AutoCloseable> started = new ArrayList<>();

    @AfterEach
    void stopEverything() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    @Test
    void servicesRunAsSeparateProcessesAndTheRegistryWritesToRedis() throws Exception {
        RedisProcess redis = track(RedisProcess.start(workDir.resolve("redis")));

        int sessionGrpc = NodeProcess.freeTcpPort();
        int authGrpc = NodeProcess.freeTcpPort();
        int worldGrpc = NodeProcess.freeTcpPort();
        String sessionTarget = "--gatehouse.services.session.target=127.0.0.1:" + sessionGrpc;

        NodeProcess session = service("session", "--gatehouse.grpc.port=" + sessionGrpc,
                "--gatehouse.redis.url=" + redis.url());
        NodeProcess auth = service("auth", "--gatehouse.grpc.port=" + authGrpc, sessionTarget);
        NodeProcess world = service("world", "--gatehouse.grpc.port=" + worldGrpc, sessionTarget,
                "--gatehouse.world.assets-dir=" + Path.of("..", "world", "assets").toAbsolutePath(),
                "--gatehouse.world.resources-dir=" + Path.of("..", "world", "resources").toAbsolutePath());
        NodeProcess gateway = service("gateway",
                "--gatehouse.fivem.port=" + NodeProcess.freeTcpAndUdpPort(),
                "--gatehouse.hytale.port=" + NodeProcess.freeTcpAndUdpPort(),
                sessionTarget,
                "--gatehouse.services.auth.target=127.0.0.1:" + authGrpc,
                "--gatehouse.services.world.target=127.0.0.1:" + worldGrpc);

        for (NodeProcess process : List.of(session, auth, world, gateway)) {
            process.awaitStatus("/actuator/health/readiness", 200, Duration.ofSeconds(150));
        }

        // The gateway's registry client, over the network, against the session process.
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", sessionGrpc).usePlaintext().build();
        started.add(() -> channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS));
        RemoteSessionStore registry = new RemoteSessionStore(channel, Duration.ofSeconds(5));
        PendingCreated created = registry.createPending(new NewSession(SessionKey.fivem("148618791998193665"),
                "split-mode-player", "127.0.0.1", List.of(), false)).get(10, TimeUnit.SECONDS);
        assertThat(created.token()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(registry.counts(Game.FIVEM).get(10, TimeUnit.SECONDS).pending()).isEqualTo(1);

        RedisClient client = RedisClient.create(redis.url());
        started.add(client::shutdown);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            List<String> keys = connection.sync().keys("gatehouse:*");
            assertThat(keys).anyMatch(key -> key.contains("148618791998193665"));
            // No token at rest: only its digest is stored.
            for (String key : keys) {
                assertThat(key).doesNotContain(created.token());
            }
        }
    }

    private NodeProcess service(String name, String... args) throws Exception {
        int admin = NodeProcess.freeTcpPort();
        List<String> command = new ArrayList<>(List.of("service", name, "--gatehouse.admin.port=" + admin,
                "--gatehouse.data-dir=" + workDir.resolve(name).resolve("data")));
        command.addAll(List.of(args));
        return track(NodeProcess.start(workDir.resolve(name), admin, command.toArray(String[]::new)));
    }

    private <T extends AutoCloseable> T track(T resource) {
        started.add(resource);
        return resource;
    }
}
