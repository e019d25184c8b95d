package io.gatehouse.launcher;

import java.util.Arrays;

/** {@code ./gatehouse service <name>}: run one service of the split deployment from the same jar. */
final class ServiceRoles {

    private ServiceRoles() {
    }

    static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("Usage: ./gatehouse service gateway|auth|session|world [--key=value ...]");
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        String mainClass = switch (args[0]) {
            case "gateway" -> "io.gatehouse.gateway.EdgeGatewayMain";
            case "auth" -> "io.gatehouse.auth.AuthServiceMain";
            case "session" -> "io.gatehouse.registry.SessionRegistryMain";
            case "world" -> "io.gatehouse.world.WorldServiceMain";
            default -> {
                System.err.println("Unknown service: " + args[0] + " (gateway, auth, session or world)");
                System.exit(2);
                yield null;
            }
        };
        Class.forName(mainClass).getMethod("main", String[].class).invoke(null, (Object) rest);
    }
}
