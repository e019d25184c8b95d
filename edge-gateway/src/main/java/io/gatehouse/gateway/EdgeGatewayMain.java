package io.gatehouse.gateway;

import io.gatehouse.support.ServiceMain;
import io.gatehouse.support.roles.Role;
import java.util.Map;

/**
 * An edge gateway as its own process. Players reach its FiveM port (TCP + UDP 30120) and Hytale port (UDP 5520);
 * the admin endpoints are on {@code gatehouse.admin.port} (9090); the services are found at their default ports on
 * loopback unless {@code gatehouse.services.<name>.target} says otherwise.
 */
public final class EdgeGatewayMain {

    private EdgeGatewayMain() {
    }

    public static void main(String[] args) {
        ServiceMain.run(Role.GATEWAY, 0, 9090, Map.of(
                // The FiveM HTTP plane is the gateway's web server; admin endpoints move to their own port.
                "server.port", "${gatehouse.fivem.port:30120}",
                "management.server.port", "${gatehouse.admin.port}",
                "gatehouse.services.session.target", "127.0.0.1:9101",
                "gatehouse.services.auth.target", "127.0.0.1:9102",
                "gatehouse.services.world.target", "127.0.0.1:9103"), args);
    }
}
