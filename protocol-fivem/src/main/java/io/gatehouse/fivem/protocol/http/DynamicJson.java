package io.gatehouse.fivem.protocol.http;

import io.gatehouse.fivem.protocol.json.FxJson;
import io.gatehouse.fivem.protocol.oob.InfoSnapshot;
import java.util.Map;

/**
 * {@code GET /dynamic.json}:
 * {@code {"clients":<int>,"gametype":"..","hostname":"..","iv":"<sv_infoVersion>","mapname":"..","sv_maxclients":".."}}
 * with {@code iv} and {@code sv_maxclients} as strings.
 */
public final class DynamicJson {

    private DynamicJson() {
    }

    public static String of(InfoSnapshot s) {
        Map<String, Object> o = FxJson.object();
        o.put("clients", s.clients());
        o.put("gametype", s.gametype());
        o.put("hostname", s.hostname());
        o.put("iv", s.infoVersion());
        o.put("mapname", s.mapname());
        o.put("sv_maxclients", s.maxClients());
        return FxJson.dump(o);
    }
}
