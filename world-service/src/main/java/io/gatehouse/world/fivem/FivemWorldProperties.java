package io.gatehouse.world.fivem;

import io.gatehouse.support.fivem.FivemSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The server variables the world service publishes ({@code gatehouse.fivem.*}): the keys shared with the gateway and
 * the auth service ({@link FivemSettings}) plus its own below. Convar names as in docs/configuration.md.
 */
@ConfigurationProperties("gatehouse.fivem")
public class FivemWorldProperties extends FivemSettings {

    /** The {@code gametype} of dynamic.json and infoResponse (set by a mapmanager in FXServer). */
    private String gameType = "";
    /** The {@code mapname} of dynamic.json and infoResponse. */
    private String mapName = "";
    /** {@code sv_endpointPrivacy}: players.json shows 127.0.0.1 and hides {@code ip:} identifiers. */
    private boolean endpointPrivacy = true;
    /** info.json's {@code server}: the client reads its build number after the last '.' (needs >= 3419). */
    private String serverVersion = io.gatehouse.fivem.protocol.http.InfoJson.DEFAULT_SERVER;
    /** {@code steam_webApiKey} as far as info.json's {@code requestSteamTicket} is concerned. */
    private String steamWebApiKey = "";
    /** Extra ServerInfo convars ({@code sets name value}), e.g. {@code sv_projectName}, {@code tags}, {@code locale}. */
    private Map<String, String> vars = new LinkedHashMap<>();

    public String getGameType() { return gameType; }
    public void setGameType(String gameType) { this.gameType = gameType; }
    public String getMapName() { return mapName; }
    public void setMapName(String mapName) { this.mapName = mapName; }
    public boolean isEndpointPrivacy() { return endpointPrivacy; }
    public void setEndpointPrivacy(boolean endpointPrivacy) { this.endpointPrivacy = endpointPrivacy; }
    public String getServerVersion() { return serverVersion; }
    public void setServerVersion(String serverVersion) { this.serverVersion = serverVersion; }
    public String getSteamWebApiKey() { return steamWebApiKey; }
    public void setSteamWebApiKey(String steamWebApiKey) { this.steamWebApiKey = steamWebApiKey; }
    public Map<String, String> getVars() { return vars; }
    public void setVars(Map<String, String> vars) { this.vars = vars; }
}
