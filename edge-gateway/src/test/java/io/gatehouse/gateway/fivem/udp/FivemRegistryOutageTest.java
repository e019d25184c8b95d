package io.gatehouse.gateway.fivem.udp;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.enet.DeliveryMode;
import io.gatehouse.fivem.protocol.net.ClientMessages;
import io.gatehouse.fivem.protocol.net.ConnectOk;
import io.gatehouse.fivem.protocol.net.ServerMessageDecoder.NetEventMessage;
import io.gatehouse.gateway.cluster.RedisTestServer;
import io.gatehouse.gateway.cluster.RegistryInstance;
import io.gatehouse.registry.core.DeferralState;
import io.gatehouse.registry.core.Game;
import io.gatehouse.registry.core.NewSession;
import io.gatehouse.registry.core.PendingCreated;
import io.gatehouse.registry.core.RegistrySettings;
import io.gatehouse.registry.core.SessionKey;
import io.gatehouse.world.fivem.join.FivemJoinGrpcAdapter;
import io.gatehouse.world.fivem.join.FivemJoinService;
import io.gatehouse.world.fivem.join.FivemJoinSettings;
import io.gatehouse.world.fivem.join.ObjectIdAllocator;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The FiveM UDP path against a real redis-server that becomes unreachable ({@code CLIENT PAUSE}: commands time out,
 * data kept, as an outage with AOF): a leave during the outage is retried once Redis is back, so the net ID and
 * slot are freed in seconds rather than after the orphan grace; and a heartbeat that says "not yours any more"
 * drops the player the FXServer way (OOB error, onPlayerDropped to the others) instead of letting them play on a
 * slot someone else may own.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FivemRegistryOutageTest {

    private static final String ALICE = "148618791998193711";
    private static final String BOB = "148618791998193712";

    private static RedisTestServer redis;
    private static RegistryInstance registry;
    private static ClusterGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        redis = new RedisTestServer();
        FivemJoinService world = new FivemJoinService(new FivemJoinSettings(false, "gta5", Map.of()),
                new ObjectIdAllocator(), System::currentTimeMillis);
        registry = new RegistryInstance(redis.url(), RegistrySettings.defaults(), new FivemJoinGrpcAdapter(world));
        gateway = new ClusterGateway("gw-outage-" + System.nanoTime(), registry,
                udp -> udp.setHeartbeatInterval(Duration.ofMillis(300)));
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {gateway, registry, redis}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @BeforeEach
    void clean() throws Exception {
        await(() -> gateway.players() == 0, 5000);
        try (RedisClient client = RedisClient.create(redis.url()); var c = client.connect()) {
            c.sync().flushall();
        }
    }

    @Test
    void aLeaveThatFailsDuringAnOutageIsRetriedAndFreesTheIdsOnceRedisIsBack() throws Exception {
        try (JavaFivemClient alice = new JavaFivemClient()) {
            String token = initConnect(ALICE, "alice");
            join(alice, token, ALICE);
            assertThat(connected()).isEqualTo(1);

            pauseRedis(2500);
            long pausedAt = System.nanoTime();
            alice.send(0, ClientMessages.iQuit("Exiting"), DeliveryMode.RELIABLE);
            // the gateway lets the player go at once; its registry release fails while Redis is away
            assertThat(await(() -> gateway.players() == 0, 2000)).isTrue();
            assertThat(await(() -> gateway.listener.sessions().pendingReleases() == 1, 2000))
                    .as("the failed release is queued for a retry").isTrue();

            // back after 2.5 s: the retry (1 s doubling backoff) frees the session, long before the orphan grace
            assertThat(await(() -> connected() == 0, 10_000)).as("session released after the outage").isTrue();
            System.out.printf("released %d ms after the outage began%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - pausedAt));
            assertThat(registry.store.counts(Game.FIVEM).join().slotsInUse()).isZero();
            assertThat(gateway.listener.sessions().pendingReleases()).isZero();
        }
    }

    @Test
    void aPlayerWhoseSessionTheRegistryNoLongerHasIsDroppedAndTheOthersAreTold() throws Exception {
        try (JavaFivemClient alice = new JavaFivemClient(); JavaFivemClient bob = new JavaFivemClient()) {
            String aliceToken = initConnect(ALICE, "alice");
            ConnectOk okAlice = join(alice, aliceToken, ALICE);
            join(bob, initConnect(BOB, "bob"), BOB);
            assertThat(gateway.players()).isEqualTo(2);

            // the registry lost alice's session (reaped while this gateway could not vouch for it)
            assertThat(registry.store.remove(SessionKey.fivem(ALICE), aliceToken, null).join()).isPresent();

            assertThat(alice.awaitOobError(3000)).as("alice is told").isNotBlank();
            assertThat(await(() -> gateway.players() == 1, 2000)).as("alice no longer held").isTrue();
            var dropped = bob.awaitMatching(m -> m.message() instanceof NetEventMessage e
                    && e.event().name().equals("onPlayerDropped")
                    && ((Number) e.event().argsAsList().get(0)).longValue() == okAlice.netId(), 3000);
            assertThat(dropped).as("bob hears alice dropped").isNotNull();
            // bob keeps playing: his session is still his
            assertThat(connected()).isEqualTo(1);
            bob.send(0, ClientMessages.iQuit("Exiting"), DeliveryMode.RELIABLE);
        }
    }

    // ------------------------------------------------------------------ helpers

    /** Bound sessions in Redis; -1 while Redis does not answer. */
    private static int connected() {
        try {
            return registry.store.counts(Game.FIVEM).join().connected();
        } catch (RuntimeException paused) {
            return -1;
        }
    }

    private static void pauseRedis(long millis) {
        try (RedisClient client = RedisClient.create(redis.url()); var c = client.connect()) {
            c.sync().clientPause(millis);
        }
    }

    private static boolean await(BooleanSupplier condition, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    private static String initConnect(String guid, String name) {
        var auth = new io.gatehouse.registry.grpc.RemoteSessionStore(registry.channel(), Duration.ofSeconds(2));
        PendingCreated created = auth.createPending(new NewSession(SessionKey.fivem(guid), name, "127.0.0.1",
                List.of("license:" + guid), false)).join();
        auth.setDeferral(created.token(), DeferralState.DONE).join();
        return created.token();
    }

    private static ConnectOk join(JavaFivemClient client, String token, String guid) throws Exception {
        assertThat(client.connect(gateway.address(), token, 3000)).as("ENet CONNECT accepted").isTrue();
        client.handshake(token, guid);
        ConnectOk ok = client.awaitConnectOk(3000);
        assertThat(ok).as("connectOK").isNotNull();
        return ok;
    }
}
