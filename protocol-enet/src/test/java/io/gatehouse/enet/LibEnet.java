package io.gatehouse.enet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Builds and runs the libenet reference program ({@code src/test/c/enet_interop.c}). */
final class LibEnet {
    private static final Path SOURCE = Path.of("src", "test", "c", "enet_interop.c");
    private static final Path BINARY = Path.of("target", "enet-interop", "enet_interop");
    private static Path built;

    private LibEnet() {
    }

    /** Compiles once per JVM; fails loudly (never skips) when the toolchain or libenet is missing. */
    static synchronized Path binary() throws IOException, InterruptedException {
        if (built != null) {
            return built;
        }
        if (!Files.exists(Path.of("/usr/include/enet/enet.h"))) {
            throw new AssertionError("libenet headers not found (/usr/include/enet/enet.h): "
                + "run `apt-get install libenet-dev` (and gcc)");
        }
        Files.createDirectories(BINARY.getParent());
        Process gcc;
        try {
            gcc = new ProcessBuilder("gcc", "-O2", "-Wall", "-o", BINARY.toString(), SOURCE.toString(), "-lenet")
                .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("gcc not found: run `apt-get install gcc libenet-dev`", e);
        }
        String output = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!gcc.waitFor(60, TimeUnit.SECONDS) || gcc.exitValue() != 0) {
            throw new AssertionError("compiling " + SOURCE + " against libenet failed "
                + "(is `apt-get install libenet-dev` done?):\n" + output);
        }
        built = BINARY;
        return built;
    }

    /** A running reference process whose stdout lines are collected. */
    static final class RunningProcess implements AutoCloseable {
        final Process process;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final List<String> all = new ArrayList<>();
        private final StringBuilder stderr = new StringBuilder();
        private final Thread stdoutPump;
        private final Thread stderrPump;

        RunningProcess(String... args) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>();
            command.add(binary().toString());
            command.addAll(List.of(args));
            process = new ProcessBuilder(command).start();
            stdoutPump = new Thread(() -> pump(new BufferedReader(new InputStreamReader(process.getInputStream())), true));
            stderrPump = new Thread(() -> pump(new BufferedReader(new InputStreamReader(process.getErrorStream())), false));
            stdoutPump.setDaemon(true);
            stderrPump.setDaemon(true);
            stdoutPump.start();
            stderrPump.start();
        }

        private void pump(BufferedReader reader, boolean stdout) {
            try (reader) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (stdout) {
                        synchronized (all) {
                            all.add(line);
                        }
                        lines.add(line);
                    } else {
                        synchronized (stderr) {
                            stderr.append(line).append('\n');
                        }
                    }
                }
            } catch (IOException ignored) {
                // process ended
            }
        }

        /** Waits for a stdout line starting with {@code prefix}. */
        String awaitLine(String prefix, long seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < deadline) {
                String line = lines.poll(100, TimeUnit.MILLISECONDS);
                if (line != null && line.startsWith(prefix)) {
                    return line;
                }
            }
            throw new AssertionError("libenet process printed no '" + prefix + "' line; stdout=" + stdout()
                + " stderr=" + stderr());
        }

        int awaitExit(long seconds) throws InterruptedException {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                throw new AssertionError("libenet process did not exit; stdout=" + stdout() + " stderr=" + stderr());
            }
            stdoutPump.join(2000);
            stderrPump.join(2000);
            return process.exitValue();
        }

        String stdout() {
            synchronized (all) {
                return String.join(" | ", all);
            }
        }

        String stderr() {
            synchronized (stderr) {
                return stderr.toString();
            }
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }
}
