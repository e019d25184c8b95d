package io.gatehouse.launcher.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One process of the cluster (redis-server, a service JVM, nginx) that can be stopped (SIGTERM), killed (SIGKILL)
 * and started again with the same command, ports and log file (appended). Closing it always ends the process:
 * SIGTERM, then SIGKILL by PID after a grace.
 */
public final class ClusterProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    final String name;
    private final List<String> command;
    private final Path workDir;
    private final Path log;
    /** Admin HTTP port (readiness), or 0 for processes without one. */
    final int adminPort;
    private volatile Process process;
    private volatile long pid = -1;

    ClusterProcess(String name, List<String> command, Path workDir, int adminPort) {
        this.name = name;
        this.command = List.copyOf(command);
        this.workDir = workDir;
        this.log = workDir.resolve(name + ".log");
        this.adminPort = adminPort;
    }

    /** Starts (or restarts) the process; output appended to {@code <name>.log}. */
    synchronized ClusterProcess start() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running (pid " + pid + ")");
        }
        Files.createDirectories(workDir);
        Files.writeString(log, "\n===== start " + java.time.Instant.now() + " " + String.join(" ", command) + "\n",
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        pid = process.pid();
        return this;
    }

    public boolean isAlive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    public long pid() {
        return pid;
    }

    /** GET on the admin port; the status code, or -1 when nothing answers. */
    public int readinessStatus() {
        return status("/actuator/health/readiness");
    }

    public int status(String path) {
        try {
            return get(path).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + path))
                .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Polls readiness until 200; fails with the log's tail if the process exits or the time runs out. */
    public void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            if (!isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + logTail(80));
            }
            last = readinessStatus();
            if (last == 200) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(name + " not ready within " + timeout + " (last readiness " + last + ")\n"
                + logTail(80));
    }

    /** Sends SIGTERM (does not wait). */
    public void sigterm() {
        Process p = process;
        if (p != null) {
            p.destroy();
        }
    }

    /** SIGKILL by PID and waits for the exit. */
    public void sigkill() throws InterruptedException {
        Process p = process;
        if (p != null) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Waits for the exit; returns the exit code, or null if still running after {@code timeout}. */
    public Integer awaitExit(Duration timeout) throws InterruptedException {
        Process p = process;
        if (p == null) {
            return null;
        }
        return p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? p.exitValue() : null;
    }

    /** SIGTERM, wait up to {@code grace}, then SIGKILL. Returns the exit code. */
    public int stop(Duration grace) throws InterruptedException {
        Process p = process;
        if (p == null) {
            return 0;
        }
        p.destroy();
        if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        return p.exitValue();
    }

    public Path log() {
        return log;
    }

    public String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    public String logTail(int lines) {
        List<String> all = logText().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    @Override
    public void close() {
        try {
            stop(Duration.ofSeconds(20));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        } catch (RuntimeException e) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Override
    public String toString() {
        return name + "(pid " + pid + ")";
    }
}
