package io.gatehouse.gateway.fivem.udp;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.fivem.protocol.net.ConnectOk;
import io.gatehouse.gateway.cluster.RedisTestServer;
import io.gatehouse.gateway.cluster.RegistryInstance;
import io.gatehouse.registry.core.DeferralState;
import io.gatehouse.registry.core.NewSession;
import io.gatehouse.registry.core.PendingCreated;
import io.gatehouse.registry.core.RegistrySettings;
import io.gatehouse.registry.core.SessionKey;
import io.gatehouse.registry.grpc.RemoteSessionStore;
import io.gatehouse.world.fivem.join.FivemJoinGrpcAdapter;
import io.gatehouse.world.fivem.join.FivemJoinService;
import io.gatehouse.world.fivem.join.FivemJoinSettings;
import io.gatehouse.world.fivem.join.ObjectIdAllocator;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Redis dies under a running gateway (SIGKILL) and comes back (same port, its append-only file): new joins are
 * refused quickly and clearly, the connected player keeps getting its frames, nothing restarts, and after the outage
 * joins resume with net IDs and slots distinct from the connected player's.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class FivemRedisOutageTest {

    private static final String ALICE = "148618791998193801";
    private static final String BOB = "148618791998193802";
    private static final String CAROL = "148618791998193803";

    @Test
    void joinsAreRefusedClearlyDuringTheOutagePlayersStayAndJoinsResumeWithUniqueIds() throws Exception {
        FivemJoinService world = new FivemJoinService(new FivemJoinSettings(false, "gta5", Map.of()),
                new ObjectIdAllocator(), System::currentTimeMillis);
        try (RedisTestServer redis = new RedisTestServer();
             RegistryInstance registry = new RegistryInstance(redis.url(), RegistrySettings.defaults(),
                     new FivemJoinGrpcAdapter(world));
             ClusterGateway gateway = new ClusterGateway("gw-outage", registry,
                     u -> u.setHeartbeatInterval(Duration.ofMillis(500)));
             JavaFivemClient alice = new JavaFivemClient(); JavaFivemClient bob = new JavaFivemClient()) {
            RemoteSessionStore auth = new RemoteSessionStore(registry.channel(), Duration.ofSeconds(3));
            String aliceToken = initConnect(auth, ALICE, "alice");
            String bobToken = initConnect(auth, BOB, "bob"); // validated before the outage, connects during it
            assertThat(alice.connect(gateway.address(), aliceToken, 3000)).isTrue();
            alice.handshake(aliceToken, ALICE);
            ConnectOk okAlice = alice.awaitConnectOk(3000);
            assertThat(okAlice).isNotNull();

            redis.kill();
            try {
                // initConnect (what auth does first): fails within the command timeout, as UNAVAILABLE
                long started = System.nanoTime();
                Throwable refused = null;
                try {
                    auth.createPending(new NewSession(SessionKey.fivem(CAROL), "carol", "127.0.0.1",
                            List.of(), false)).join();
                } catch (CompletionException e) {
                    refused = e.getCause();
                }
                assertThat(refused).isNotNull();
                assertThat(Status.fromThrowable(refused).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));

                // ENet CONNECT: the gate cannot be judged; the player is told so (OOB) within the gate timeout
                started = System.nanoTime();
                assertThat(bob.connect(gateway.address(), bobToken, 5000)).isFalse();
                assertThat(bob.awaitOobError(1000)).isEqualTo(DropReasons.UNAVAILABLE);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(6));

                // alice keeps playing: frames keep coming, several failed heartbeats drop nobody
                alice.messages.clear();
                assertThat(alice.awaitMatching(m -> true, 2500)).as("frames during the outage").isNotNull();
                Thread.sleep(1500);
                assertThat(alice.awaitMatching(m -> true, 2500)).as("still frames").isNotNull();
                assertThat(alice.oobErrors).isEmpty();
                assertThat(alice.disconnects).isEmpty();
                assertThat(gateway.players()).isEqualTo(1);
            } finally {
                redis.start();
            }

            // joins resume by themselves (Lettuce reconnects); bob's session survived in Redis
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(25);
            String carolToken = null;
            while (carolToken == null) {
                try {
                    carolToken = initConnect(auth, CAROL, "carol");
                } catch (CompletionException notYet) {
                    assertThat(System.nanoTime()).as("joins resume within 20 s; last failure %s", notYet.getCause())
                            .isLessThan(deadline);
                    Thread.sleep(250);
                }
            }
            // the gateway's session circuit breaker opened during the outage; it half-opens by itself (10 s)
            // and lets CONNECTs through again: retry as a player would (a new ENet host per attempt)
            JavaFivemClient carol = new JavaFivemClient();
            while (!carol.connect(gateway.address(), carolToken, 2000)) {
                String said = carol.awaitOobError(100);
                carol.close();
                assertThat(System.nanoTime()).as("ENet CONNECTs resume within 25 s; last OOB %s", said)
                        .isLessThan(deadline);
                Thread.sleep(500);
                carol = new JavaFivemClient();
            }
            carol.handshake(carolToken, CAROL);
            ConnectOk okCarol = carol.awaitConnectOk(3000);
            assertThat(okCarol).isNotNull();
            assertThat(okCarol.netId()).isNotEqualTo(okAlice.netId());
            assertThat(okCarol.slot()).isNotEqualTo(okAlice.slot());
            assertThat(alice.disconnects).isEmpty();
            assertThat(gateway.players()).isEqualTo(2);
            carol.close();
        }
    }

    private static String initConnect(RemoteSessionStore auth, String guid, String name) {
        PendingCreated created = auth.createPending(new NewSession(SessionKey.fivem(guid), name, "127.0.0.1",
                List.of("license:" + guid), false)).join();
        auth.setDeferral(created.token(), DeferralState.DONE).join();
        return created.token();
    }
}
