package io.gatehouse.world.hytale;

import java.util.UUID;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** What the Hytale world tells a newcomer ({@code gatehouse.world.hytale.*}). Defaults follow the official server. */
@ConfigurationProperties("gatehouse.world.hytale")
public class HytaleWorldProperties {

    /** ServerInfo.serverName. */
    private String serverName = "Gatehouse";

    /** ServerInfo.motd. */
    private String motd = "A Gatehouse world";

    /** ServerInfo.maxPlayers. */
    private int maxPlayers = 100;

    /** WorldSettings.worldHeight (official: 320). */
    private int worldHeight = 320;

    /** The world's uuid in JoinWorld; unset: one random uuid per boot. */
    private UUID worldUuid;

    /** Max view radius in chunks; the server answers ClientReady with ViewRadius(min(client, this) * 32). */
    private int maxViewRadius = 12;

    public String getServerName() { return serverName; }
    public void setServerName(String serverName) { this.serverName = serverName; }
    public String getMotd() { return motd; }
    public void setMotd(String motd) { this.motd = motd; }
    public int getMaxPlayers() { return maxPlayers; }
    public void setMaxPlayers(int maxPlayers) { this.maxPlayers = maxPlayers; }
    public int getWorldHeight() { return worldHeight; }
    public void setWorldHeight(int worldHeight) { this.worldHeight = worldHeight; }
    public UUID getWorldUuid() { return worldUuid; }
    public void setWorldUuid(UUID worldUuid) { this.worldUuid = worldUuid; }
    public int getMaxViewRadius() { return maxViewRadius; }
    public void setMaxViewRadius(int maxViewRadius) { this.maxViewRadius = maxViewRadius; }
}
