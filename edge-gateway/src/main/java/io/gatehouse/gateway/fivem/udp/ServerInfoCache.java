package io.gatehouse.gateway.fivem.udp;

import io.gatehouse.contracts.world.v1.ServerInfoReply;
import io.gatehouse.fivem.protocol.oob.InfoSnapshot;
import io.gatehouse.contracts.session.v1.Session;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What getinfo and getstatus answer, refreshed on a timer (never per datagram): the world's {@code ServerInfo}
 * when it answers, else this gateway's settings with the registry's cluster-wide connected count. Readers on the
 * ENet loop see an immutable snapshot.
 */
final class ServerInfoCache {

    private static final Logger log = LoggerFactory.getLogger(ServerInfoCache.class);

    /** The local view before the first refresh and when the world does not answer. */
    record Local(int maxClients, String hostname, String gametype, String mapname) {
    }

    private final FivemWorldClient world;
    private final FivemRegistryClient registry;
    private final Local local;
    private final boolean wantPlayerNames;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile InfoSnapshot snapshot;
    private volatile List<String> playerNames = List.of();
    private volatile boolean worldAnswered;
    private volatile String lastInfoVersion = "0";

    ServerInfoCache(FivemWorldClient world, FivemRegistryClient registry, Local local, boolean wantPlayerNames) {
        this.world = world;
        this.registry = registry;
        this.local = local;
        this.wantPlayerNames = wantPlayerNames;
        this.snapshot = InfoSnapshot.of(local.maxClients(), 0, local.hostname(), local.gametype(), local.mapname(), 0);
    }

    InfoSnapshot snapshot() {
        return snapshot;
    }

    List<String> playerNames() {
        return playerNames;
    }

    /** getstatus' trailing {@code \name\value} pairs. */
    Map<String, String> serverInfoVars() {
        InfoSnapshot s = snapshot;
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("gamename", "CitizenFX");
        vars.put("gametype", s.gametype());
        vars.put("mapname", s.mapname());
        vars.put("sv_hostname", s.hostname());
        return vars;
    }

    /** Starts one refresh unless one is still in flight; completes asynchronously. */
    void refresh() {
        if (!refreshing.compareAndSet(false, true)) {
            return;
        }
        world.serverInfo().handle((reply, failure) -> {
            if (failure == null) {
                apply(reply);
                return null;
            }
            if (worldAnswered) {
                log.debug("world ServerInfo failed; using the registry count", failure);
                worldAnswered = false;
            }
            registry.counts().whenComplete((counts, countsFailure) -> {
                if (countsFailure == null) {
                    snapshot = new InfoSnapshot(Integer.toString(local.maxClients()), counts.getConnected(),
                            local.hostname(), local.gametype(), local.mapname(), lastInfoVersion);
                }
            });
            return null;
        }).whenComplete((ignored, e) -> refreshNames());
    }

    private void apply(ServerInfoReply reply) {
        worldAnswered = true;
        String iv = reply.getInfoVersion().isEmpty() ? lastInfoVersion : reply.getInfoVersion();
        lastInfoVersion = iv;
        snapshot = new InfoSnapshot(
                Integer.toString(reply.getMaxClients() == 0 ? local.maxClients() : reply.getMaxClients()),
                reply.getConnectedClients(),
                reply.getHostname().isEmpty() ? local.hostname() : reply.getHostname(),
                reply.getGametype(), reply.getMapname(), iv);
    }

    private void refreshNames() {
        if (!wantPlayerNames) {
            refreshing.set(false);
            return;
        }
        registry.roster().whenComplete((roster, failure) -> {
            if (failure == null) {
                playerNames = roster.getSessionsList().stream().map(Session::getName).toList();
            }
            refreshing.set(false);
        });
    }
}
