package io.gatehouse.launcher;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A real redis-server (Debian's, installed by ./gatehouse test) on a free loopback port. */
final class RedisProcess implements AutoCloseable {

    private final Process process;
    final int port;

    private RedisProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static RedisProcess start(Path workDir) throws Exception {
        String binary = findOnPath("redis-server");
        int port = NodeProcess.freeTcpPort();
        Files.createDirectories(workDir);
        Process process = new ProcessBuilder(binary, "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", workDir.toString())
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("redis.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return new RedisProcess(process, port);
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        process.destroyForcibly();
        throw new AssertionError("redis-server did not listen on " + port);
    }

    String url() {
        return "redis://127.0.0.1:" + port;
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
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
