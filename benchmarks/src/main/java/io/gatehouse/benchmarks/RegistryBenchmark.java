package io.gatehouse.benchmarks;

import io.gatehouse.registry.core.BindRequest;
import io.gatehouse.registry.core.Holder;
import io.gatehouse.registry.core.NewSession;
import io.gatehouse.registry.core.PendingCreated;
import io.gatehouse.registry.core.RegistrySettings;
import io.gatehouse.registry.core.SessionKey;
import io.gatehouse.registry.core.SessionStore;
import io.gatehouse.registry.memory.InMemorySessionStore;
import io.gatehouse.registry.redis.RedisSessionStore;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Session registry operations of one join, in memory and on a real Redis (a {@code redis-server} child process on
 * a free loopback port, as the tests run it): a pending session (initConnect / Connect), its lookup by token, the
 * bind (handshake: net ID and slot), and its removal. Synchronous round trips: the latency one join waits for.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RegistryBenchmark {

    @Param({"memory", "redis"})
    public String store;

    private SessionStore sessions;
    private Process redis;
    private long next;
    private String knownToken;
    private final Holder holder = new Holder("bench-gateway", 1, "127.0.0.1:40000");

    @Setup(Level.Trial)
    public void setup() throws Exception {
        if (store.equals("redis")) {
            int port;
            try (ServerSocket probe = new ServerSocket(0)) {
                port = probe.getLocalPort();
            }
            redis = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            awaitPort(port);
            sessions = RedisSessionStore.connect("redis://127.0.0.1:" + port, RegistrySettings.defaults(),
                    Clock.systemUTC(), "bench:");
        } else {
            sessions = new InMemorySessionStore();
        }
        knownToken = sessions.createPending(newSession(-1)).get(5, TimeUnit.SECONDS).token();
    }

    private static void awaitPort(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("redis-server did not start on " + port);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        sessions.close();
        if (redis != null) {
            redis.destroy();
            redis.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static NewSession newSession(long n) {
        return new NewSession(SessionKey.fivem(Long.toUnsignedString(0x0210000100000000L | (n & 0xFFFFFFFFL))),
                "bench", "127.0.0.1", List.of("license:bench" + n), true);
    }

    /** The registry's part of one FiveM join and leave: createPending, bind (net ID + slot), remove. */
    @Benchmark
    public Object joinCycle() throws Exception {
        NewSession request = newSession(next++);
        PendingCreated pending = sessions.createPending(request).get(5, TimeUnit.SECONDS);
        sessions.bind(new BindRequest(request.key(), pending.token(), holder, true)).get(5, TimeUnit.SECONDS);
        return sessions.remove(request.key(), pending.token(), holder).get(5, TimeUnit.SECONDS);
    }

    @Benchmark
    public Object findByToken() throws Exception {
        return sessions.findByToken(knownToken).get(5, TimeUnit.SECONDS);
    }
}
