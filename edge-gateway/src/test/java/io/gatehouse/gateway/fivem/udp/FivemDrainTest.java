package io.gatehouse.gateway.fivem.udp;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.fivem.protocol.net.ConnectOk;
import io.gatehouse.gateway.cluster.DrainProperties;
import io.gatehouse.gateway.cluster.GatewayDrain;
import io.gatehouse.gateway.cluster.RedisTestServer;
import io.gatehouse.gateway.cluster.RegistryInstance;
import io.gatehouse.registry.core.DeferralState;
import io.gatehouse.registry.core.NewSession;
import io.gatehouse.registry.core.PendingCreated;
import io.gatehouse.registry.core.RegistrySettings;
import io.gatehouse.registry.core.SessionKey;
import io.gatehouse.registry.grpc.RemoteSessionStore;
import io.gatehouse.support.lifecycle.ListenerReadiness;
import io.gatehouse.world.fivem.join.FivemJoinGrpcAdapter;
import io.gatehouse.world.fivem.join.FivemJoinService;
import io.gatehouse.world.fivem.join.FivemJoinSettings;
import io.gatehouse.world.fivem.join.ObjectIdAllocator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The ordered drain on a FiveM gateway: readiness first, then the player hears why, then its session is gone. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FivemDrainTest {

    private static final String ALICE = "148618791998193901";

    @Test
    void readinessGoesDownFirstThenThePlayerIsToldAndItsSessionReleased() throws Exception {
        FivemJoinService world = new FivemJoinService(new FivemJoinSettings(false, "gta5", Map.of()),
                new ObjectIdAllocator(), System::currentTimeMillis);
        try (RedisTestServer redis = new RedisTestServer();
             RegistryInstance registry = new RegistryInstance(redis.url(), RegistrySettings.defaults(),
                     new FivemJoinGrpcAdapter(world));
             ClusterGateway gateway = new ClusterGateway("gw-drain", registry, u -> { });
             JavaFivemClient alice = new JavaFivemClient(); JavaFivemClient late = new JavaFivemClient()) {
            RemoteSessionStore auth = new RemoteSessionStore(registry.channel(), Duration.ofSeconds(3));
            PendingCreated created = auth.createPending(new NewSession(SessionKey.fivem(ALICE), "alice",
                    "127.0.0.1", List.of(), false)).join();
            auth.setDeferral(created.token(), DeferralState.DONE).join();
            assertThat(alice.connect(gateway.address(), created.token(), 3000)).isTrue();
            alice.handshake(created.token(), ALICE);
            ConnectOk ok = alice.awaitConnectOk(3000);
            assertThat(ok).isNotNull();

            ListenerReadiness readiness = new ListenerReadiness(List.of(gateway.listener));
            assertThat(readiness.isReady()).isTrue();
            DrainProperties properties = new DrainProperties();
            properties.setReadinessDelay(Duration.ofMillis(400));
            GatewayDrain drain = new GatewayDrain(readiness, properties);
            drain.addStep(gateway.listener::drain);

            AtomicLong notReadyAt = new AtomicLong();
            long started = System.nanoTime();
            var done = drain.drain();
            if (!readiness.isReady()) {
                notReadyAt.set(System.nanoTime());
            }
            assertThat(notReadyAt.get()).as("readiness is down as soon as the drain starts").isPositive();
            assertThat(readiness.health().getStatus().getCode()).isEqualTo("OUT_OF_SERVICE");
            // during the readiness delay the player is not told anything yet
            assertThat(alice.awaitOobError(200)).isNull();
            String said = alice.awaitOobError(3000);
            long toldAt = System.nanoTime();
            assertThat(said).isEqualTo(DropReasons.shutdown(gateway.udp.getShutdownReason()));
            assertThat(toldAt - notReadyAt.get()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(350));
            done.get(5, TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            assertThat(registry.store.findByKey(SessionKey.fivem(ALICE)).join()).as("session released").isEmpty();
            assertThat(drain.isAcceptingJoins()).isFalse();

            // a CONNECT that still arrives is refused with the reason
            assertThat(late.connect(gateway.address(), created.token(), 1500)).isFalse();
            assertThat(late.awaitOobError(1000)).startsWith("Server shutting down");
        }
    }
}
