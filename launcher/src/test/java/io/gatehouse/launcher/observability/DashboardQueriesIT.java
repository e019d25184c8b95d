package io.gatehouse.launcher.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.bot.fivem.FivemBot;
import io.gatehouse.bot.hytale.HytaleBot;
import io.gatehouse.bot.hytale.HytaleBotOptions;
import io.gatehouse.fivem.protocol.ticket.CfxKeys;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPrivateCrtKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every PromQL expression of the dashboards and alert rules ({@code deploy/test/queries.txt}, extracted from
 * {@code helm/gatehouse/files/}) answers with data from a real Prometheus (Debian's {@code prometheus}) that scraped
 * real Gatehouse processes during a short load.
 *
 * <p>Topology, all on loopback and free ports: the all-in-one node ({@code up}) and a split-mode session registry
 * ({@code service session}, in memory: the {@code gatehouse-session} job the service alerts watch; two JVMs keep the
 * test bounded on a small machine). Prometheus scrapes each {@code /actuator/prometheus} every second with the jobs
 * an operator's Prometheus sets (docker-compose's {@code deploy/prometheus/prometheus.yml}, the chart's
 * ServiceMonitor/PodMonitor {@code jobLabel}): {@code gatehouse-gateway} (the all-in-one node is scraped as a gateway,
 * docs/metrics.md) and {@code gatehouse-session}; {@code instance} is Prometheus's own; {@code application} comes
 * from the processes themselves. It loads the alert rules file as it is, and every rule must evaluate without error.
 *
 * <p>Load on the all-in-one node: 20 FiveM joins and 10 Hytale joins through the bots' classes, with failures on
 * purpose (a missing and a forged Cfx ticket, a wrong Hytale server password, a burst of {@code getinfo} beyond the
 * rate limit). Half of the players stay connected while the queries run.
 *
 * <p>The rule for an expression: it must return at least one series at the current time. An expression that only
 * says "something is wrong" is evaluated without its verdict, because a healthy system answers it with nothing:
 * top-level {@code and}/{@code or}/{@code unless} operands are evaluated each on its own, a trailing comparison with
 * a number ({@code > 0.2}, {@code == 0}) is dropped, and {@code absent(x)} is evaluated as {@code x}.
 * Grafana variables are already substituted in queries.txt ({@code $__rate_interval} = 1m, multi-value = .*).
 */
class DashboardQueriesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final String HYTALE_PASSWORD = "letmein";

    @TempDir
    Path workDir;

    private final List<AutoCloseable> started = Collections.synchronizedList(new ArrayList<>());
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final List<AutoCloseable> players = Collections.synchronizedList(new ArrayList<>());
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());

    /** Bots first, then SIGTERM to every process at once, then wait for each (forcibly after 20 s). */
    @AfterEach
    void stopEverything() throws InterruptedException {
        players.forEach(DashboardQueriesIT::closeQuietly);
        for (AutoCloseable c : started) {
            if (c instanceof Proc p) {
                p.process.destroy();
            }
        }
        for (int i = started.size() - 1; i >= 0; i--) {
            closeQuietly(started.get(i));
        }
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void everyDashboardAndAlertQueryReturnsData() throws Exception {
        long begin = System.nanoTime();

        // ---- the processes: the all-in-one node and the split deployment, started together ----
        int admin = freeTcpPort();
        int fivem = freeTcpAndUdpPort();
        int hytale = freeTcpAndUdpPort();
        int sessionService = freeTcpPort();
        int ticketIssuer = freeTcpPort();
        Path nodeDir = workDir.resolve("node");
        Proc node = start("node", nodeDir, admin, "up",
                "--gatehouse.admin.port=" + admin,
                "--gatehouse.fivem.port=" + fivem,
                "--gatehouse.hytale.port=" + hytale,
                "--gatehouse.dev.session-service.port=" + sessionService,
                "--gatehouse.dev.cfx.port=" + ticketIssuer,
                "--gatehouse.data-dir=" + nodeDir.resolve(".gatehouse"),
                "--gatehouse.world.assets-dir=" + REPO.resolve("world/assets"),
                "--gatehouse.world.resources-dir=" + REPO.resolve("world/resources"),
                "--gatehouse.hytale.password=" + HYTALE_PASSWORD,
                // loopback is a proxy range by default (exempt from rate limits): the getinfo burst must count
                "--gatehouse.fivem.proxy-ip-ranges=10.0.0.0/8",
                // the bots' own getinfo and /info.json (all from 127.0.0.1) stay well under the limits
                "--gatehouse.fivem.rate-limiters.getinfo.rate=50",
                "--gatehouse.fivem.rate-limiters.getinfo.burst=60",
                "--gatehouse.fivem.rate-limiters.http-info.rate=50",
                "--gatehouse.fivem.rate-limiters.http-info.burst=60");

        // A session registry of its own (split mode, in memory): the job and application a split deployment adds.
        Proc session = service("session", "--gatehouse.grpc.port=" + freeTcpPort());

        // ---- Prometheus, scraping from the start (targets come up as they start) ----
        Map<String, List<Proc>> jobs = new LinkedHashMap<>();
        jobs.put("gatehouse-gateway", List.of(node));
        jobs.put("gatehouse-session", List.of(session));
        Prometheus prometheus = startPrometheus(jobs);

        for (Proc p : List.of(node, session)) {
            p.awaitReady(Duration.ofSeconds(180));
        }
        long ready = System.nanoTime();

        // ---- load on the all-in-one node ----
        Map<String, Integer> outcomes = driveLoad(nodeDir, fivem, hytale, sessionService);
        long loaded = System.nanoTime();

        System.out.printf("DashboardQueriesIT: load done in %.1fs: %s%n", (loaded - ready) / 1e9, outcomes);
        // the last events scraped, then a few more scrapes and rule evaluations
        prometheus.awaitSamples("gatehouse_joins_failed_total{protocol=\"hytale\"}", Duration.ofSeconds(15));
        Thread.sleep(3000);

        // ---- every query ----
        List<String> problems = new ArrayList<>();
        List<String[]> rows = queries();
        int evaluated = 0;
        for (String[] row : rows) {
            for (String expr : evaluable(row[1])) {
                evaluated++;
                JsonNode answer = prometheus.query(expr);
                if (!"success".equals(answer.path("status").asText())) {
                    problems.add(row[0] + ": " + expr + " -> " + answer);
                } else if (answer.path("data").path("result").isEmpty()) {
                    problems.add(row[0] + ": no data for " + expr);
                }
            }
        }
        // the rules file loaded as it is, and every alert rule evaluates cleanly
        JsonNode rules = prometheus.get("/api/v1/rules");
        List<String> ruleNames = new ArrayList<>();
        for (JsonNode group : rules.path("data").path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                ruleNames.add(rule.path("name").asText());
                if (!"ok".equals(rule.path("health").asText())) {
                    problems.add("rule " + rule.path("name").asText() + " health " + rule.path("health").asText()
                            + ": " + rule.path("lastError").asText());
                }
            }
        }
        for (String[] row : rows) {
            if (row[0].startsWith("gatehouse-alerts.yaml ")) {
                String alert = row[0].substring("gatehouse-alerts.yaml ".length());
                if (!ruleNames.contains(alert)) {
                    problems.add("rule " + alert + " not loaded by Prometheus");
                }
            }
        }
        System.out.printf("DashboardQueriesIT: ready %.1fs, load %.1fs (%s), %d expressions from %d queries, "
                        + "total %.1fs%n", (ready - begin) / 1e9, (loaded - ready) / 1e9, outcomes, evaluated,
                rows.size(), (System.nanoTime() - begin) / 1e9);
        if (!problems.isEmpty() || !failures.isEmpty()) {
            failures.stream().limit(6).forEach(f -> System.out.println("DashboardQueriesIT: unexpected " + f));
            System.out.println("DashboardQueriesIT: node alive=" + node.process.isAlive() + ", log tail:\n"
                    + node.tail());
            System.out.println("DashboardQueriesIT: series names Prometheus has: " + prometheus
                    .get("/api/v1/label/__name__/values").path("data").toString().replaceAll("\"(jvm|process|"
                            + "system|executor|logback|disk|tomcat|http|spring|application|prometheus|scrape|net|go)"
                            + "_[a-z_]*\",?", ""));
            problems.forEach(p -> System.out.println("DashboardQueriesIT: " + p));
        }
        assertThat(outcomes.get("fivem-joined")).as("FiveM joins").isGreaterThanOrEqualTo(15);
        assertThat(outcomes.get("hytale-joined")).as("Hytale joins").isGreaterThanOrEqualTo(7);
        assertThat(problems).as("queries without data (see the class comment for the rule)\n"
                + String.join("\n", problems)).isEmpty();
    }

    // ------------------------------------------------------------------------------------------------------ load

    private Map<String, Integer> driveLoad(Path nodeDir, int fivem, int hytale, int sessionService)
            throws Exception {
        Map<String, Integer> outcomes = new java.util.concurrent.ConcurrentHashMap<>();
        Path ticketKey = nodeDir.resolve(".gatehouse/dev/cfx-ticket-key.pem");
        Path forgedKey = workDir.resolve("forged-cfx-key.pem");
        Files.writeString(forgedKey, CfxKeys.privateKeyToPem((RSAPrivateCrtKey) CfxKeys.generate().getPrivate()));
        HttpClient botHttp = FivemBot.httpClient();
        String fivemTarget = "127.0.0.1:" + fivem;

        List<Callable<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int n = i;
            tasks.add(() -> {
                try {
                    FivemBot.Joined joined = new FivemBot(new FivemBot.Options().target(fivemTarget)
                            .name("obs-fivem-" + n).guid(0x4100 + n).ticketKey(ticketKey).httpClient(botHttp)
                            .downloadFile(n % 4 == 0), null).join();
                    outcomes.merge("fivem-joined", 1, Integer::sum);
                    if (n % 2 == 0) {
                        players.add(joined);
                    } else {
                        joined.quit(Duration.ofSeconds(2));
                    }
                } catch (FivemBot.JoinFailedException e) {
                    outcomes.merge("fivem-failed-unexpectedly", 1, Integer::sum);
                    failures.add("fivem " + n + " at " + e.stage() + ": " + e.getMessage());
                }
                return null;
            });
        }
        for (int i = 0; i < 10; i++) {
            int n = i;
            tasks.add(() -> {
                try {
                    HytaleBot.Joined joined = new HytaleBot(new HytaleBotOptions().target("127.0.0.1", hytale)
                            .sessionService("http://127.0.0.1:" + sessionService).username("obshytale" + n)
                            .passwords(HYTALE_PASSWORD).timeout(Duration.ofSeconds(40)), null).join();
                    outcomes.merge("hytale-joined", 1, Integer::sum);
                    if (n % 2 == 0) {
                        players.add(joined);
                    } else {
                        joined.close();
                    }
                } catch (io.gatehouse.bot.hytale.JoinFailedException e) {
                    outcomes.merge("hytale-failed-unexpectedly", 1, Integer::sum);
                    failures.add("hytale " + n + " at " + e.stage() + ": " + e.getMessage());
                }
                return null;
            });
        }
        // deliberate failures: no Cfx ticket, a ticket signed by another key, a wrong server password
        for (int i = 0; i < 2; i++) {
            int n = i;
            tasks.add(() -> expectFailure(outcomes, "fivem-no-ticket", () -> new FivemBot(new FivemBot.Options()
                    .target(fivemTarget).name("obs-lan-" + n).guid(0x4200 + n).lan(true).httpClient(botHttp), null)
                    .join().close()));
            tasks.add(() -> expectFailure(outcomes, "fivem-forged-ticket", () -> new FivemBot(new FivemBot.Options()
                    .target(fivemTarget).name("obs-forged-" + n).guid(0x4300 + n).ticketKey(forgedKey)
                    .httpClient(botHttp), null).join().close()));
            tasks.add(() -> expectFailure(outcomes, "hytale-wrong-password", () -> new HytaleBot(
                    new HytaleBotOptions().target("127.0.0.1", hytale).sessionService("http://127.0.0.1:"
                            + sessionService).username("obswrong" + n).passwords("not-" + HYTALE_PASSWORD)
                            .timeout(Duration.ofSeconds(30)), null).join().close()));
        }
        Collections.shuffle(tasks, new java.util.Random(42));

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Void>> futures = pool.invokeAll(tasks, 120, TimeUnit.SECONDS);
            for (Future<Void> f : futures) {
                if (!f.isCancelled()) {
                    f.get();
                }
            }
        } finally {
            pool.shutdownNow();
        }
        outcomes.put("getinfo-burst", getinfoBurst(fivem));
        return outcomes;
    }

    private interface Attempt {
        void run() throws Exception;
    }

    private static Void expectFailure(Map<String, Integer> outcomes, String name, Attempt attempt) {
        try {
            attempt.run();
            outcomes.merge(name + "-joined-unexpectedly", 1, Integer::sum);
        } catch (Exception expected) {
            outcomes.merge(name, 1, Integer::sum);
        }
        return null;
    }

    /** 150 out-of-band getinfo from 127.0.0.2 (its own token bucket): most are dropped by the limiter. */
    private static int getinfoBurst(int port) throws IOException {
        byte[] request = "\u00ff\u00ff\u00ff\u00ffgetinfo burst".getBytes(StandardCharsets.ISO_8859_1);
        int answers = 0;
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0))) {
            InetSocketAddress server = new InetSocketAddress("127.0.0.1", port);
            for (int i = 0; i < 150; i++) {
                socket.send(new DatagramPacket(request, request.length, server));
            }
            socket.setSoTimeout(500);
            byte[] buffer = new byte[2048];
            try {
                while (true) {
                    socket.receive(new DatagramPacket(buffer, buffer.length));
                    answers++;
                }
            } catch (java.net.SocketTimeoutException done) {
                // no more answers
            }
        }
        return answers;
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }

    // --------------------------------------------------------------------------------------------------- queries

    private static List<String[]> queries() throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(REPO.resolve("deploy/test/queries.txt"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                rows.add(line.split("\t", 2));
            }
        }
        assertThat(rows).as("deploy/test/queries.txt").hasSizeGreaterThan(10);
        return rows;
    }

    private static final Pattern TRAILING_COMPARISON =
            Pattern.compile("^(.*?)\\s*(==|!=|>=|<=|>|<)\\s*(bool\\s+)?[-+]?[0-9.]+(e[-+]?[0-9]+)?\\s*$");
    private static final Pattern ABSENT = Pattern.compile("^\\s*absent\\((.*)\\)\\s*$");

    /** The parts of an expression that must have data (class comment). */
    static List<String> evaluable(String expr) {
        List<String> parts = new ArrayList<>();
        for (String operand : splitTopLevel(expr)) {
            String e = operand.trim();
            Matcher absent = ABSENT.matcher(e);
            if (absent.matches()) {
                e = absent.group(1).trim();
            }
            Matcher comparison = TRAILING_COMPARISON.matcher(e);
            if (comparison.matches()) {
                e = comparison.group(1).trim();
            }
            parts.add(e);
        }
        return parts;
    }

    /** Splits on {@code and}, {@code or}, {@code unless} outside parentheses, braces, brackets and strings. */
    static List<String> splitTopLevel(String expr) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int from = 0;
        char quote = 0;
        for (int i = 0; i < expr.length(); i++) {
            char c = expr.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'' || c == '`') {
                quote = c;
            } else if (c == '(' || c == '{' || c == '[') {
                depth++;
            } else if (c == ')' || c == '}' || c == ']') {
                depth--;
            } else if (depth == 0 && Character.isWhitespace(c)) {
                Matcher m = Pattern.compile("^\\s(and|or|unless)\\s").matcher(expr.substring(i));
                if (m.find()) {
                    parts.add(expr.substring(from, i));
                    i += m.end() - 1;
                    from = i;
                }
            }
        }
        parts.add(expr.substring(from));
        return parts;
    }

    // ------------------------------------------------------------------------------------------------ processes

    private Proc service(String name, String... args) throws IOException {
        int admin = freeTcpPort();
        List<String> command = new ArrayList<>(List.of("service", name, "--gatehouse.admin.port=" + admin,
                "--gatehouse.data-dir=" + workDir.resolve(name).resolve("data")));
        command.addAll(List.of(args));
        return start(name, workDir.resolve(name), admin, command.toArray(String[]::new));
    }

    private Proc start(String name, Path dir, int adminPort, String... args) throws IOException {
        String jar = System.getProperty("gatehouse.jar", "target/gatehouse.jar");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-Xss512k", "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-XX:+UseSerialGC", "-jar",
                Path.of(jar).toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Files.createDirectories(dir);
        Path log = dir.resolve(name + ".log");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        Proc proc = new Proc(name, process, log, adminPort);
        started.add(proc);
        return proc;
    }

    private Prometheus startPrometheus(Map<String, List<Proc>> jobs) throws Exception {
        int port = freeTcpPort();
        Path dir = workDir.resolve("prometheus");
        Files.createDirectories(dir.resolve("data"));
        StringBuilder config = new StringBuilder("""
                # generated by DashboardQueriesIT: what an operator's Prometheus attaches (job per component)
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                  evaluation_interval: 1s
                rule_files:
                  - %s
                scrape_configs:
                """.formatted(REPO.resolve("helm/gatehouse/files/alerts/gatehouse-alerts.yaml")));
        jobs.forEach((job, procs) -> config.append("""
                  - job_name: %s
                    metrics_path: /actuator/prometheus
                    static_configs:
                      - targets: [%s]
                """.formatted(job, procs.stream().map(p -> "\"127.0.0.1:" + p.adminPort + "\"")
                .collect(Collectors.joining(", ")))));
        Path file = dir.resolve("prometheus.yml");
        Files.writeString(file, config);
        Path log = dir.resolve("prometheus.log");
        Process process = new ProcessBuilder(prometheusBinary(), "--config.file=" + file,
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                "--storage.tsdb.retention.time=1h")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Prometheus prometheus = new Prometheus(new Proc("prometheus", process, log, port));
        started.add(prometheus.proc);
        prometheus.proc.awaitStatus("/-/ready", Duration.ofSeconds(30));
        return prometheus;
    }

    private static String prometheusBinary() {
        for (String candidate : List.of("/usr/bin/prometheus", "/usr/local/bin/prometheus")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new AssertionError("Debian's prometheus is not installed (apt-get install prometheus; "
                + "./gatehouse test installs it)");
    }

    private final class Prometheus {
        final Proc proc;

        Prometheus(Proc proc) {
            this.proc = proc;
        }

        JsonNode query(String expr) throws Exception {
            return get("/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
        }

        JsonNode get(String path) throws Exception {
            return JSON.readTree(proc.get(path).body());
        }

        void awaitSamples(String expr, Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (!query(expr).path("data").path("result").isEmpty()) {
                    return;
                }
                Thread.sleep(500);
            }
            System.out.println("DashboardQueriesIT: Prometheus did not see " + expr + " within " + timeout);
        }
    }

    private final class Proc implements AutoCloseable {
        final String name;
        final Process process;
        final Path log;
        final int adminPort;

        Proc(String name, Process process, Path log, int adminPort) {
            this.name = name;
            this.process = process;
            this.log = log;
            this.adminPort = adminPort;
        }

        void awaitReady(Duration timeout) throws Exception {
            awaitStatus("/actuator/health/readiness", timeout);
        }

        void awaitStatus(String path, Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + tail());
                }
                try {
                    if (get(path).statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // keep polling
                }
                Thread.sleep(250);
            }
            throw new AssertionError(name + ": no 200 from " + path + " within " + timeout + "\n" + tail());
        }

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        }

        String tail() {
            try {
                List<String> lines = Files.readAllLines(log);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
            } catch (IOException e) {
                return "(no log: " + e + ")";
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private static int freeTcpPort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static int freeTcpAndUdpPort() throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            int port = freeTcpPort();
            try (DatagramSocket udp = new DatagramSocket(port)) {
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no port free for TCP and UDP");
    }
}
