package io.gatehouse.benchmarks.enet;

import io.gatehouse.enet.DeliveryMode;
import io.gatehouse.enet.EnetHost;
import io.gatehouse.enet.EnetListener;
import io.gatehouse.enet.EnetPeer;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Server-side CPU of protocol-enet under a stock libenet client: an echo {@link EnetHost} in this JVM, driven by
 * {@code benchmarks/src/main/c/enet_load.c} (connect or echo mode), and the event-loop thread's CPU time
 * ({@link ThreadMXBean}) per operation, next to the process-wide figure enet_load reads from /proc.
 *
 * <p>{@code java -cp benchmarks.jar io.gatehouse.benchmarks.enet.EnetServerCpuBenchmark connect|echo PEERS COUNT
 * [path/to/enet_load.c]}: {@code connect} runs COUNT rounds of connecting and disconnecting PEERS peers (CPU per
 * connect+disconnect), {@code echo} COUNT reliable 100-byte request/response exchanges over PEERS peers (CPU per
 * echoed message). Compare with the same enet_load run against {@code enet_echo_server.c}. Prints one JSON line.
 * Take the numbers on a quiet machine; the loop thread is the one that matters, the process figure adds GC and JIT.
 */
public final class EnetServerCpuBenchmark {
    private EnetServerCpuBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: EnetServerCpuBenchmark connect|echo PEERS COUNT [enet_load.c]");
            System.exit(2);
        }
        String mode = args[0];
        int peers = Integer.parseInt(args[1]);
        long count = Long.parseLong(args[2]);
        Path source = Path.of(args.length > 3 ? args[3] : "benchmarks/src/main/c/enet_load.c");
        Path driver = compile(source);
        // the paranoid leak detector of a test run would dominate the figures
        io.netty.util.ResourceLeakDetector.setLevel(io.netty.util.ResourceLeakDetector.Level.DISABLED);

        EnetListener echo = new EnetListener() {
            @Override
            public void onReceive(EnetPeer peer, int channelId, ByteBuf payload, DeliveryMode mode) {
                peer.send(channelId, payload.retain(), DeliveryMode.RELIABLE);
            }
        };
        try (EnetHost server = EnetHost.builder().bind(new InetSocketAddress("127.0.0.1", 0)).peerLimit(4095)
            .channelLimit(2).duplicatePeers(4095).listener(echo).build()) {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long loopThread = server.eventLoop().submit(() -> Thread.currentThread().getId()).get();
            // warm the JIT with a short run first, so the measured run is steady state
            if ("echo".equals(mode)) {
                run(driver, "echo", server, Math.min(peers, 200), 20_000);
            } else {
                run(driver, "connect", server, Math.min(peers, 500), 4);
            }
            long cpu0 = threads.getThreadCpuTime(loopThread);
            long wall0 = System.nanoTime();
            String report = run(driver, mode, server, peers, count);
            long loopCpu = threads.getThreadCpuTime(loopThread) - cpu0;
            long wall = System.nanoTime() - wall0;
            long ops = "connect".equals(mode) ? peers * count : count;
            System.out.printf("{\"benchmark\":\"enet-server-cpu\",\"mode\":\"%s\",\"peers\":%d,\"ops\":%d,"
                    + "\"loopCpuMicrosPerOp\":%.2f,\"wallSeconds\":%.2f,\"transport\":\"%s\",\"enetLoad\":%s}%n",
                mode, peers, ops, loopCpu / 1000.0 / ops, wall / 1e9,
                server.isNativeTransport() ? "epoll" : "nio", report.isEmpty() ? "null" : report);
        }
    }

    private static String run(Path driver, String mode, EnetHost server, int peers, long count)
        throws IOException, InterruptedException {
        long pid = ProcessHandle.current().pid();
        Process p = new ProcessBuilder(driver.toString(), mode, "127.0.0.1",
            String.valueOf(server.localAddress().getPort()), "1", String.valueOf(peers), String.valueOf(count),
            String.valueOf(pid)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("enet_load failed: " + out);
            }
            List<String> lines = out.lines().filter(l -> l.startsWith("{")).toList();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        } finally {
            p.destroyForcibly();
        }
    }

    private static Path compile(Path source) throws IOException, InterruptedException {
        if (!Files.exists(source)) {
            throw new IllegalArgumentException(source + " not found (run from the repository root or pass its path)");
        }
        Path dir = Files.createTempDirectory("enet-load");
        Path binary = dir.resolve("enet_load");
        Process gcc = new ProcessBuilder("gcc", "-O2", "-o", binary.toString(), source.toString(), "-lenet")
            .redirectErrorStream(true).start();
        String output = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!gcc.waitFor(60, TimeUnit.SECONDS) || gcc.exitValue() != 0) {
            throw new IllegalStateException("gcc enet_load.c failed (apt-get install gcc libenet-dev):\n" + output);
        }
        binary.toFile().deleteOnExit();
        dir.toFile().deleteOnExit();
        return binary;
    }
}
