package io.gatehouse.gateway.fivem.udp;

import io.gatehouse.gateway.fivem.config.FivemProperties;
import io.gatehouse.gateway.fivem.http.IpRanges;
import io.gatehouse.gateway.client.GuardedCalls;
import io.gatehouse.registry.core.DeferralState;
import io.gatehouse.registry.core.NewSession;
import io.gatehouse.registry.core.PendingCreated;
import io.gatehouse.registry.core.RegistrySettings;
import io.gatehouse.registry.core.SessionKey;
import io.gatehouse.registry.grpc.SessionRegistryService;
import io.gatehouse.registry.memory.InMemorySessionStore;
import io.gatehouse.world.fivem.join.FivemJoinGrpcAdapter;
import io.gatehouse.world.fivem.join.FivemJoinService;
import io.gatehouse.world.fivem.join.FivemJoinSettings;
import io.gatehouse.world.fivem.join.ObjectIdAllocator;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * A gateway's FiveM UDP listener on 127.0.0.1:&lt;free port&gt; wired to a real session registry (in-memory store
 * behind its gRPC service) and a real world join service, each on its own in-process gRPC server so one can be
 * taken down to simulate an outage. Sessions are provisioned the way initConnect + deferrals leave them.
 */
final class FivemUdpTestNode implements AutoCloseable {

    final InMemorySessionStore store;
    final FivemJoinService join;
    final FivemProperties fivem = new FivemProperties();
    final FivemUdpProperties udp = new FivemUdpProperties();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final FivemUdpListener listener;
    private final Server sessionServer;
    private final Server worldServer;
    private final ManagedChannel sessionChannel;
    private final ManagedChannel worldChannel;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);

    record Options(int slotTableSize, boolean getStatus, List<String> proxyRanges, Consumer<FivemUdpProperties> udp,
                   boolean bigMode) {
        static Options defaults() {
            return new Options(RegistrySettings.NORMAL_SLOT_TABLE, false, List.of("127.0.0.0/8"), u -> { }, false);
        }

        Options slots(int size) {
            return new Options(size, getStatus, proxyRanges, udp, bigMode);
        }

        Options getStatus(boolean on) {
            return new Options(slotTableSize, on, proxyRanges, udp, bigMode);
        }

        Options proxyRanges(List<String> ranges) {
            return new Options(slotTableSize, getStatus, ranges, udp, bigMode);
        }

        Options udp(Consumer<FivemUdpProperties> custom) {
            return new Options(slotTableSize, getStatus, proxyRanges, custom, bigMode);
        }
    }

    FivemUdpTestNode() throws IOException {
        this(Options.defaults());
    }

    FivemUdpTestNode(Options options) throws IOException {
        store = new InMemorySessionStore(RegistrySettings.defaults().withSlotTableSize(options.slotTableSize()),
                Clock.systemUTC());
        join = new FivemJoinService(new FivemJoinSettings(options.bigMode(), "gta5",
                Map.of("sv_enforceGameBuild", "3095")), new ObjectIdAllocator(), System::currentTimeMillis);
        String name = "fivem-udp-test-" + UUID.randomUUID();
        sessionServer = InProcessServerBuilder.forName(name + "-session").directExecutor()
                .addService(new SessionRegistryService(store)).build().start();
        worldServer = InProcessServerBuilder.forName(name + "-world").directExecutor()
                .addService(new FivemJoinGrpcAdapter(join)).build().start();
        sessionChannel = InProcessChannelBuilder.forName(name + "-session").directExecutor().build();
        worldChannel = InProcessChannelBuilder.forName(name + "-world").directExecutor().build();
        Duration deadline = Duration.ofSeconds(1);
        FivemRegistryClient registry = new FivemRegistryClient(sessionChannel, new GuardedCalls("session", deadline,
                executor, CircuitBreaker.of("test-session", GuardedCalls.breakerConfig())));
        FivemWorldClient world = new FivemWorldClient(worldChannel,
                new GuardedCalls("world", deadline, executor, CircuitBreaker.of("test-world", GuardedCalls.breakerConfig())),
                new GuardedCalls("world", deadline, executor, CircuitBreaker.of("test-info", GuardedCalls.breakerConfig())));
        fivem.setPort(0);
        fivem.setHostname("Gatehouse ^2test");
        fivem.setProxyIpRanges(options.proxyRanges());
        udp.setBindAddress("127.0.0.1");
        udp.setReconnectGrace(Duration.ofMillis(1500));
        options.udp().accept(udp);
        listener = new FivemUdpListener(fivem, udp, options.getStatus(), IpRanges.parse(options.proxyRanges()),
                registry, world, new FivemUdpMetrics(meters), "127.0.0.1", "gw-test-" + UUID.randomUUID());
        listener.start();
    }

    InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", listener.port());
    }

    /** A session as initConnect leaves it; {@code validated} as when deferrals are done. */
    String provision(String guid, String name, boolean validated) {
        PendingCreated created = store.createPending(new NewSession(SessionKey.fivem(guid), name, "127.0.0.1",
                List.of("license:" + guid), false)).join();
        if (validated) {
            store.setDeferral(created.token(), DeferralState.DONE).join();
        }
        return created.token();
    }

    boolean hasSession(String guid) {
        return store.findByKey(SessionKey.fivem(guid)).join().isPresent();
    }

    /** Simulates a registry outage: its gRPC server goes away. */
    void killRegistry() {
        sessionServer.shutdownNow();
    }

    double counter(String name, String... tags) {
        var counter = meters.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    @Override
    public void close() {
        listener.stop();
        sessionChannel.shutdownNow();
        worldChannel.shutdownNow();
        sessionServer.shutdownNow();
        worldServer.shutdownNow();
        executor.shutdownNow();
        store.close();
    }
}
