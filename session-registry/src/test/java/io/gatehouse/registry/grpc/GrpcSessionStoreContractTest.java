package io.gatehouse.registry.grpc;

import io.gatehouse.registry.contract.SessionStoreContract;
import io.gatehouse.registry.core.RegistrySettings;
import io.gatehouse.registry.core.SessionStore;
import io.gatehouse.registry.memory.InMemorySessionStore;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import org.junit.jupiter.api.AfterEach;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The contract over the wire: each store client is a {@link RemoteSessionStore} on its own channel to an
 * in-process server running {@link SessionRegistryService} (one server per settings, like one cluster).
 */
class GrpcSessionStoreContractTest extends SessionStoreContract {

    private final Map<RegistrySettings, String> servers = new HashMap<>();
    private final List<Server> started = new ArrayList<>();
    private final List<ManagedChannel> channels = new ArrayList<>();

    @Override
    protected SessionStore newStore(RegistrySettings settings, Clock clock) {
        String name = servers.computeIfAbsent(settings, s -> {
            String serverName = InProcessServerBuilder.generateName();
            try {
                started.add(InProcessServerBuilder.forName(serverName)
                        .addService(new SessionRegistryService(new InMemorySessionStore(s, clock)))
                        .build().start());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return serverName;
        });
        ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
        channels.add(channel);
        return new RemoteSessionStore(channel, Duration.ofSeconds(10));
    }

    @AfterEach
    void stopServers() throws InterruptedException {
        for (ManagedChannel channel : channels) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        for (Server server : started) {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
