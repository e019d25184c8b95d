package io.gatehouse.registry.testing;

import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.embedded.core.ExecutableProvider;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real redis-server on a free 127.0.0.1 port for one test class: the {@code redis-server} on PATH if there is
 * one, else the binary shipped in the embedded-redis jar. Stopped after the class. Register it as a static field.
 * JUnit calls before/after-all again for every {@code @Nested} class, so starts and stops are counted: the server
 * starts with the outermost class and stops after it.
 */
public final class RedisServerExtension implements BeforeAllCallback, AfterAllCallback {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(15);

    private Process process;
    private int port;
    private int users;
    private RedisClient client;

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** A client for the running server, shut down with it. */
    public RedisClient client() {
        return client;
    }

    public void flushAll() {
        try (var connection = client.connect()) {
            connection.sync().flushall();
        }
    }

    @Override
    public synchronized void beforeAll(ExtensionContext context) throws Exception {
        if (users++ > 0) {
            return;
        }
        port = freePort();
        launch();
        client = RedisClient.create(url());
    }

    /** Kills the server (SIGKILL, as an outage would); {@link #start()} brings it back on the same port, empty. */
    public synchronized void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** Starts the server again on the same port after {@link #kill()}. */
    public synchronized void start() throws Exception {
        if (process == null || !process.isAlive()) {
            launch();
        }
    }

    private void launch() throws Exception {
        Path binary = onPath("redis-server").orElseGet(RedisServerExtension::embeddedBinary);
        Path log = Files.createTempFile("gatehouse-redis-" + port + "-", ".log");
        process = new ProcessBuilder(List.of(binary.toString(), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        awaitPong(log);
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) throws Exception {
        if (--users > 0) {
            return;
        }
        if (client != null) {
            client.shutdown();
        }
        if (process != null) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private void awaitPong(Path log) throws Exception {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited: " + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                OutputStream out = socket.getOutputStream();
                out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                byte[] reply = in.readNBytes(7);
                if (new String(reply, StandardCharsets.US_ASCII).equals("+PONG\r\n")) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(50);
        }
        process.destroyForcibly();
        throw new IllegalStateException("redis-server did not answer PING within " + STARTUP_TIMEOUT);
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static Path embeddedBinary() {
        try {
            File binary = ExecutableProvider.newJarResourceProvider().get();
            binary.setExecutable(true);
            return binary.toPath();
        } catch (IOException e) {
            throw new IllegalStateException("no redis-server on PATH and the embedded one could not be unpacked", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
