package io.gatehouse.gateway.fivem.udp;

import io.gatehouse.gateway.cluster.ClusterEventsClient;
import io.gatehouse.gateway.cluster.RegistryInstance;
import io.gatehouse.gateway.fivem.config.FivemProperties;
import io.gatehouse.gateway.fivem.http.IpRanges;
import io.gatehouse.gateway.client.GuardedCalls;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * One gateway's FiveM UDP listener of a cluster: its own registry instance (and world service) over gRPC, its own
 * subscription to the cluster events, its own gateway id; the listener exactly as the auto-configuration wires it.
 */
final class ClusterGateway implements AutoCloseable {

    final String id;
    final FivemUdpListener listener;
    final ClusterEventsClient events;
    final FivemUdpProperties udp = new FivemUdpProperties();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ExecutorService executor = Executors.newFixedThreadPool(2);

    ClusterGateway(String id, RegistryInstance registry, Consumer<FivemUdpProperties> custom) {
        this.id = id;
        Duration deadline = Duration.ofSeconds(2);
        FivemRegistryClient registryClient = new FivemRegistryClient(registry.channel(), new GuardedCalls("session",
                deadline, executor, CircuitBreaker.of(id + "-session", GuardedCalls.breakerConfig())));
        FivemWorldClient world = new FivemWorldClient(registry.channel(),
                new GuardedCalls("world", deadline, executor, CircuitBreaker.of(id + "-world", GuardedCalls.breakerConfig())),
                new GuardedCalls("world", deadline, executor, CircuitBreaker.of(id + "-info", GuardedCalls.breakerConfig())));
        FivemProperties fivem = new FivemProperties();
        fivem.setPort(0);
        fivem.setProxyIpRanges(List.of("127.0.0.0/8"));
        udp.setBindAddress("127.0.0.1");
        udp.setReconnectGrace(Duration.ofMillis(500));
        udp.setHeartbeatInterval(Duration.ofSeconds(30)); // so only an event can be prompt
        custom.accept(udp);
        listener = new FivemUdpListener(fivem, udp, false, IpRanges.parse(List.of("127.0.0.0/8")), registryClient,
                world, new FivemUdpMetrics(meters), "127.0.0.1", id);
        events = new ClusterEventsClient(registry.channel(), deadline, id);
        listener.setClusterEvents(events);
        events.start();
        listener.start();
    }

    InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", listener.port());
    }

    int players() {
        FivemPeerSessions sessions = listener.sessions();
        return sessions == null ? 0 : sessions.playerCount();
    }

    @Override
    public void close() {
        listener.stop();
        events.close();
        executor.shutdownNow();
    }
}
