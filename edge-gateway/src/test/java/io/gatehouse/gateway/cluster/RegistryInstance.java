package io.gatehouse.gateway.cluster;

import io.gatehouse.registry.core.RegistrySettings;
import io.gatehouse.registry.events.ClusterEventsGrpcService;
import io.gatehouse.registry.events.RedisClusterEvents;
import io.gatehouse.registry.grpc.SessionRegistryService;
import io.gatehouse.registry.redis.RedisSessionStore;
import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/**
 * One session-registry instance as a split deployment runs it: its own Redis connections (store and pub/sub, with
 * the production fail-fast options), the {@code SessionRegistry} and {@code ClusterEvents} gRPC services (plus any
 * extra service, e.g. the world's) on its own in-process server. Several instances on one Redis are a cluster.
 */
public final class RegistryInstance implements AutoCloseable {

    public final RedisSessionStore store;
    public final RedisClusterEvents events;
    private final Server server;
    private final ManagedChannel channel;

    public RegistryInstance(String redisUrl, RegistrySettings settings, BindableService... extra) throws Exception {
        Duration timeout = Duration.ofSeconds(1);
        store = RedisSessionStore.connect(redisUrl, timeout, settings, Clock.systemUTC(),
                RedisSessionStore.DEFAULT_PREFIX);
        events = RedisClusterEvents.connect(redisUrl, timeout, RedisSessionStore.DEFAULT_PREFIX);
        String name = "registry-" + UUID.randomUUID();
        var builder = InProcessServerBuilder.forName(name).directExecutor()
                .addService(new SessionRegistryService(store, events))
                .addService(new ClusterEventsGrpcService(events));
        for (BindableService service : extra) {
            builder.addService(service);
        }
        server = builder.build().start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    }

    public ManagedChannel channel() {
        return channel;
    }

    @Override
    public void close() {
        channel.shutdownNow();
        server.shutdownNow();
        events.close();
        store.close();
    }
}
