package io.gatehouse.registry.events;

import com.google.protobuf.InvalidProtocolBufferException;
import io.gatehouse.contracts.session.v1.ClusterEvent;
import io.gatehouse.registry.redis.RedisSessionStore;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redis pub/sub: one channel per {@link Family} under the key prefix ({@code gatehouse:events:player}, ...), the
 * event as protobuf bytes. One subscribing connection per bus, fanned out locally; Lettuce re-issues the SUBSCRIBE
 * when it reconnects, so a Redis restart costs only the events published while it was down.
 */
public final class RedisClusterEvents implements ClusterEvents {

    private static final Logger log = LoggerFactory.getLogger(RedisClusterEvents.class);
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private final RedisClient ownedClient;
    private final StatefulRedisConnection<String, byte[]> publisher;
    private final StatefulRedisPubSubConnection<String, byte[]> subscriber;
    private final String prefix;
    private final List<Consumer<ClusterEvent>> listeners = new CopyOnWriteArrayList<>();

    private RedisClusterEvents(RedisClient client, boolean owned, String prefix) {
        this.ownedClient = owned ? client : null;
        this.prefix = prefix;
        this.publisher = client.connect(CODEC);
        try {
            this.subscriber = client.connectPubSub(CODEC);
        } catch (RuntimeException e) {
            publisher.close();
            throw e;
        }
        subscriber.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, byte[] message) {
                deliver(message);
            }
        });
        String[] channels = Arrays.stream(Family.values()).map(f -> f.channel(prefix)).toArray(String[]::new);
        subscriber.sync().subscribe(channels);
    }

    /** Connects to {@code redis://...} with the registry's fail-fast client options; owns the client. */
    public static RedisClusterEvents connect(String redisUrl, java.time.Duration commandTimeout, String prefix) {
        RedisClient client = RedisSessionStore.failFastClient(redisUrl, commandTimeout);
        try {
            return new RedisClusterEvents(client, true, prefix);
        } catch (RuntimeException e) {
            client.shutdown();
            throw e;
        }
    }

    /** Opens its own connections on a client the caller owns (and shuts down). */
    public static RedisClusterEvents connect(RedisClient sharedClient, String prefix) {
        return new RedisClusterEvents(sharedClient, false, prefix);
    }

    private void deliver(byte[] message) {
        ClusterEvent event;
        try {
            event = ClusterEvent.parseFrom(message);
        } catch (InvalidProtocolBufferException e) {
            log.warn("ignoring a malformed cluster event ({} bytes)", message.length);
            return;
        }
        for (Consumer<ClusterEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                log.warn("cluster event listener failed", e);
            }
        }
    }

    @Override
    public CompletableFuture<Void> publish(ClusterEvent event) {
        String channel;
        try {
            channel = Family.of(event).channel(prefix);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        try {
            return publisher.async().publish(channel, event.toByteArray()).toCompletableFuture()
                    .thenApply(receivers -> null);
        } catch (RuntimeException e) { // REJECT_COMMANDS while disconnected throws synchronously
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public Subscription subscribe(Consumer<ClusterEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Whether the subscribing connection is up (health, tests). */
    public boolean isConnected() {
        return subscriber.isOpen() && publisher.isOpen();
    }

    @Override
    public void close() {
        listeners.clear();
        subscriber.close();
        publisher.close();
        if (ownedClient != null) {
            ownedClient.shutdown();
        }
    }
}
