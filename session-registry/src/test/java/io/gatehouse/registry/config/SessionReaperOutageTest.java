package io.gatehouse.registry.config;

import io.gatehouse.registry.contract.MutableClock;
import io.gatehouse.registry.core.BindRequest;
import io.gatehouse.registry.core.BindResult;
import io.gatehouse.registry.core.DeferralState;
import io.gatehouse.registry.core.Game;
import io.gatehouse.registry.core.Holder;
import io.gatehouse.registry.core.NewSession;
import io.gatehouse.registry.core.PendingCreated;
import io.gatehouse.registry.core.RegistrySettings;
import io.gatehouse.registry.core.SessionKey;
import io.gatehouse.registry.redis.RedisSessionStore;
import io.gatehouse.registry.testing.RedisServerExtension;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reaper after a store outage, on a real redis-server (the outage is a {@code CLIENT PAUSE}, so the data stays
 * as it would with AOF): live gateways' sessions look dead once the store is back, and must survive until those
 * gateways have had a heartbeat; sessions and IDs are never double-issued.
 */
class SessionReaperOutageTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    /** As the cluster harness: expiry shorter than the gateways' heartbeat path after an outage. */
    private static final RegistrySettings SETTINGS = new RegistrySettings(Duration.ofSeconds(15),
            Duration.ofSeconds(6), Duration.ofSeconds(5), Duration.ofSeconds(8), 129, 0xFFFF);
    private static final Duration GRACE = Duration.ofSeconds(7);

    private final MutableClock clock = new MutableClock(System.currentTimeMillis());
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private RedisSessionStore store;
    private SessionReaper reaper;

    @BeforeEach
    void setUp() {
        REDIS.flushAll();
        store = RedisSessionStore.connect(REDIS.url(), Duration.ofMillis(300), SETTINGS, clock, "gatehouse:");
        reaper = new SessionReaper(store, Duration.ofSeconds(1), GRACE, nanos::get);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    @Test
    void liveGatewaysKeepTheirPlayersAfterAnOutageLongerThanTheTtlsAndDeadOnesLoseThemAfterTheGrace() throws Exception {
        tick(); // reachable from here
        advanceNanos(GRACE);
        BindResult live = bound("live", "gw-live", 1);
        BindResult dead = bound("dead", "gw-dead", 2);
        assertThat(tick()).as("reaping runs in normal operation").isTrue();

        // Redis unreachable for longer than connected-ttl and gateway-ttl: nobody can heartbeat
        outage(() -> {
            clock.advance(Duration.ofSeconds(20));
            advanceNanos(Duration.ofSeconds(20));
        });

        // back: both gateways look dead and both sessions idle; the reaper must not believe it yet
        assertThat(tick()).as("first tick after the outage only probes").isFalse();
        advanceNanos(Duration.ofSeconds(3));
        clock.advance(Duration.ofSeconds(3));
        assertThat(tick()).isFalse();
        assertThat(store.findByKey(live.session().key()).join()).isPresent();
        assertThat(store.findByKey(dead.session().key()).join()).isPresent();

        // the live gateway's first heartbeat after the outage re-asserts its player
        assertThat(store.heartbeat("gw-live", List.of(live.session().key())).join()).isEmpty();
        advanceNanos(GRACE);
        clock.advance(Duration.ofSeconds(1));
        assertThat(tick()).as("reaps once reachable for the whole grace").isTrue();
        assertThat(store.findByKey(live.session().key()).join()).as("live gateway's player").isPresent();
        assertThat(store.findByKey(dead.session().key()).join()).as("dead gateway's player").isEmpty();

        // the live player's slot and net ID are still its own: a new player gets other ones
        BindResult next = bound("next", "gw-live", 3);
        assertThat(next.session().slotId()).isNotEqualTo(live.session().slotId());
        assertThat(next.session().netId()).isNotEqualTo(live.session().netId());
        assertThat(store.counts(Game.FIVEM).join().connected()).isEqualTo(2);
    }

    @Test
    void aFailedProbeRestartsTheGraceAndAFreshReaperWaitsTooBeforeReaping() throws Exception {
        bound("p", "gw-gone", 1);
        clock.advance(Duration.ofSeconds(30)); // gw-gone is really dead
        assertThat(tick()).as("a fresh reaper probes first").isFalse();
        advanceNanos(GRACE.minusSeconds(1));
        assertThat(tick()).isFalse();
        outage(() -> advanceNanos(Duration.ofSeconds(5)));
        assertThat(tick()).as("reachable again, grace restarted").isFalse();
        advanceNanos(GRACE.minusMillis(1));
        assertThat(tick()).isFalse();
        assertThat(store.counts(Game.FIVEM).join().connected()).isEqualTo(1);
        advanceNanos(Duration.ofMillis(1));
        assertThat(tick()).isTrue();
        assertThat(store.counts(Game.FIVEM).join().connected()).isZero();
    }

    // ------------------------------------------------------------------ helpers

    /** One reaper tick; true if it reaped (rather than probed). */
    private boolean tick() throws Exception {
        boolean reaping = reaper.mayReap(nanos.get());
        reaper.reapOnce().handle((r, e) -> null).get(5, TimeUnit.SECONDS);
        return reaping;
    }

    /** Redis paused (every command times out) while {@code during} runs; a reaper tick inside fails. */
    private void outage(Runnable during) throws Exception {
        try (StatefulRedisConnection<String, String> admin = REDIS.client().connect()) {
            admin.sync().clientPause(1500);
        }
        long pausedAt = System.nanoTime();
        tick();
        assertThat(reaper.mayReap(Long.MAX_VALUE)).as("the failed tick marked the store unreachable").isFalse();
        during.run();
        long left = 1700 - (System.nanoTime() - pausedAt) / 1_000_000;
        if (left > 0) {
            Thread.sleep(left);
        }
    }

    private void advanceNanos(Duration by) {
        nanos.addAndGet(by.toNanos());
    }

    private BindResult bound(String guid, String gateway, long peer) {
        PendingCreated created = store.createPending(new NewSession(SessionKey.fivem(guid), guid, "203.0.113.9",
                List.of("license:" + guid), false)).join();
        store.setDeferral(created.token(), DeferralState.DONE).join();
        return store.bind(new BindRequest(created.session().key(), created.token(), new Holder(gateway, peer,
                "203.0.113.9:" + peer), true)).join();
    }
}
