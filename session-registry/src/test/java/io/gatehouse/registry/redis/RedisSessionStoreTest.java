package io.gatehouse.registry.redis;

import io.gatehouse.registry.contract.MutableClock;
import io.gatehouse.registry.core.BindRequest;
import io.gatehouse.registry.core.DeferralState;
import io.gatehouse.registry.core.Game;
import io.gatehouse.registry.core.Holder;
import io.gatehouse.registry.core.NewSession;
import io.gatehouse.registry.core.PendingCreated;
import io.gatehouse.registry.core.RegistrySettings;
import io.gatehouse.registry.core.SessionKey;
import io.gatehouse.registry.testing.RedisServerExtension;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What only the Redis adapter promises: key layout, TTLs everywhere, no tokens at rest, script reloading. */
class RedisSessionStoreTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private final MutableClock clock = new MutableClock(System.currentTimeMillis());
    private RedisSessionStore store;
    private StatefulRedisConnection<String, String> inspector;
    private RedisCommands<String, String> redis;

    @BeforeEach
    void setUp() {
        REDIS.flushAll();
        store = RedisSessionStore.connect(REDIS.client(), RegistrySettings.defaults(), clock, "gatehouse:");
        inspector = REDIS.client().connect();
        redis = inspector.sync();
    }

    @AfterEach
    void tearDown() {
        store.close();
        inspector.close();
    }

    private PendingCreated connectedPlayer(String guid) {
        PendingCreated created = store.createPending(new NewSession(SessionKey.fivem(guid), "n", "203.0.113.9",
                List.of("license:x"), false)).join();
        store.setDeferral(created.token(), DeferralState.DONE).join();
        store.gateConnect(created.session().tokenHash(), "203.0.113.9").join();
        store.bind(new BindRequest(created.session().key(), created.token(), new Holder("gw-a", 1, "1.2.3.4:5"),
                true)).join();
        return created;
    }

    @Test
    void everyKeyIsNamespacedAndExpires() {
        connectedPlayer("1");
        store.createPending(new NewSession(SessionKey.hytale("u"), "n", "", List.of(), false)).join();
        store.firstUse("fp", Duration.ofMinutes(1)).join();
        store.recordPasswordFailure("u", Duration.ofMinutes(1)).join();
        store.heartbeat("gw-a", List.of(SessionKey.fivem("1"))).join();

        List<String> keys = redis.keys("*");
        assertThat(keys).isNotEmpty().allMatch(k -> k.startsWith("gatehouse:"));
        assertThat(keys).contains("gatehouse:s:fivem:1", "gatehouse:fivem:netids", "gatehouse:fivem:slots",
                "gatehouse:gateways", "gatehouse:idle:bound", "gatehouse:ticket:fp", "gatehouse:pwfail:u");
        for (String key : keys) {
            assertThat(redis.pttl(key)).as("TTL of %s", key).isPositive();
        }
    }

    @Test
    void tokensAreNotStoredInTheClear() {
        PendingCreated created = connectedPlayer("1");
        for (String key : redis.keys("*")) {
            assertThat(key).doesNotContain(created.token());
            String dump = switch (redis.type(key)) {
                case "hash" -> redis.hgetall(key).toString();
                case "string" -> redis.get(key);
                case "set" -> redis.smembers(key).toString();
                case "zset" -> redis.zrange(key, 0, -1).toString();
                default -> "";
            };
            assertThat(dump).as("value of %s", key).doesNotContain(created.token());
        }
    }

    @Test
    void scriptsAreReloadedAfterAFlush() {
        connectedPlayer("1");
        redis.scriptFlush();
        assertThat(store.counts(Game.FIVEM).join().connected()).isEqualTo(1);
        assertThat(store.findByKey(SessionKey.fivem("1")).join()).isPresent();
    }

    @Test
    void idsWhoseOwnerVanishedAreHandedOutAgain() {
        // the backstop TTL removed the session hash before any reaper ran
        connectedPlayer("1");
        redis.del("gatehouse:s:fivem:1");

        PendingCreated next = store.createPending(new NewSession(SessionKey.fivem("2"), "n", "", List.of(), true))
                .join();
        var bound = store.bind(new BindRequest(next.session().key(), next.token(), new Holder("gw-a", 2, ""), true))
                .join();
        assertThat(bound.session().slotId()).isEqualTo(128);

        // once idle past the connected TTL the ghost is a reaper candidate and its index entries are cleared
        clock.advance(Duration.ofSeconds(61));
        store.heartbeat("gw-a", List.of(next.session().key())).join();
        assertThat(store.reapExpired().join()).isEmpty();
        assertThat(store.counts(Game.FIVEM).join()).isEqualTo(new io.gatehouse.registry.core.PlayerCounts(0, 1, 1, 1));
    }
}
