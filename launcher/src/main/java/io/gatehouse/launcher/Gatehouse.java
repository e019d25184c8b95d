package io.gatehouse.launcher;

import java.util.Arrays;

/**
 * The entry point behind {@code ./gatehouse}: one jar, one verb per role, so an operator learns a single command.
 */
public final class Gatehouse {

    static final String USAGE = """
            Usage: ./gatehouse <command> [--key=value ...]

            Commands:
              up                  Run the all-in-one node in the foreground: edge gateway, auth, session registry and
                                  world services in one JVM (in-process gRPC, in-memory sessions), plus the local
                                  Hytale session service and Cfx ticket issuer. SIGTERM stops it cleanly.
              service <name>      Run one service as its own process (split mode): gateway, auth, session or world.
              bot fivem|hytale    Join a running node as a simulated player and print each stage with its timing.
              bench               Drive many simulated players against a running node and write a report.
              test                Install what the test suite needs (redis-server, libenet, nginx) and run it.
              --help              Show this text.

            Settings are Spring Boot properties, given as --key=value, for example:
              ./gatehouse up --gatehouse.fivem.port=30120 --gatehouse.hytale.port=5520 --gatehouse.admin.port=9090
              ./gatehouse up --gatehouse.redis.url=redis://127.0.0.1:6379   (sessions in Redis instead of memory)
            Every property is listed in docs/configuration.md.

            Once up:  curl -s localhost:9090/actuator/health/readiness    (200 when every listener is bound)
                      curl -s localhost:9090/actuator/prometheus           (metrics)
            """;

    private Gatehouse() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "up" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (command) {
            case "up" -> AllInOneNode.main(rest);
            case "service" -> ServiceRoles.main(rest);
            case "bot" -> BotCommand.main(rest);
            case "bench" -> BenchCommand.main(rest);
            case "--help", "-h", "help" -> System.out.print(USAGE);
            default -> {
                if (command.startsWith("--")) {
                    AllInOneNode.main(args); // `./gatehouse --gatehouse.fivem.port=...` means `up`
                } else {
                    System.err.println("Unknown command: " + command);
                    System.err.print(USAGE);
                    System.exit(2);
                }
            }
        }
    }
}
