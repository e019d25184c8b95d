package io.gatehouse.support.fivem;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The FiveM server variables more than one service reads ({@code gatehouse.fivem.*}), declared once. The gateway
 * ({@code FivemProperties}), the auth service ({@code FivemAuthProperties}) and the world service
 * ({@code FivemWorldProperties}) each bind a subclass that adds the keys only it reads; so in the all-in-one node the
 * three see the same values. Convar names as in docs/configuration.md.
 *
 * <p>Not a bean itself. It lives here rather than in the Spring-free {@code protocol-fivem} so that the configuration
 * processor documents these keys (description, default) in the build's metadata.
 */
@ConfigurationProperties("gatehouse.fivem")
public class FivemSettings {

    /** {@code sv_lan}: skip every Cfx ticket check. */
    private boolean lan = false;
    /** {@code sv_serverId}: must equal the {@code si} field of a ticket's extra JSON; unset skips that check. */
    private String serverId;
    /** {@code sv_maxclients} (registered as {@code sv_maxClients}), 1..2048. */
    private int maxClients = 48;
    /** {@code sv_hostname}: shown in server lists, {@code /dynamic.json} and {@code infoResponse}. */
    private String hostname = "Gatehouse";
    /**
     * {@code sv_endpoints}: what {@code getEndpoints} returns ({@code ip[:port]} entries separated by white space, or
     * list items; empty gives {@code []}).
     */
    private List<String> endpoints = new ArrayList<>();
    /** {@code gamename}: {@code gta5}, {@code rdr3} or {@code gta4}. */
    private String gameName = "gta5";
    /** {@code sv_enforceGameBuild}; empty disables the check and leaves it out of {@code vars}. */
    private String enforceGameBuild = "";
    /** {@code sv_pureLevel}. */
    private int pureLevel = 0;
    /** {@code sv_scriptHookAllowed}. */
    private boolean scriptHookAllowed = false;
    /** {@code sv_enhancedHostSupport}. */
    private boolean enhancedHostSupport = false;
    /** {@code onesync}: on (big mode, length hack) when true, off when false ({@code onesync_enabled} in vars). */
    private boolean onesync = true;

    public boolean isLan() { return lan; }
    public void setLan(boolean lan) { this.lan = lan; }
    public String getServerId() { return serverId; }
    public void setServerId(String serverId) { this.serverId = serverId; }
    public int getMaxClients() { return maxClients; }
    public void setMaxClients(int maxClients) { this.maxClients = maxClients; }
    public String getHostname() { return hostname; }
    public void setHostname(String hostname) { this.hostname = hostname; }
    public List<String> getEndpoints() { return endpoints; }
    public void setEndpoints(List<String> endpoints) { this.endpoints = endpoints; }
    public String getGameName() { return gameName; }
    public void setGameName(String gameName) { this.gameName = gameName; }
    public String getEnforceGameBuild() { return enforceGameBuild; }
    public void setEnforceGameBuild(String enforceGameBuild) { this.enforceGameBuild = enforceGameBuild; }
    public int getPureLevel() { return pureLevel; }
    public void setPureLevel(int pureLevel) { this.pureLevel = pureLevel; }
    public boolean isScriptHookAllowed() { return scriptHookAllowed; }
    public void setScriptHookAllowed(boolean scriptHookAllowed) { this.scriptHookAllowed = scriptHookAllowed; }
    public boolean isEnhancedHostSupport() { return enhancedHostSupport; }
    public void setEnhancedHostSupport(boolean enhancedHostSupport) { this.enhancedHostSupport = enhancedHostSupport; }
    public boolean isOnesync() { return onesync; }
    public void setOnesync(boolean onesync) { this.onesync = onesync; }
}
