package io.gatehouse.gateway.fivem.udp;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.enet.DeliveryMode;
import io.gatehouse.fivem.protocol.net.ClientMessages;
import io.gatehouse.fivem.protocol.net.ConnectOk;
import io.gatehouse.fivem.protocol.net.ServerMessageDecoder.NetEventMessage;
import io.gatehouse.gateway.cluster.RedisTestServer;
import io.gatehouse.gateway.cluster.RegistryInstance;
import io.gatehouse.registry.core.DeferralState;
import io.gatehouse.registry.core.NewSession;
import io.gatehouse.registry.core.PendingCreated;
import io.gatehouse.registry.core.RegistrySettings;
import io.gatehouse.registry.core.SessionKey;
import io.gatehouse.world.fivem.join.FivemJoinGrpcAdapter;
import io.gatehouse.world.fivem.join.FivemJoinService;
import io.gatehouse.world.fivem.join.FivemJoinSettings;
import io.gatehouse.world.fivem.join.ObjectIdAllocator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two FiveM gateways in one JVM, each with its own session-registry instance, sharing one real redis-server: the
 * session truth is in Redis, cross-gateway news travels on Redis pub/sub through the registries' ClusterEvents.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FivemAcrossGatewaysTest {

    private static final String ALICE = "148618791998193701";
    private static final String BOB = "148618791998193702";

    private static RedisTestServer redis;
    private static RegistryInstance registryA;
    private static RegistryInstance registryB;
    private static ClusterGateway gatewayA;
    private static ClusterGateway gatewayB;

    @BeforeAll
    static void start() throws Exception {
        redis = new RedisTestServer();
        FivemJoinService world = new FivemJoinService(new FivemJoinSettings(false, "gta5", Map.of()),
                new ObjectIdAllocator(), System::currentTimeMillis);
        registryA = new RegistryInstance(redis.url(), RegistrySettings.defaults(), new FivemJoinGrpcAdapter(world));
        registryB = new RegistryInstance(redis.url(), RegistrySettings.defaults(), new FivemJoinGrpcAdapter(world));
        gatewayA = new ClusterGateway("gw-a-" + System.nanoTime(), registryA, u -> { });
        gatewayB = new ClusterGateway("gw-b-" + System.nanoTime(), registryB, u -> { });
        awaitSubscribed();
    }

    static void awaitSubscribed() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!(gatewayA.events.isSubscribed() && gatewayB.events.isSubscribed()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(gatewayA.events.isSubscribed() && gatewayB.events.isSubscribed()).isTrue();
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {gatewayA, gatewayB, registryA, registryB, redis}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @BeforeEach
    void clean() throws Exception {
        // players of earlier tests quit; the registry starts empty
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while ((gatewayA.players() > 0 || gatewayB.players() > 0) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        try (var client = io.lettuce.core.RedisClient.create(redis.url()); var c = client.connect()) {
            c.sync().flushall();
        }
    }

    /**
     * What the auth service's initConnect + deferrals do to the registry, through the same client it uses
     * ({@code RemoteSessionStore} over gRPC) against one registry instance.
     */
    private static String initConnect(RegistryInstance via, String guid, String name) {
        var auth = new io.gatehouse.registry.grpc.RemoteSessionStore(via.channel(), java.time.Duration.ofSeconds(2));
        PendingCreated created = auth.createPending(new NewSession(SessionKey.fivem(guid), name, "127.0.0.1",
                List.of("license:" + guid), false)).join();
        auth.setDeferral(created.token(), DeferralState.DONE).join();
        return created.token();
    }

    private static ConnectOk join(JavaFivemClient client, ClusterGateway gateway, String token, String guid)
            throws Exception {
        assertThat(client.connect(gateway.address(), token, 3000)).as("ENet CONNECT accepted").isTrue();
        client.handshake(token, guid);
        ConnectOk ok = client.awaitConnectOk(3000);
        assertThat(ok).as("connectOK").isNotNull();
        return ok;
    }

    private static NetEventMessage awaitEvent(JavaFivemClient client, String name, long netId) throws Exception {
        var r = client.awaitMatching(m -> m.message() instanceof NetEventMessage e && e.event().name().equals(name)
                && ((Number) e.event().argsAsList().get(0)).longValue() == netId, 3000);
        return r == null ? null : (NetEventMessage) r.message();
    }

    @Test
    void initConnectThroughOneGatewayEnetThroughTheOtherJoinsAndIntroductionsCrossGateways() throws Exception {
        try (JavaFivemClient alice = new JavaFivemClient(); JavaFivemClient bob = new JavaFivemClient()) {
            // alice: initConnect via A's registry, ENet via B (token, hash, validation and IDs come from Redis)
            String aliceToken = initConnect(registryA, ALICE, "alice");
            ConnectOk okAlice = join(alice, gatewayB, aliceToken, ALICE);
            assertThat(gatewayB.players()).isEqualTo(1);

            // bob joins on A: alice (on B) hears onPlayerJoining through the cluster events
            String bobToken = initConnect(registryB, BOB, "bob");
            ConnectOk okBob = join(bob, gatewayA, bobToken, BOB);
            assertThat(okBob.netId()).isNotEqualTo(okAlice.netId());
            assertThat(okBob.slot()).isNotEqualTo(okAlice.slot());
            assertThat(awaitEvent(alice, "onPlayerJoining", okBob.netId())).as("alice hears of bob").isNotNull();
            // and bob learns of alice from the cluster-wide roster
            assertThat(awaitEvent(bob, "onPlayerJoining", okAlice.netId())).as("bob hears of alice").isNotNull();

            bob.send(0, ClientMessages.iQuit("Exiting"), DeliveryMode.RELIABLE);
            assertThat(awaitEvent(alice, "onPlayerDropped", okBob.netId())).as("alice hears bob left").isNotNull();
            alice.send(0, ClientMessages.iQuit("Exiting"), DeliveryMode.RELIABLE);
        }
    }

    @Test
    void aNewInitConnectOnAnotherGatewayDropsTheOldPeerPromptlyNotAHeartbeatLater() throws Exception {
        try (JavaFivemClient alice = new JavaFivemClient()) {
            String token = initConnect(registryA, ALICE, "alice");
            join(alice, gatewayA, token, ALICE);
            assertThat(gatewayA.players()).isEqualTo(1);
            long started = System.nanoTime();
            initConnect(registryB, ALICE, "alice"); // the same guid connects again through gateway B
            String error = alice.awaitOobError(2000);
            assertThat(error).isEqualTo("Reconnecting");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(2000);
            assertThat(gatewayA.players()).isZero();
        }
    }
}
