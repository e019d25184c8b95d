package io.gatehouse.registry.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.contracts.session.v1.ClusterEvent;
import io.gatehouse.registry.redis.RedisSessionStore;
import io.gatehouse.registry.testing.RedisServerExtension;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract on a real redis-server, each bus with its own client as separate registry processes would have. */
class RedisClusterEventsContractTest extends ClusterEventsContract {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @Override
    protected ClusterEvents newBus() {
        return RedisClusterEvents.connect(REDIS.url(), Duration.ofSeconds(1), RedisSessionStore.DEFAULT_PREFIX);
    }

    @Test
    void subscribersResubscribeByThemselvesAfterRedisRestartsAndPublishFailsFastMeanwhile() throws Exception {
        ClusterEvents a = open();
        ClusterEvents b = open();
        BlockingQueue<ClusterEvent> onB = new LinkedBlockingQueue<>();
        b.subscribe(collect(onB));
        awaitSubscribed(a, b);
        onB.clear();

        REDIS.kill();
        try {
            long started = System.nanoTime();
            boolean failed;
            try {
                a.publish(kick("during-outage")).get(5, TimeUnit.SECONDS);
                failed = false;
            } catch (java.util.concurrent.ExecutionException expected) {
                failed = true;
            }
            assertThat(failed).as("publishing while Redis is down fails").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        } finally {
            REDIS.start();
        }

        // no new subscribe call: Lettuce's reconnect re-issues SUBSCRIBE on the same connection
        awaitSubscribed(a, b);
        onB.clear();
        a.publish(joined("gw-a", 5)).get(2, TimeUnit.SECONDS);
        ClusterEvent event = next(onB, Duration.ofSeconds(3));
        assertThat(event.getPlayerJoined().getPlayer().getNetId()).isEqualTo(5);
    }

    @Test
    void eventsTravelOnOneChannelPerFamilyUnderThePrefix() throws Exception {
        ClusterEvents a = open();
        BlockingQueue<String> channels = new LinkedBlockingQueue<>();
        try (var raw = REDIS.client().connectPubSub()) {
            raw.addListener(new io.lettuce.core.pubsub.RedisPubSubAdapter<>() {
                @Override
                public void message(String pattern, String channel, String message) {
                    channels.add(channel);
                }
            });
            raw.sync().psubscribe("gatehouse:events:*");
            awaitSubscribed(a, a);
            channels.clear();
            a.publish(joined("gw", 1)).get(2, TimeUnit.SECONDS);
            a.publish(replaced("gw", 1)).get(2, TimeUnit.SECONDS);
            a.publish(kick("1")).get(2, TimeUnit.SECONDS);
            java.util.Set<String> seen = new java.util.TreeSet<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (seen.size() < 3 && System.nanoTime() < deadline) {
                String channel = channels.poll(100, TimeUnit.MILLISECONDS);
                if (channel != null) {
                    seen.add(channel); // a late probe may repeat the kick channel
                }
            }
            assertThat(seen).containsExactly("gatehouse:events:kick", "gatehouse:events:player",
                    "gatehouse:events:session");
        }
    }
}
