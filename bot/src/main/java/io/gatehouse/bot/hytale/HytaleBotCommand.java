package io.gatehouse.bot.hytale;

import java.io.PrintStream;
import java.time.Duration;
import java.util.UUID;

/**
 * {@code bot hytale [--target=127.0.0.1:5520] [--insecure] [--password=..] [--protocol=1|2]
 * [--session-service=http://127.0.0.1:5580] [--username=bot] [--timeout=60s]}: one join, each stage printed with its
 * time since the QUIC connect; exit code 0 when joined, 1 with the reason otherwise.
 */
public final class HytaleBotCommand {

    static final String USAGE = """
            Usage: bot hytale [--target=127.0.0.1:5520] [--insecure] [--password=<server password>] [--protocol=1|2]
                              [--session-service=http://127.0.0.1:5580] [--username=bot] [--uuid=<uuid>] [--timeout=60]
            """;

    private HytaleBotCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        HytaleBotOptions options = new HytaleBotOptions().username("bot" + (int) (Math.random() * 10_000));
        for (String arg : args) {
            String key = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : "";
            switch (key) {
                case "--target" -> {
                    int colon = value.lastIndexOf(':');
                    options.target(colon < 0 ? value : value.substring(0, colon),
                            colon < 0 ? 5520 : Integer.parseInt(value.substring(colon + 1)));
                }
                case "--insecure" -> options.insecure(true);
                case "--password" -> options.passwords(value);
                case "--protocol" -> options.protocol(Integer.parseInt(value));
                case "--session-service" -> options.sessionService(value);
                case "--username" -> options.username(value);
                case "--uuid" -> options.uuid(UUID.fromString(value));
                case "--timeout" -> options.timeout(Duration.ofSeconds(Long.parseLong(value.replace("s", ""))));
                case "--help", "-h" -> {
                    out.print(USAGE);
                    return 0;
                }
                default -> {
                    err.println("Unknown option: " + arg);
                    err.print(USAGE);
                    return 2;
                }
            }
        }
        out.printf("hytale bot %s -> %s:%d (hytale/%d, %s)%n", options.username, options.host(), options.port(),
                options.protocol, options.insecure ? "insecure" : "authenticated via " + options.sessionService);
        HytaleBot bot = new HytaleBot(options, stage -> out.printf("  %8.1f ms  %s%n",
                stage.at().toNanos() / 1e6, stage.name()));
        try (HytaleBot.Joined joined = bot.join()) {
            out.printf("joined %s as %s, client id %d, %d assets verified%n", joined.serverName(), joined.uuid(),
                    joined.clientId(), joined.assets().size());
            return 0;
        } catch (JoinFailedException e) {
            err.printf("join failed at %s: %s%s%n", e.stage(), e.getMessage(),
                    e.termination() == null ? "" : e.transportCode() != null && e.transportCode() != 0
                            ? " (QUIC transport close " + e.transportCode() + ")"
                            : " (QUIC application close " + (e.applicationCode() == null ? 0 : e.applicationCode()) + ")");
            return 1;
        }
    }
}
