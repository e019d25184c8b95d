package io.gatehouse.fivem.protocol.http;

import io.gatehouse.fivem.protocol.hash.HashRageString;
import io.gatehouse.fivem.protocol.json.FxJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code GET /info.json} ({@code InfoHttpHandler.cpp}): nlohmann output, keys sorted. {@code version} is
 * {@code HashRageString(dump with version = 0) & 0x7FFFFFFF} and is also the server's {@code sv_infoVersion}
 * (the {@code iv} of getinfo and dynamic.json).
 *
 * <pre>{@code
 * InfoJson info = InfoJson.builder().resources(List.of("mapmanager")).vars(vars).requestSteamTicket("off").build();
 * String body = info.json(); long iv = info.version();
 * }</pre>
 */
public final class InfoJson {

    /** A realistic {@code server} string: the client parses the build after the last '.' and needs >= 3419. */
    public static final String DEFAULT_SERVER = serverString(12913);

    private final String json;
    private final long version;

    private InfoJson(String json, long version) {
        this.json = json;
        this.version = version;
    }

    /** The body to send. */
    public String json() {
        return json;
    }

    /** The {@code version} field (= {@code sv_infoVersion}). */
    public long version() {
        return version;
    }

    /** {@code FXServer-master SERVER v1.0.0.<build> linux}. */
    public static String serverString(int build) {
        return "FXServer-master SERVER v1.0.0." + build + " linux";
    }

    /** {@code requestSteamTicket} from {@code steam_webApiKey}: "unset" if empty, "off" if "none", else "on". */
    public static String requestSteamTicketFor(String steamWebApiKey) {
        if (steamWebApiKey == null || steamWebApiKey.isEmpty()) {
            return "unset";
        }
        return "none".equals(steamWebApiKey) ? "off" : "on";
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private boolean enforceSteamAuth;
        private String icon;
        private String requestSteamTicket = "unset";
        private List<String> resources = List.of();
        private String server = DEFAULT_SERVER;
        private Map<String, String> vars = new LinkedHashMap<>();

        public Builder enforceSteamAuth(boolean v) { enforceSteamAuth = v; return this; }
        /** Base64 of a 96x96 PNG, or null for none. */
        public Builder icon(String v) { icon = v; return this; }
        public Builder requestSteamTicket(String v) { requestSteamTicket = Objects.requireNonNull(v); return this; }
        /** Started resources; {@code hardcap} is put first automatically. */
        public Builder resources(List<String> v) { resources = List.copyOf(v); return this; }
        public Builder server(String v) { server = Objects.requireNonNull(v); return this; }
        /** ServerInfo convars; {@code sv_infoVersion} and {@code sv_hostname} are left out as FXServer does. */
        public Builder vars(Map<String, String> v) { vars = new LinkedHashMap<>(v); return this; }

        public InfoJson build() {
            Map<String, Object> o = FxJson.object();
            o.put("enforceSteamAuth", enforceSteamAuth);
            o.put("enhancedHostSupport", true);
            Optional.ofNullable(icon).ifPresent(i -> o.put("icon", i));
            o.put("requestSteamTicket", requestSteamTicket);
            List<String> res = new ArrayList<>();
            res.add("hardcap");
            for (String r : resources) {
                if (!"hardcap".equals(r)) {
                    res.add(r);
                }
            }
            o.put("resources", res);
            o.put("server", server);
            Map<String, Object> v = FxJson.object();
            vars.forEach((k, val) -> {
                if (!"sv_infoVersion".equals(k) && !"sv_hostname".equals(k)) {
                    v.put(k, val);
                }
            });
            o.put("vars", v);
            o.put("version", 0);
            long version = versionOf(FxJson.dump(o));
            o.put("version", version);
            return new InfoJson(FxJson.dump(o), version);
        }
    }

    /** {@code HashRageString(text) & 0x7FFFFFFF}. */
    public static long versionOf(String dumpWithVersionZero) {
        return HashRageString.of(dumpWithVersionZero.getBytes(StandardCharsets.UTF_8)) & 0x7FFFFFFFL;
    }
}
