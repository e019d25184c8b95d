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

    private final BitSet sent = new BitSet(ID_SPACE);
    private final Map<String, List<Integer>> byPlayer = new HashMap<>();

    /** Up to {@code count} free IDs for {@code player}, ascending; fewer when the space is exhausted. */
    public synchronized List<Integer> allocate(String player, int count) {
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
            byPlayer.computeIfAbsent(player, p -> new ArrayList<>()).addAll(ids);
        }
        return ids;
    }

    /** Returns every ID held by {@code player} to the pool; idempotent. */
    public synchronized int release(String player) {
        List<Integer> ids = byPlayer.remove(player);
        if (ids == null) {
            return 0;
        }
        ids.forEach(sent::clear);
        return ids.size();
    }

    public synchronized int held(String player) {
        List<Integer> ids = byPlayer.get(player);
        return ids == null ? 0 : ids.size();
    }

    public synchronized int inUse() {
        return sent.cardinality();
    }
}
