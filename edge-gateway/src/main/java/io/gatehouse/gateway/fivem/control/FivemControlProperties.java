package io.gatehouse.gateway.fivem.control;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** How the gateway calls the services behind the FiveM HTTP control plane ({@code gatehouse.fivem.control.*}). */
@ConfigurationProperties("gatehouse.fivem.control")
public class FivemControlProperties {

    /**
     * Deadline of one initConnect stream. Deferrals (queues, cards) can keep a player waiting for minutes, so this is
     * far longer than the services' unary deadline ({@code gatehouse.services.<name>.deadline}).
     */
    private Duration initConnectDeadline = Duration.ofMinutes(30);
    /** Deadline of one {@code /files} download stream. */
    private Duration fileDeadline = Duration.ofMinutes(10);
    /** Concurrent calls to the auth service (initConnect streams included) before new ones are refused. */
    private int authBulkhead = 10_000;
    /** Concurrent calls to the world service. */
    private int worldBulkhead = 2_000;
    /** A {@code /files} download Touches its client at most this often (FXServer: per 128 KiB chunk). */
    private Duration fileTouchInterval = Duration.ofSeconds(1);

    public Duration getInitConnectDeadline() { return initConnectDeadline; }
    public void setInitConnectDeadline(Duration initConnectDeadline) { this.initConnectDeadline = initConnectDeadline; }
    public Duration getFileDeadline() { return fileDeadline; }
    public void setFileDeadline(Duration fileDeadline) { this.fileDeadline = fileDeadline; }
    public int getAuthBulkhead() { return authBulkhead; }
    public void setAuthBulkhead(int authBulkhead) { this.authBulkhead = authBulkhead; }
    public int getWorldBulkhead() { return worldBulkhead; }
    public void setWorldBulkhead(int worldBulkhead) { this.worldBulkhead = worldBulkhead; }
    public Duration getFileTouchInterval() { return fileTouchInterval; }
    public void setFileTouchInterval(Duration fileTouchInterval) { this.fileTouchInterval = fileTouchInterval; }
}
