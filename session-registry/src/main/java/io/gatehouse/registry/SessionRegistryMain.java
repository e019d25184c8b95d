package io.gatehouse.registry;

import io.gatehouse.support.ServiceMain;
import io.gatehouse.support.roles.Role;
import java.util.Map;

/** The session registry as its own process: gRPC on 9101, admin on 9191, sessions in {@code gatehouse.redis.url}. */
public final class SessionRegistryMain {

    public static final int DEFAULT_GRPC_PORT = 9101;
    public static final int DEFAULT_ADMIN_PORT = 9191;

    private SessionRegistryMain() {
    }

    public static void main(String[] args) {
        ServiceMain.run(Role.SESSION, DEFAULT_GRPC_PORT, DEFAULT_ADMIN_PORT, Map.of(), args);
    }
}
