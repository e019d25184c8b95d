package io.gatehouse.bot.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./gatehouse bench SCENARIO [options]}: the load generator. Drives simulated players through the real
 * protocols against a running node (loopback only), in steps of open-loop arrival rates or closed-loop
 * concurrency, and writes a JSON report and an SVG chart (latency percentiles against offered load).
 * Exit 0 when every join of every step succeeded, 1 otherwise, 2 for bad arguments.
 */
public final class BenchMain {

    static final String USAGE = """
            Usage: bench SCENARIO [options]
              SCENARIO          fivem | hytale-insecure | hytale-auth | quic-handshake
              --target=H:P      server (default 127.0.0.1:30120 for fivem, 127.0.0.1:5520 otherwise); loopback only
              --rates=R1,R2,..  open loop: one step per arrival rate (joins/s)
              --concurrency=C   closed loop: C joins in flight (default 32 when no --rates)
              --count=N         joins per step (default 1000)
              --warmup=N        joins before the measured steps, not reported (default 0)
              --hold            keep every joined player connected after the steps, measure the server's memory,
                                then leave (--hold-seconds=S, default 5)
              --server-pid=PID  read the server's CPU time and memory from /proc/PID (what carries over)
              --server-jvm      the server is a JVM: also report its live heap (jcmd GC.class_histogram)
              --timeout-ms=T    per-join timeout (default 30000)
              --max-in-flight=M open-loop joins in flight before new arrivals count as failed (default 4096)
              --out=DIR         results folder (default ./bench-results)
              --label=TEXT      name of this run in the report (default the scenario)
              --quiet           no progress bar
              fivem:  --lan (node with gatehouse.fivem.lan=true) | --data-dir=DIR | --ticket-key=PEM
              hytale: --session-service=URL (hytale-auth; default http://127.0.0.1:5580), --sockets=N (default 4)
            """;

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length == 0 || args[0].equals("--help")) {
            out.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        String scenarioName = args[0];
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                err.println("Unexpected argument: " + arg);
                err.print(USAGE);
                return 2;
            }
            int eq = arg.indexOf('=');
            options.put(eq < 0 ? arg.substring(2) : arg.substring(2, eq), eq < 0 ? "true" : arg.substring(eq + 1));
        }
        String defaultTarget = scenarioName.equals("fivem") ? "127.0.0.1:30120" : "127.0.0.1:5520";
        String targetText = options.getOrDefault("target", defaultTarget);
        int colon = targetText.lastIndexOf(':');
        InetSocketAddress target = new InetSocketAddress(targetText.substring(0, colon),
                Integer.parseInt(targetText.substring(colon + 1)));
        if (!target.getAddress().isLoopbackAddress()) {
            err.println("bench drives loopback targets only: " + targetText);
            return 2;
        }
        int count = Integer.parseInt(options.getOrDefault("count", "1000"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "0"));
        boolean hold = options.containsKey("hold");
        long serverPid = Long.parseLong(options.getOrDefault("server-pid", "0"));
        long timeout = Long.parseLong(options.getOrDefault("timeout-ms", "30000"));
        int maxInFlight = Integer.parseInt(options.getOrDefault("max-in-flight", "4096"));
        Path outDir = Path.of(options.getOrDefault("out", "bench-results"));
        String label = options.getOrDefault("label", scenarioName);
        PrintStream progress = options.containsKey("quiet") ? null : err;
        List<Double> rates = new ArrayList<>();
        if (options.containsKey("rates")) {
            for (String r : options.get("rates").split(",")) {
                rates.add(Double.parseDouble(r.trim()));
            }
        }
        int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "32"));
        int totalJoins = warmup + count * Math.max(1, rates.size());

        Scenario scenario;
        switch (scenarioName) {
            case "fivem" -> {
                Path dataDir = Path.of(options.getOrDefault("data-dir", "./.gatehouse"));
                Path key = Path.of(options.getOrDefault("ticket-key",
                        dataDir.resolve("dev").resolve("cfx-ticket-key.pem").toString()));
                scenario = new FivemScenario(target, options.containsKey("lan"), key,
                        hold ? count + maxInFlight : maxInFlight, Math.max(1000, timeout - 1000));
            }
            case "hytale-insecure", "hytale-auth", "quic-handshake" -> {
                HytaleScenario.Mode mode = switch (scenarioName) {
                    case "hytale-insecure" -> HytaleScenario.Mode.INSECURE;
                    case "hytale-auth" -> HytaleScenario.Mode.AUTH;
                    default -> HytaleScenario.Mode.HANDSHAKE;
                };
                scenario = new HytaleScenario(mode, target,
                        options.getOrDefault("session-service", "http://127.0.0.1:5580"),
                        Integer.parseInt(options.getOrDefault("sockets", "4")), Math.max(1000, timeout - 1000));
            }
            default -> {
                err.println("Unknown scenario: " + scenarioName);
                err.print(USAGE);
                return 2;
            }
        }

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("label", label);
        report.put("scenario", scenario.name());
        report.put("target", targetText);
        report.put("startedAt", Instant.now().toString());
        report.put("machine", machine());
        report.put("loadAverageAtStart", ProcessStats.loadAverage());
        List<LoadRunner.StepResult> steps = new ArrayList<>();
        boolean allOk;
        try (scenario) {
            scenario.prepare(totalJoins);
            if (hold && serverPid > 0) {
                // the server's footprint before any player joins, for the per-connection cost of the hold
                Map<String, Object> before = new LinkedHashMap<>();
                before.put("serverResidentBytes", ProcessStats.residentBytes(serverPid));
                if (options.containsKey("server-jvm")) {
                    before.put("serverLiveHeapBytes", ProcessStats.liveHeapBytes(serverPid));
                    before.put("serverResidentBytesAfterGc", ProcessStats.residentBytes(serverPid));
                }
                report.put("beforeHold", before);
            }
            LoadRunner runner = new LoadRunner(scenario, serverPid, timeout, maxInFlight, progress);
            if (warmup > 0) {
                LoadRunner.StepResult w = runner.closed(Math.min(concurrency, 32), warmup, false);
                report.put("warmup", Map.of("count", warmup, "ok", w.ok(), "failures", w.failures()));
            }
            if (rates.isEmpty()) {
                steps.add(runner.closed(concurrency, count, hold));
            } else {
                for (double rate : rates) {
                    steps.add(runner.open(rate, count, hold));
                }
            }
            if (hold) {
                @SuppressWarnings("unchecked")
                Map<String, Object> before = (Map<String, Object>) report.get("beforeHold");
                report.put("hold", hold(scenario, serverPid, options, progress, before));
            }
        }
        allOk = steps.stream().allMatch(s -> s.failed() == 0 && s.ok() == s.count());
        report.put("steps", steps.stream().map(LoadRunner.StepResult::toMap).toList());
        report.put("loadAverageAtEnd", ProcessStats.loadAverage());
        report.put("completed", true);
        report.put("allJoinsSucceeded", allOk);

        Files.createDirectories(outDir);
        String stem = label.replaceAll("[^A-Za-z0-9_.-]", "_") + "-"
                + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        Path json = outDir.resolve(stem + ".json");
        Path svg = outDir.resolve(stem + ".svg");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), report);
        Files.writeString(svg, Chart.render(label, steps));
        for (LoadRunner.StepResult s : steps) {
            out.printf("%s %s %s: %d/%d ok, %.0f joins/s, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, server CPU %.0f µs/join"
                    + "%s%n", label, s.mode(), s.mode().equals("open") ? s.offered() + "/s" : "c=" + (int) s.offered(),
                    s.ok(), s.count(), s.achievedPerSecond(), s.p50(), s.p95(), s.p99(), s.serverCpuMicrosPerJoin(),
                    s.failures().isEmpty() ? "" : " failures " + s.failures());
        }
        if (report.get("hold") instanceof Map<?, ?> h) {
            out.println(label + " hold: " + h);
        }
        out.println("report: " + json + "  chart: " + svg);
        out.println(allOk ? "RESULT: completed, every join succeeded" : "RESULT: completed with failed joins");
        return allOk ? 0 : 1;
    }

    private static Map<String, Object> hold(Scenario scenario, long serverPid, Map<String, String> options,
            PrintStream progress, Map<String, Object> before) throws Exception {
        Map<String, Object> hold = new LinkedHashMap<>();
        int seconds = Integer.parseInt(options.getOrDefault("hold-seconds", "5"));
        long until = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < until) {
            if (progress != null) {
                progress.printf("\rholding %d players ", scenario.held());
            }
            Thread.sleep(250);
        }
        if (progress != null) {
            progress.println();
        }
        hold.put("held", scenario.held());
        if (serverPid > 0) {
            double cpu0 = ProcessStats.cpuSeconds(serverPid);
            Thread.sleep(2000);
            hold.put("serverIdleCpuUtilization", LoadRunner.round((ProcessStats.cpuSeconds(serverPid) - cpu0) / 2.0));
            hold.put("serverResidentBytes", ProcessStats.residentBytes(serverPid));
            if (options.containsKey("server-jvm")) {
                hold.put("serverLiveHeapBytes", ProcessStats.liveHeapBytes(serverPid));
                hold.put("serverResidentBytesAfterGc", ProcessStats.residentBytes(serverPid));
            }
        }
        int held = scenario.held();
        hold.put("heldAtMeasurement", held);
        if (before != null && held > 0) {
            for (String key : List.of("serverResidentBytes", "serverLiveHeapBytes", "serverResidentBytesAfterGc")) {
                if (before.get(key) instanceof Long b && hold.get(key) instanceof Long a && a >= 0 && b >= 0) {
                    hold.put(key.replace("server", "perHeldPlayer").replace("Bytes", "Bytes"), (a - b) / held);
                }
            }
        }
        scenario.releaseHeld();
        return hold;
    }

    private static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpus", Runtime.getRuntime().availableProcessors());
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        return m;
    }
}
