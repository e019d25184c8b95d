package io.gatehouse.bot.bench;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs one step of joins: open loop (a fixed arrival rate, latency counted from each join's scheduled start so a
 * stalled server is not hidden by a stalled generator) or closed loop (a fixed number of joins in flight). Bounded
 * by count and by a per-join timeout; reports latency percentiles and the server's CPU time per join.
 */
final class LoadRunner {

    /** What one step measured. */
    record StepResult(String mode, double offered, int count, int ok, int failed, Map<String, Integer> failures,
                      double seconds, double achievedPerSecond, double p50, double p95, double p99, double max,
                      double mean, double serverCpuMicrosPerJoin, double serverCpuUtilization,
                      double clientCpuMicrosPerJoin) {

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("mode", mode);
            m.put(mode.equals("open") ? "offeredPerSecond" : "concurrency", offered);
            m.put("count", count);
            m.put("ok", ok);
            m.put("failed", failed);
            m.put("failures", failures);
            m.put("seconds", round(seconds));
            m.put("joinsPerSecond", round(achievedPerSecond));
            Map<String, Object> latency = new LinkedHashMap<>();
            latency.put("p50", round(p50));
            latency.put("p95", round(p95));
            latency.put("p99", round(p99));
            latency.put("max", round(max));
            latency.put("mean", round(mean));
            m.put("latencyMs", latency);
            m.put("serverCpuMicrosPerJoin", round(serverCpuMicrosPerJoin));
            m.put("serverCpuUtilization", round(serverCpuUtilization));
            m.put("clientCpuMicrosPerJoin", round(clientCpuMicrosPerJoin));
            return m;
        }
    }

    static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 100) / 100.0 : -1;
    }

    private final Scenario scenario;
    private final long serverPid;
    private final long timeoutMillis;
    private final int maxInFlight;
    private final PrintStream progress;
    private final AtomicInteger nextIndex = new AtomicInteger();

    LoadRunner(Scenario scenario, long serverPid, long timeoutMillis, int maxInFlight, PrintStream progress) {
        this.scenario = scenario;
        this.serverPid = serverPid;
        this.timeoutMillis = timeoutMillis;
        this.maxInFlight = maxInFlight;
        this.progress = progress;
    }

    /** Open loop: {@code count} joins arriving at {@code rate} per second. */
    StepResult open(double rate, int count, boolean hold) throws InterruptedException {
        return run("open", rate, count, hold, (step, i) -> {
            long due = step.start + (long) (i * 1e9 / rate);
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(Math.min(wait, 1_000_000));
            }
            return due;
        });
    }

    /** Closed loop: {@code count} joins, at most {@code concurrency} in flight. */
    StepResult closed(int concurrency, int count, boolean hold) throws InterruptedException {
        Semaphore slots = new Semaphore(concurrency);
        return run("closed", concurrency, count, hold, new Pacer() {
            @Override
            public long await(Step step, int i) throws InterruptedException {
                slots.acquire();
                return System.nanoTime();
            }

            @Override
            public void finished() {
                slots.release();
            }
        });
    }

    private interface Pacer {
        /** Blocks until join {@code i} may start; returns its start time (nanoTime). */
        long await(Step step, int i) throws InterruptedException;

        default void finished() {
        }
    }

    private static final class Step {
        final long start = System.nanoTime();
        final long[] latencies;
        final AtomicInteger ok = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicLong lastLatency = new AtomicLong();
        final Map<String, Integer> failures = new ConcurrentHashMap<>();

        Step(int count) {
            latencies = new long[count];
            Arrays.fill(latencies, -1);
        }
    }

    private StepResult run(String mode, double offered, int count, boolean hold, Pacer pacer)
            throws InterruptedException {
        Step step = new Step(count);
        double serverCpu0 = serverPid > 0 ? ProcessStats.cpuSeconds(serverPid) : Double.NaN;
        double clientCpu0 = ProcessStats.selfCpuSeconds();
        Thread printer = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    printProgress(step, count, mode, offered);
                    Thread.sleep(250);
                }
            } catch (InterruptedException e) {
                // step over
            }
        }, "bench-progress");
        printer.setDaemon(true);
        printer.start();
        for (int i = 0; i < count; i++) {
            long begin = pacer.await(step, i);
            int slot = i;
            if (step.inFlight.get() >= maxInFlight) {
                fail(step, "overload: more than " + maxInFlight + " joins in flight");
                pacer.finished();
                continue;
            }
            step.inFlight.incrementAndGet();
            CompletableFuture<Void> join;
            try {
                join = scenario.join(nextIndex.getAndIncrement(), hold);
            } catch (RuntimeException e) {
                join = CompletableFuture.failedFuture(e);
            }
            join.orTimeout(timeoutMillis, TimeUnit.MILLISECONDS).whenComplete((ok, error) -> {
                step.inFlight.decrementAndGet();
                if (error == null) {
                    long latency = System.nanoTime() - begin;
                    step.latencies[slot] = latency;
                    step.lastLatency.set(latency);
                    step.ok.incrementAndGet();
                } else {
                    fail(step, error instanceof java.util.concurrent.TimeoutException
                            || error.getCause() instanceof java.util.concurrent.TimeoutException
                            ? "timeout after " + timeoutMillis + " ms" : JoinFailure.stageOf(error));
                }
                pacer.finished();
            });
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis + 5_000);
        while (step.ok.get() + step.failed.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        printer.interrupt();
        printer.join(1000);
        long end = System.nanoTime();
        double serverCpu = serverPid > 0 ? ProcessStats.cpuSeconds(serverPid) - serverCpu0 : Double.NaN;
        double clientCpu = ProcessStats.selfCpuSeconds() - clientCpu0;
        printProgress(step, count, mode, offered);
        if (progress != null) {
            progress.println();
        }
        int missing = count - step.ok.get() - step.failed.get();
        for (int i = 0; i < missing; i++) {
            fail(step, "unfinished at the end of the step");
        }
        long[] done = Arrays.stream(step.latencies).filter(v -> v >= 0).sorted().toArray();
        double seconds = (end - step.start) / 1e9;
        int ok = step.ok.get();
        return new StepResult(mode, offered, count, ok, count - ok, new LinkedHashMap<>(step.failures), seconds,
                ok / seconds, percentile(done, 0.50), percentile(done, 0.95), percentile(done, 0.99),
                done.length == 0 ? Double.NaN : done[done.length - 1] / 1e6,
                Arrays.stream(done).average().orElse(Double.NaN) / 1e6,
                ok == 0 ? Double.NaN : serverCpu * 1e6 / ok, serverCpu / seconds,
                ok == 0 ? Double.NaN : clientCpu * 1e6 / ok);
    }

    private static void fail(Step step, String reason) {
        step.failed.incrementAndGet();
        step.failures.merge(reason, 1, Integer::sum);
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    private void printProgress(Step step, int count, String mode, double offered) {
        if (progress == null) {
            return;
        }
        int finished = step.ok.get() + step.failed.get();
        int width = 30;
        int filled = (int) ((long) finished * width / Math.max(1, count));
        double elapsed = (System.nanoTime() - step.start) / 1e9;
        progress.printf("\r%s %-6s [%s%s] %d/%d ok=%d failed=%d in-flight=%d %.0f/s last=%.1fms   ",
                scenario.name(), mode.equals("open") ? String.format("%.0f/s", offered) : "c=" + (int) offered,
                "#".repeat(filled), ".".repeat(width - filled), finished, count, step.ok.get(), step.failed.get(),
                step.inFlight.get(), step.ok.get() / Math.max(elapsed, 1e-3), step.lastLatency.get() / 1e6);
        progress.flush();
    }
}
