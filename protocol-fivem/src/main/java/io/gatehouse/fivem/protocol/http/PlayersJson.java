package io.gatehouse.fivem.protocol.http;

import io.gatehouse.fivem.protocol.json.FxJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code GET /players.json}: an array of {@code {"endpoint","id","identifiers","name","ping"}} for connected clients.
 * With endpoint privacy ({@code sv_endpointPrivacy}, default true) the endpoint is {@code 127.0.0.1} and {@code ip:}
 * identifiers are removed; identifiers are only listed when the request is authorised for them.
 */
public final class PlayersJson {

    private PlayersJson() {
    }

    /** @param ping in ms, or -1 */
    public record Player(int netId, String name, String endpoint, List<String> identifiers, int ping) {
        public Player {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(endpoint, "endpoint");
            identifiers = List.copyOf(identifiers);
        }
    }

    public static String of(List<Player> players, boolean endpointPrivacy, boolean exposeIdentifiers) {
        List<Object> out = new ArrayList<>(players.size());
        for (Player p : players) {
            Map<String, Object> o = FxJson.object();
            o.put("endpoint", endpointPrivacy ? "127.0.0.1" : p.endpoint());
            o.put("id", p.netId());
            List<String> ids = new ArrayList<>();
            if (exposeIdentifiers) {
                for (String id : p.identifiers()) {
                    if (!(endpointPrivacy && id.startsWith("ip:"))) {
                        ids.add(id);
                    }
                }
            }
            o.put("identifiers", ids);
            o.put("name", p.name());
            o.put("ping", p.ping());
            out.add(o);
        }
        return FxJson.dump(out);
    }
}
