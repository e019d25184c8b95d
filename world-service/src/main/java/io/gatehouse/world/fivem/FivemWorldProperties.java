package io.gatehouse.world.fivem;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The server variables the world service publishes ({@code gatehouse.fivem.*}; gateway and auth bind the same prefix
 * for their parts). Convar names as in docs/configuration.md.
 */
@ConfigurationProperties("gatehouse.fivem")
public class FivemWorldProperties {

    /** {@code sv_maxclients}. */
    private int maxClients = 48;
    /** {@code sv_hostname}. */
    private String hostname = "Gatehouse";
    /** {@code gamename}. */
    private String gameName = "gta5";
    /** {@code sv_lan}. */
    private boolean lan = false;
    /** The {@code gametype} of dynamic.json and infoResponse (set by a mapmanager in FXServer). */
    private String gameType = "";
    /** The {@code mapname} of dynamic.json and infoResponse. */
    private String mapName = "";
    /** {@code sv_enforceGameBuild}; empty leaves it out of {@code vars}. */
    private String enforceGameBuild = "";
    /** {@code sv_pureLevel}. */
    private int pureLevel = 0;
    /** {@code sv_scriptHookAllowed}. */
    private boolean scriptHookAllowed = false;
    /** {@code sv_enhancedHostSupport}. */
    private boolean enhancedHostSupport = false;
    /** {@code onesync} on/off ({@code onesync_enabled} in vars). */
    private boolean onesync = true;
    /** {@code sv_endpointPrivacy}: players.json shows 127.0.0.1 and hides {@code ip:} identifiers. */
    private boolean endpointPrivacy = true;
    /** info.json's {@code server}: the client reads its build number after the last '.' (needs >= 3419). */
    private String serverVersion = io.gatehouse.fivem.protocol.http.InfoJson.DEFAULT_SERVER;
    /** {@code steam_webApiKey} as far as info.json's {@code requestSteamTicket} is concerned. */
    private String steamWebApiKey = "";
    /** Extra ServerInfo convars ({@code sets name value}), e.g. {@code sv_projectName}, {@code tags}, {@code locale}. */
    private Map<String, String> vars = new LinkedHashMap<>();

    public int getMaxClients() { return maxClients; }
    public void setMaxClients(int maxClients) { this.maxClients = maxClients; }
    public String getHostname() { return hostname; }
    public void setHostname(String hostname) { this.hostname = hostname; }
    public String getGameName() { return gameName; }
    public void setGameName(String gameName) { this.gameName = gameName; }
    public boolean isLan() { return lan; }
    public void setLan(boolean lan) { this.lan = lan; }
    public String getGameType() { return gameType; }
    public void setGameType(String gameType) { this.gameType = gameType; }
    public String getMapName() { return mapName; }
    public void setMapName(String mapName) { this.mapName = mapName; }
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
    public boolean isEndpointPrivacy() { return endpointPrivacy; }
    public void setEndpointPrivacy(boolean endpointPrivacy) { this.endpointPrivacy = endpointPrivacy; }
    public String getServerVersion() { return serverVersion; }
    public void setServerVersion(String serverVersion) { this.serverVersion = serverVersion; }
    public String getSteamWebApiKey() { return steamWebApiKey; }
    public void setSteamWebApiKey(String steamWebApiKey) { this.steamWebApiKey = steamWebApiKey; }
    public Map<String, String> getVars() { return vars; }
    public void setVars(Map<String, String> vars) { this.vars = vars; }
}
