package io.gatehouse.gateway.hytale.session;

import io.gatehouse.auth.hytale.HytaleAuthenticator;
import io.gatehouse.auth.hytale.HytaleTokenVerifier;
import io.gatehouse.auth.hytale.JwksKeySource;
import io.gatehouse.auth.hytale.PasswordChallenges;
import io.gatehouse.auth.hytale.ServerIdentity;
import io.gatehouse.auth.hytale.SessionServiceClient;
import io.gatehouse.auth.hytale.grpc.HytaleAuthGrpcService;
import io.gatehouse.auth.hytale.grpc.RegistryPasswordAttemptCounter;
import io.gatehouse.dev.hytale.LocalHytaleSessionService;
import io.gatehouse.gateway.client.GuardedCalls;
import io.gatehouse.gateway.hytale.client.HytaleAuthClient;
import io.gatehouse.gateway.hytale.client.HytaleRegistryClient;
import io.gatehouse.gateway.hytale.client.HytaleWorldClient;
import io.gatehouse.gateway.hytale.transport.HytaleProperties;
import io.gatehouse.gateway.hytale.transport.HytaleQuicListener;
import io.gatehouse.gateway.tls.CertifiedKey;
import io.gatehouse.gateway.tls.ServerCertificates;
import io.gatehouse.hytale.protocol.VersionCheck;
import io.gatehouse.registry.grpc.SessionRegistryService;
import io.gatehouse.registry.memory.InMemorySessionStore;
import io.gatehouse.world.assets.AssetCatalog;
import io.gatehouse.world.assets.AssetStreamer;
import io.gatehouse.world.grpc.WorldContentGrpcService;
import io.gatehouse.world.hytale.HytaleWorldGrpcService;
import io.gatehouse.world.hytale.HytaleWorldProperties;
import io.gatehouse.world.io.ReadBufferPool;
import io.gatehouse.world.resources.ResourceCatalog;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The real pieces of one Hytale join, wired without Spring: the QUIC listener on a free port of 127.0.0.1 with the
 * session pipeline, the auth, world, world-content and session-registry gRPC services on an in-process server (as in
 * the all-in-one node), and the local Hytale session service on a free port.
 */
final class HytaleStack implements AutoCloseable {

    static final String PASSWORD = "letmein";

    final LocalHytaleSessionService sessionService;
    final HytaleQuicListener listener;
    final HytaleSessionManager manager;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final CertifiedKey serverCertificate = ServerCertificates.generateServerCertificate("localhost");
    final Path assetsDir;
    private final Server grpc;
    private final ManagedChannel channel;
    private final ExecutorService calls = Executors.newFixedThreadPool(4);
    private final ExecutorService io = Executors.newFixedThreadPool(2);
    private final ServerIdentity identity;

    static final class Settings {
        HytaleAuthenticator.AuthMode mode = HytaleAuthenticator.AuthMode.INSECURE;
        String password;
        Consumer<HytaleSessionProperties> session = p -> { };
        /** A shared session registry (cluster tests): registry calls and cluster events go there, not in-memory. */
        io.grpc.Channel registry;
    }

    /** Set when {@link Settings#registry} is: this gateway's subscription to the registry's cluster events. */
    final io.gatehouse.gateway.cluster.ClusterEventsClient clusterEvents;

    HytaleStack(Path tempDir, Consumer<Settings> configure) throws Exception {
        Settings settings = new Settings();
        configure.accept(settings);
        assetsDir = Files.createDirectories(tempDir.resolve("assets"));
        Random random = new Random(42);
        byte[] big = new byte[3 * 1024 * 1024 + 123]; // two AssetParts
        random.nextBytes(big);
        Files.write(Files.createDirectories(assetsDir.resolve("Common/Blocks")).resolve("stone.png"), big);
        Files.writeString(assetsDir.resolve("Common/lang.json"), "{\"hello\":\"world\"}");
        Path resources = Files.createDirectories(tempDir.resolve("resources"));

        sessionService = LocalHytaleSessionService.builder().build().start();
        SessionServiceClient sessionClient = new SessionServiceClient(
                SessionServiceClient.Settings.defaults(sessionService.baseUrl())
                        .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(2)));
        JwksKeySource keys = new JwksKeySource(sessionClient, Clock.systemUTC());
        HytaleTokenVerifier verifier = new HytaleTokenVerifier(keys, HytaleTokenVerifier.DEFAULT_ISSUER, Clock.systemUTC());
        LocalHytaleSessionService.Account server = sessionService.createServerAccount("gatehouse-test");
        identity = new ServerIdentity(new ServerIdentity.Config(null, null, null, server.oauthAccessToken(),
                server.uuid()), sessionClient, verifier, Clock.systemUTC());
        if (settings.mode == HytaleAuthenticator.AuthMode.AUTHENTICATED) {
            identity.start().block(Duration.ofSeconds(10));
        }

        String inProcessName = "hytale-stack-" + UUID.randomUUID();
        channel = InProcessChannelBuilder.forName(inProcessName).directExecutor().build();
        io.grpc.Channel registryChannel = settings.registry != null ? settings.registry : channel;
        PasswordChallenges passwords = new PasswordChallenges(settings.password,
                new RegistryPasswordAttemptCounter(registryChannel, Duration.ofSeconds(3), Duration.ofMinutes(5)));
        HytaleAuthenticator authenticator = settings.mode == HytaleAuthenticator.AuthMode.INSECURE
                ? new HytaleAuthenticator(settings.mode, null, null, null, passwords)
                : new HytaleAuthenticator(settings.mode, verifier, sessionClient, identity, passwords);
        ReadBufferPool pool = ReadBufferPool.defaultPool();
        AssetCatalog catalog = new AssetCatalog(assetsDir, pool);
        catalog.rescan();
        ResourceCatalog resourceCatalog = new ResourceCatalog(resources, Files.createDirectories(tempDir.resolve("cache")), pool);
        resourceCatalog.rescan();
        grpc = InProcessServerBuilder.forName(inProcessName).directExecutor()
                .addService(new HytaleAuthGrpcService(authenticator))
                .addService(new HytaleWorldGrpcService(catalog, new HytaleWorldProperties()))
                .addService(new WorldContentGrpcService(catalog, new AssetStreamer(catalog), resourceCatalog, pool, io))
                .addService(new SessionRegistryService(new InMemorySessionStore()))
                .build().start();

        HytaleSessionProperties sessionProperties = new HytaleSessionProperties();
        sessionProperties.setGatewayId("test-gateway");
        settings.session.accept(sessionProperties);
        Duration deadline = Duration.ofSeconds(3);
        manager = new HytaleSessionManager(sessionProperties, serverCertificate.sha256Fingerprint(), VersionCheck.DEFAULT,
                new HytaleAuthClient(channel, new GuardedCalls("auth", deadline, calls), Duration.ofSeconds(8)),
                new HytaleWorldClient(channel, new GuardedCalls("world", deadline, calls), Duration.ofSeconds(30)),
                new HytaleRegistryClient(registryChannel, new GuardedCalls("session", deadline, calls)),
                new HytaleJoinMetrics(meters));
        if (settings.registry != null) {
            clusterEvents = new io.gatehouse.gateway.cluster.ClusterEventsClient(settings.registry, deadline,
                    sessionProperties.getGatewayId());
            clusterEvents.addHandler(manager::onClusterEvent);
            clusterEvents.start();
        } else {
            clusterEvents = null;
        }
        HytaleProperties transport = new HytaleProperties();
        transport.setBindAddress("127.0.0.1");
        transport.setPort(0);
        transport.setShutdownGrace(Duration.ofSeconds(1));
        listener = new HytaleQuicListener(transport, serverCertificate, new HytaleSessionStreamInitializer(manager), meters);
        listener.setDrainHook(manager);
        listener.start();
    }

    int port() {
        return listener.localAddress().getPort();
    }

    @Override
    public void close() throws Exception {
        listener.stop();
        if (clusterEvents != null) {
            clusterEvents.close();
        }
        manager.close();
        grpc.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        channel.shutdownNow();
        calls.shutdownNow();
        io.shutdownNow();
        identity.close();
        sessionService.close();
    }
}
