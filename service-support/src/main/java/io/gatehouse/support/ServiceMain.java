package io.gatehouse.support;

import io.gatehouse.support.roles.Role;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * Starts one service of a split deployment as its own process: only that role's beans, gRPC on a network port,
 * admin endpoints (health, Prometheus) on its own HTTP port. Properties on the command line override every default.
 */
public final class ServiceMain {

    private ServiceMain() {
    }

    /**
     * @param role         the service this process plays
     * @param grpcPort     default gRPC port of the service ({@code gatehouse.grpc.port})
     * @param adminPort    default admin HTTP port ({@code gatehouse.admin.port})
     * @param extraDefaults service-specific defaults
     */
    public static void run(Role role, int grpcPort, int adminPort, Map<String, Object> extraDefaults, String[] args) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put(Role.PROPERTY, role.propertyName());
        defaults.put("spring.application.name", "gatehouse-" + role.propertyName());
        defaults.put("spring.main.banner-mode", "off");
        defaults.put("gatehouse.grpc.in-process", "false");
        defaults.put("gatehouse.grpc.port", String.valueOf(grpcPort));
        defaults.put("gatehouse.admin.port", String.valueOf(adminPort));
        defaults.put("server.port", "${gatehouse.admin.port}");
        defaults.put("server.shutdown", "graceful");
        defaults.put("management.endpoints.web.exposure.include", "health,info,prometheus,metrics,gatehouse");
        defaults.put("management.endpoint.health.probes.enabled", "true");
        defaults.put("management.endpoint.health.show-details", "always");
        defaults.put("management.endpoint.health.group.readiness.include", "readinessState,listeners");
        // The registry reports on its own Redis connection; Spring Data's indicator would mark every other process down.
        defaults.put("management.health.redis.enabled", "false");
        defaults.put("management.metrics.tags.application", "gatehouse-" + role.propertyName());
        defaults.putAll(extraDefaults);
        SpringApplication app = new SpringApplication(ServiceApplication.class);
        app.setDefaultProperties(defaults);
        app.run(args);
    }

    /** Configuration comes entirely from the auto-configurations of the modules on the classpath. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class ServiceApplication {
    }
}
