package io.gatehouse.auth.fivem.admission;

import io.gatehouse.auth.fivem.FivemAuthProperties;
import io.gatehouse.registry.core.Game;
import io.gatehouse.registry.core.SessionStore;
import java.util.concurrent.CompletionStage;

/**
 * cfx-server-data's {@code hardcap}: refuses when the connected players (cluster-wide, from the registry) already fill
 * {@code sv_maxclients}, with its exact text {@code Sorry <name>, the server is full (<n>/<max> players).}
 */
public final class MaxClientsHook implements AdmissionHook {

    private final SessionStore store;
    private final FivemAuthProperties properties;

    public MaxClientsHook(SessionStore store, FivemAuthProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    @Override
    public String description() {
        return "hardcap";
    }

    @Override
    public CompletionStage<AdmissionVerdict> admit(ConnectingPlayer player, Deferral deferral) {
        int max = properties.getMaxClients();
        if (!properties.getAdmission().isMaxClientsEnabled()) {
            return java.util.concurrent.CompletableFuture.completedFuture(AdmissionVerdict.accept());
        }
        return store.counts(Game.FIVEM).thenApply(c -> c.connected() >= max
                ? AdmissionVerdict.reject(fullText(player.name(), c.connected(), max))
                : AdmissionVerdict.accept());
    }

    /** hardcap's {@code 'Sorry ' .. name .. ', the server is full (' .. count .. '/' .. max .. ' players).'} */
    public static String fullText(String name, int playerCount, int maxClients) {
        return "Sorry " + name + ", the server is full (" + playerCount + "/" + maxClients + " players).";
    }
}
