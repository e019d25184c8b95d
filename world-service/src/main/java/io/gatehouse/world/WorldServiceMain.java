package io.gatehouse.world;

import io.gatehouse.support.ServiceMain;
import io.gatehouse.support.roles.Role;
import java.util.Map;

/** The world service as its own process: gRPC on 9103, admin on 9193; it calls the session registry on 9101. */
public final class WorldServiceMain {

    public static final int DEFAULT_GRPC_PORT = 9103;
    public static final int DEFAULT_ADMIN_PORT = 9193;

    private WorldServiceMain() {
    }

    public static void main(String[] args) {
        ServiceMain.run(Role.WORLD, DEFAULT_GRPC_PORT, DEFAULT_ADMIN_PORT,
                Map.of("gatehouse.services.session.target", "127.0.0.1:9101"), args);
    }
}
