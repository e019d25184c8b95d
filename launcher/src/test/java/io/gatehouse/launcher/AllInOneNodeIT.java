package io.gatehouse.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `./gatehouse up` as an operator runs it: the jar in its own process, readiness, metrics, SIGTERM. */
class AllInOneNodeIT {

    @TempDir
    Path workDir;

    @Test
    void reachesReadinessServesMetricsAndStopsOnSigterm() throws Exception {
        int admin = NodeProcess.freeTcpPort();
        int fivem = NodeProcess.freeTcpAndUdpPort();
        int hytale = NodeProcess.freeTcpAndUdpPort();
        int sessionService = NodeProcess.freeTcpPort();
        int ticketIssuer = NodeProcess.freeTcpPort();
        try (NodeProcess node = NodeProcess.start(workDir, admin, "up",
                "--gatehouse.admin.port=" + admin,
                "--gatehouse.fivem.port=" + fivem,
                "--gatehouse.hytale.port=" + hytale,
                "--gatehouse.dev.session-service.port=" + sessionService,
                "--gatehouse.dev.cfx.port=" + ticketIssuer)) {

            var readiness = node.awaitStatus("/actuator/health/readiness", 200, Duration.ofSeconds(120));
            assertThat(readiness.body()).contains("\"status\":\"UP\"");

            var metrics = node.get("/actuator/prometheus");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("jvm_memory_used_bytes");

            int exit = node.terminate(Duration.ofSeconds(30));
            // The JVM reports 143 (128 + SIGTERM) after its shutdown hooks ran; 0 if Spring exited first.
            assertThat(exit).isIn(0, 143);
            assertThat(node.log()).doesNotContain("APPLICATION FAILED TO START");
        }
    }
}
