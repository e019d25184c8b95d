package io.gatehouse.gateway.cluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real redis-server (from PATH) on a free loopback port that a test can kill (SIGKILL, as an outage) and start
 * again on the same port. It runs as production should: append-only file, fsync on every write, so a restart
 * keeps every session, net ID and slot (a Redis that comes back empty forgets which IDs live players hold).
 */
public final class RedisTestServer implements AutoCloseable {

    private final String binary;
    private final int port;
    private final Path dir;
    private Process process;

    public RedisTestServer() throws Exception {
        binary = findOnPath("redis-server");
        dir = Files.createTempDirectory("gatehouse-redis-");
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        start();
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public synchronized void start() throws Exception {
        if (process != null && process.isAlive()) {
            return;
        }
        Path log = Files.createTempFile("gatehouse-redis-" + port + "-", ".log");
        process = new ProcessBuilder(binary, "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "yes", "--appendfsync", "always", "--dir", dir.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket()) {
                ignored.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("redis-server did not listen on " + port + ": " + Files.readString(log));
    }

    public synchronized void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static String findOnPath(String name) {
        for (String dir : System.getenv("PATH").split(":")) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new AssertionError(name + " is not on PATH: install it (apt-get install redis-server) or run ./gatehouse test");
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
