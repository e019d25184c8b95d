package io.gatehouse.world.fivem;

import io.gatehouse.fivem.protocol.http.DynamicJson;
import io.gatehouse.fivem.protocol.http.InfoJson;
import io.gatehouse.fivem.protocol.http.PlayersJson;
import io.gatehouse.fivem.protocol.oob.InfoSnapshot;
import io.gatehouse.registry.core.Game;
import io.gatehouse.registry.core.Session;
import io.gatehouse.registry.core.SessionStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The server variables behind {@code /info.json}, {@code /dynamic.json}, {@code /players.json} and the OOB
 * {@code infoResponse}, with counts and rosters from the registry (cluster-wide). players.json is rebuilt at most once
 * a second, like FXServer's tick-driven cache.
 *
 * <p>Degrades instead of failing: when the registry (or Redis behind it) is unreachable, the last known count and
 * players list are served (stale during the outage; zero and {@code []} if none was ever read). Server lists and
 * launchers poll these endpoints; an error would only make the server vanish from them.
 */
public final class FivemServerInfo {

    /** What {@link #snapshot} returns. */
    public record Snapshot(InfoJson info, InfoSnapshot dynamic, String dynamicJson, String playersJson) {
    }

    private static final long PLAYERS_CACHE_NANOS = 1_000_000_000L;

    private final FivemWorldProperties properties;
    private final SessionStore store;
    private final Supplier<List<String>> resources;
    private volatile CompletableFuture<String> players;
    private volatile long playersBuiltAt;
    /** Last count and players.json read from the registry, served while it is unreachable. */
    private volatile int lastConnected;
    private volatile String lastPlayersJson;

    public FivemServerInfo(FivemWorldProperties properties, SessionStore store, Supplier<List<String>> resources) {
        this.properties = properties;
        this.store = store;
        this.resources = resources;
    }

    /** info.json as it is now (cheap: a few hundred bytes and one hash). */
    public InfoJson info() {
        return InfoJson.builder()
                .requestSteamTicket(InfoJson.requestSteamTicketFor(properties.getSteamWebApiKey()))
                .resources(resources.get())
                .server(properties.getServerVersion())
                .vars(vars())
                .build();
    }

    /** {@code vars}: the ServerInfo convars FXServer registers, then the operator's own. */
    Map<String, String> vars() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("gamename", properties.getGameName());
        v.put("onesync_enabled", Boolean.toString(properties.isOnesync()));
        if (!properties.getEnforceGameBuild().isEmpty()) {
            v.put("sv_enforceGameBuild", properties.getEnforceGameBuild());
        }
        v.put("sv_enhancedHostSupport", Boolean.toString(properties.isEnhancedHostSupport()));
        v.put("sv_lan", Boolean.toString(properties.isLan()));
        v.put("sv_maxClients", Integer.toString(properties.getMaxClients()));
        v.put("sv_pureLevel", Integer.toString(properties.getPureLevel()));
        v.put("sv_scriptHookAllowed", Boolean.toString(properties.isScriptHookAllowed()));
        v.putAll(properties.getVars());
        return v;
    }

    public CompletableFuture<Snapshot> snapshot(boolean includePlayers) {
        InfoJson info = info();
        CompletableFuture<String> playersJson = includePlayers ? players()
                : CompletableFuture.completedFuture("");
        CompletableFuture<Integer> connected = safely(() -> store.counts(Game.FIVEM))
                .handle((counts, failure) -> {
                    if (failure != null) {
                        return lastConnected;
                    }
                    lastConnected = counts.connected();
                    return counts.connected();
                });
        return connected.thenCombine(playersJson, (clients, pj) -> {
            InfoSnapshot dyn = InfoSnapshot.of(properties.getMaxClients(), clients,
                    properties.getHostname(), properties.getGameType(), properties.getMapName(), info.version());
            return new Snapshot(info, dyn, DynamicJson.of(dyn), pj);
        });
    }

    private CompletableFuture<String> players() {
        long now = System.nanoTime();
        CompletableFuture<String> cached = players;
        if (cached != null && now - playersBuiltAt < PLAYERS_CACHE_NANOS && !cached.isCompletedExceptionally()) {
            return cached;
        }
        // never fails: an unreachable registry yields the last known list (cached like a fresh one, for a second)
        CompletableFuture<String> fresh = safely(() -> store.roster(Game.FIVEM)).thenApply(this::playersJson)
                .handle((json, failure) -> {
                    if (failure != null) {
                        String last = lastPlayersJson;
                        return last != null ? last : playersJson(List.of());
                    }
                    lastPlayersJson = json;
                    return json;
                });
        players = fresh;
        playersBuiltAt = now;
        return fresh;
    }

    private static <T> CompletableFuture<T> safely(java.util.function.Supplier<CompletableFuture<T>> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private String playersJson(List<Session> roster) {
        List<PlayersJson.Player> list = new ArrayList<>(roster.size());
        for (Session s : roster) {
            String endpoint = s.holder() != null ? s.holder().peerEndpoint() : s.tcpSourceAddress();
            // ping lives on the gateway holding the peer; the registry does not carry it
            list.add(new PlayersJson.Player(s.netId(), s.name(), endpoint, s.identifiers(), -1));
        }
        return PlayersJson.of(list, properties.isEndpointPrivacy(), false);
    }
}
