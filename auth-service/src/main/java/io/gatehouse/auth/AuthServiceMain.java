package io.gatehouse.auth;

import io.gatehouse.support.ServiceMain;
import io.gatehouse.support.roles.Role;
import java.util.Map;

/** The auth service as its own process: gRPC on 9102, admin on 9192; it calls the session registry on 9101 and the world service on 9103. */
public final class AuthServiceMain {

    public static final int DEFAULT_GRPC_PORT = 9102;
    public static final int DEFAULT_ADMIN_PORT = 9192;

    private AuthServiceMain() {
    }

    public static void main(String[] args) {
        ServiceMain.run(Role.AUTH, DEFAULT_GRPC_PORT, DEFAULT_ADMIN_PORT,
                Map.of("gatehouse.services.session.target", "127.0.0.1:9101",
                        // getConfiguration asks the world service for the resources list
                        "gatehouse.services.world.target", "127.0.0.1:9103"), args);
    }
}
