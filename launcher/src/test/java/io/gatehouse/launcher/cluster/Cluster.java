package io.gatehouse.launcher.cluster;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The split deployment as real processes on loopback: redis-server, then session, auth, world and two gateways
 * (gateway-a, gateway-b), each {@code java -jar gatehouse.jar service <name>} in its own JVM on free ports, with its
 * own {@code --gatehouse.data-dir} and the repository's {@code world/} as content. FiveM runs LAN (no Cfx tickets)
 * and Hytale insecure (no session service): the tests are about the cluster, not about accounts.
 *
 * <p>The registry's expiry is shortened ({@link #PENDING_TTL}, {@link #CONNECTED_TTL}, {@link #GATEWAY_TTL},
 * {@link #ORPHAN_GRACE}, reaping every second, gateways heartbeating every 2 s) so a killed gateway's players are
 * reclaimed within seconds. Redis keeps an append-only file, so a stopped and restarted Redis comes back with its data.
 * Every process gets the same {@code gatehouse.registry.*} values, as RegistryProperties asks.
 *
 * <p>{@link #close()} stops everything in reverse start order (SIGTERM, then SIGKILL by PID), also after a failed
 * start; a JVM shutdown hook does the same if the test JVM dies first.
 */
public final class Cluster implements AutoCloseable {

    public static final Duration PENDING_TTL = Duration.ofSeconds(15);
    public static final Duration CONNECTED_TTL = Duration.ofSeconds(6);
    public static final Duration GATEWAY_TTL = Duration.ofSeconds(5);
    public static final Duration HEARTBEAT = Duration.ofSeconds(2);
    /** A bound session its live gateway stopped vouching for (e.g. a release lost in a Redis outage) dies after this. */
    public static final Duration ORPHAN_GRACE = Duration.ofSeconds(8);
    /** How long after a gateway dies its bound sessions are reaped at the latest (TTL + reaper tick + slack). */
    public static final Duration RECLAIM_WINDOW = CONNECTED_TTL.plus(GATEWAY_TTL).plusSeconds(4);
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    /** A gateway's player-facing ports and its process. */
    public record Gateway(String name, ClusterProcess process, int fivemPort, int hytalePort) {
        public String fivemTarget() {
            return "127.0.0.1:" + fivemPort;
        }

        /** The FiveM UDP gateway id of this process's current life (random per start), from its log. */
        public String fivemGatewayId() {
            String id = null;
            for (String line : process.logText().lines().toList()) {
                int at = line.indexOf(" as gateway fivem-");
                if (at >= 0) {
                    id = line.substring(at + " as gateway ".length()).trim();
                }
            }
            return id;
        }

        /** Whether a registry holder id ({@code gw}) is this gateway (Hytale: its name; FiveM: its current id). */
        public boolean holds(String holderId) {
            return holderId != null && (holderId.equals(name) || holderId.equals(fivemGatewayId()));
        }
    }

    private static final Set<ClusterProcess> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(p ->
                ProcessHandle.of(p.pid()).ifPresent(ProcessHandle::destroyForcibly)), "cluster-reaper"));
    }

    private final Path workDir;
    private final List<ClusterProcess> started = new ArrayList<>();
    private final Map<String, String> extra;
    public final int redisPort;
    public final int sessionGrpc;
    public final int authGrpc;
    public final int worldGrpc;
    private ClusterProcess redis;
    private ClusterProcess session;
    private ClusterProcess auth;
    private ClusterProcess world;
    private Gateway gatewayA;
    private Gateway gatewayB;

    private Cluster(Path workDir, Map<String, String> extra) throws IOException {
        this.workDir = workDir;
        this.extra = extra;
        this.redisPort = freeTcpPort();
        this.sessionGrpc = freeTcpPort();
        this.authGrpc = freeTcpPort();
        this.worldGrpc = freeTcpPort();
    }

    /** Starts the whole topology and waits until every process is ready. */
    public static Cluster start(Path workDir) throws Exception {
        return start(workDir, Map.of());
    }

    /** {@code extra}: more {@code --key=value} properties for every service process. */
    public static Cluster start(Path workDir, Map<String, String> extra) throws Exception {
        Cluster cluster = new Cluster(workDir, extra);
        try {
            cluster.startAll();
            return cluster;
        } catch (Throwable e) {
            cluster.close();
            throw e;
        }
    }

    private void startAll() throws Exception {
        long t0 = System.nanoTime();
        redis = track(new ClusterProcess("redis", List.of(findOnPath("redis-server"), "--port",
                String.valueOf(redisPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "yes", "--appendfsync", "everysec",
                "--dir", dir("redis").toString()), dir("redis"), 0)).start();
        awaitRedis();
        Path root = repositoryRoot();
        this.session = track(service("session", "--gatehouse.grpc.port=" + sessionGrpc,
                "--gatehouse.redis.url=" + redisUrl()));
        auth = track(service("auth", "--gatehouse.grpc.port=" + authGrpc));
        world = track(service("world", "--gatehouse.grpc.port=" + worldGrpc,
                "--gatehouse.world.assets-dir=" + root.resolve("world/assets"),
                "--gatehouse.world.resources-dir=" + root.resolve("world/resources")));
        gatewayA = gateway("gateway-a");
        gatewayB = gateway("gateway-b");
        // Start the JVMs together (2 cores: this is the slowest part), then wait for each.
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> waits = new ArrayList<>();
            for (ClusterProcess process : List.of(this.session, auth, world, gatewayA.process(), gatewayB.process())) {
                process.start();
                waits.add(pool.submit(() -> {
                    process.awaitReady(READY_TIMEOUT);
                    return null;
                }));
            }
            for (Future<?> wait : waits) {
                try {
                    wait.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof Exception ex ? ex : new RuntimeException(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf("[cluster] ready in %d ms: redis %d, session %d, auth %d, world %d, %s fivem %d hytale %d,"
                        + " %s fivem %d hytale %d%n", (System.nanoTime() - t0) / 1_000_000, redisPort, sessionGrpc,
                authGrpc, worldGrpc, gatewayA.name(), gatewayA.fivemPort(), gatewayA.hytalePort(), gatewayB.name(),
                gatewayB.fivemPort(), gatewayB.hytalePort());
    }

    private Gateway gateway(String name) throws Exception {
        int fivem = freeTcpAndUdpPort();
        int hytale = freeTcpAndUdpPort();
        ClusterProcess process = track(process(name, "gateway",
                "--gatehouse.fivem.port=" + fivem,
                "--gatehouse.hytale.port=" + hytale,
                "--gatehouse.hytale.gateway-id=" + name,
                "--gatehouse.fivem.udp.bind-address=127.0.0.1",
                "--gatehouse.fivem.hostname=" + name));
        return new Gateway(name, process, fivem, hytale);
    }

    private ClusterProcess service(String name, String... args) throws IOException {
        return process(name, name, args);
    }

    private ClusterProcess process(String name, String role, String... args) throws IOException {
        int admin = freeTcpPort();
        Path dir = dir(name);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms64m", "-Xmx256m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-XX:CICompilerCount=1", "-Dgatehouse.cluster.process=" + name,
                "-jar", jar().toString(), "service", role,
                "--gatehouse.admin.port=" + admin,
                "--gatehouse.data-dir=" + dir.resolve("data")));
        command.addAll(commonProperties());
        command.addAll(List.of(args));
        return new ClusterProcess(name, command, dir, admin);
    }

    /** The same for every process: modes, the registry's shortened expiry, heartbeats, a short shutdown phase. */
    private List<String> commonProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("gatehouse.fivem.lan", "true");
        p.put("gatehouse.hytale.auth-mode", "insecure");
        p.put("gatehouse.registry.pending-ttl", PENDING_TTL.toSeconds() + "s");
        p.put("gatehouse.registry.connected-ttl", CONNECTED_TTL.toSeconds() + "s");
        p.put("gatehouse.registry.gateway-ttl", GATEWAY_TTL.toSeconds() + "s");
        p.put("gatehouse.registry.orphan-grace", ORPHAN_GRACE.toSeconds() + "s");
        p.put("gatehouse.registry.reap-interval", "1s");
        // the reaper waits this long after a Redis outage (gateway TTL + one heartbeat), as production derives it
        p.put("gatehouse.registry.reap-grace-after-outage", GATEWAY_TTL.plus(HEARTBEAT).toSeconds() + "s");
        p.put("gatehouse.fivem.udp.heartbeat-interval", HEARTBEAT.toSeconds() + "s");
        p.put("gatehouse.hytale.heartbeat-interval", HEARTBEAT.toSeconds() + "s");
        p.put("spring.lifecycle.timeout-per-shutdown-phase", "15s");
        // Every process gets every target: auth calls world for getConfiguration, and AuthServiceMain's defaults
        // only name the session registry (the world target would stay in-process and fail with UNAVAILABLE).
        p.put("gatehouse.services.session.target", "127.0.0.1:" + sessionGrpc);
        p.put("gatehouse.services.auth.target", "127.0.0.1:" + authGrpc);
        p.put("gatehouse.services.world.target", "127.0.0.1:" + worldGrpc);
        p.putAll(extra);
        List<String> args = new ArrayList<>();
        p.forEach((k, v) -> args.add("--" + k + "=" + v));
        return args;
    }

    public String redisUrl() {
        return "redis://127.0.0.1:" + redisPort;
    }

    public ClusterProcess redis() {
        return redis;
    }

    public ClusterProcess session() {
        return session;
    }

    public ClusterProcess auth() {
        return auth;
    }

    public ClusterProcess world() {
        return world;
    }

    public Gateway gatewayA() {
        return gatewayA;
    }

    public Gateway gatewayB() {
        return gatewayB;
    }

    public List<Gateway> gateways() {
        return List.of(gatewayA, gatewayB);
    }

    /** The gateway whose id a registry holder field names, or null. */
    public Gateway gatewayHolding(String holderId) {
        for (Gateway gateway : gateways()) {
            if (gateway.holds(holderId)) {
                return gateway;
            }
        }
        return null;
    }

    public List<ClusterProcess> processes() {
        return List.copyOf(started);
    }

    /** Starts a stopped process again (same command, ports, data dir) and waits for it to be ready. */
    public void restart(ClusterProcess process) throws Exception {
        process.start();
        LIVE.add(process);
        if (process == redis) {
            awaitRedis();
        } else {
            process.awaitReady(READY_TIMEOUT);
        }
    }

    private void awaitRedis() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", redisPort)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("redis-server did not listen on " + redisPort + "\n" + redis.logTail(20));
    }

    private ClusterProcess track(ClusterProcess process) {
        started.add(process);
        LIVE.add(process);
        return process;
    }

    private Path dir(String name) throws IOException {
        return Files.createDirectories(workDir.resolve(name));
    }

    /** The logs of every process, tails only (for assertion messages). */
    public String logTails(int lines) {
        StringBuilder out = new StringBuilder();
        for (ClusterProcess p : started) {
            out.append("----- ").append(p.name).append(" ----- ").append(p.log()).append('\n')
                    .append(p.logTail(lines)).append('\n');
        }
        return out.toString();
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            ClusterProcess process = started.get(i);
            process.close();
            LIVE.remove(process);
        }
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("gatehouse.jar", "target/gatehouse.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("no " + jar + ": run `./mvnw -pl launcher -am verify` (failsafe runs after package)");
        }
        return jar;
    }

    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("world/assets")) && Files.isRegularFile(dir.resolve("gatehouse"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new AssertionError("cannot find the repository root (world/assets) above " + Path.of("").toAbsolutePath());
    }

    static String findOnPath(String name) {
        for (String dir : System.getenv("PATH").split(":")) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        for (String dir : List.of("/usr/sbin", "/usr/bin", "/sbin")) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new AssertionError(name + " is not installed: run ./gatehouse test (it installs redis-server and nginx)"
                + " or apt-get install " + name);
    }

    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
    private static final java.util.Random RANDOM = new java.util.Random();

    /**
     * A port free for TCP and UDP, picked below the kernel's ephemeral range (32768+) so that no outgoing connection
     * of another process can take it between this check and the service's bind, and never twice in this JVM.
     */
    static int freeTcpPort() throws IOException {
        return freeTcpAndUdpPort();
    }

    static int freeTcpAndUdpPort() throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 20000 + RANDOM.nextInt(12000);
            if (!HANDED_OUT.add(port)) {
                continue;
            }
            try (ServerSocket tcp = new ServerSocket(port);
                 DatagramSocket udp = new DatagramSocket(port)) {
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no port free for TCP and UDP in 20000..32000");
    }
}
