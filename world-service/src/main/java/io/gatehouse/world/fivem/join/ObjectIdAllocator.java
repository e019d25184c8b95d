package io.gatehouse.world.fivem.join;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * OneSync object IDs, handed out as FXServer's {@code ServerGameState::GetFreeObjectIds} does: the lowest IDs from
 * 1 that were neither sent to any player nor used by an entity, one world-wide "sent" set, and a per-player record so
 * a dropped player's IDs return to the pool. This world has no entities, so "used" is always empty.
 *
 * <p>One allocator per world instance: run one world-service instance per cluster, or the sets would overlap.
 */
public final class ObjectIdAllocator {

    /** FXServer's {@code MaxObjectId}: IDs are u16, 0 is never handed out. */
    public static final int ID_SPACE = 1 << 16;

    /** A net ID that names no particular life of a player (FXServer never hands out 0). */
    public static final int ANY_LIFE = 0;

    private final BitSet sent = new BitSet(ID_SPACE);
    private final Map<String, Held> byPlayer = new HashMap<>();

    /** One life's IDs: {@code netId} is the net ID the player had when they were first handed out. */
    private static final class Held {
        final int netId;
        final List<Integer> ids = new ArrayList<>();

        Held(int netId) {
            this.netId = netId;
        }
    }

    /** Up to {@code count} free IDs for {@code player}, ascending; fewer when the space is exhausted. */
    public synchronized List<Integer> allocate(String player, int count) {
        return allocate(player, ANY_LIFE, count);
    }

    /**
     * As {@link #allocate(String, int)}, recording the life ({@code netId}) the IDs belong to when the player holds
     * none yet, so that a late {@link #release(String, int)} of an earlier life leaves them alone.
     */
    public synchronized List<Integer> allocate(String player, int netId, int count) {
        List<Integer> ids = new ArrayList<>(count);
        int id = 1;
        for (int i = 0; i < count; i++) {
            id = sent.nextClearBit(id);
            if (id >= ID_SPACE) {
                break; // FXServer: "couldn't assign an object id for player!"
            }
            sent.set(id);
            ids.add(id);
        }
        if (!ids.isEmpty()) {
            byPlayer.computeIfAbsent(player, p -> new Held(netId)).ids.addAll(ids);
        }
        return ids;
    }

    /** Returns every ID held by {@code player} to the pool; idempotent. */
    public synchronized int release(String player) {
        return release(player, ANY_LIFE);
    }

    /**
     * Returns the IDs {@code player} holds from the life with net ID {@code netId} ({@link #ANY_LIFE}: whatever life);
     * idempotent. A leave that arrives after the same guid joined again (new net ID) must not free the new life's IDs,
     * or they would be handed to someone else while still in use.
     */
    public synchronized int release(String player, int netId) {
        Held held = byPlayer.get(player);
        if (held == null || (netId != ANY_LIFE && held.netId != ANY_LIFE && held.netId != netId)) {
            return 0;
        }
        byPlayer.remove(player);
        held.ids.forEach(sent::clear);
        return held.ids.size();
    }

    public synchronized int held(String player) {
        Held held = byPlayer.get(player);
        return held == null ? 0 : held.ids.size();
    }

    public synchronized int inUse() {
        return sent.cardinality();
    }
}
