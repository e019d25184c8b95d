package io.gatehouse.registry.core;

import java.util.function.IntPredicate;

/**
 * FXServer's final net ID assignment ({@code ClientRegistry::HandleConnectingClient}): a cursor starting at 1
 * hands out the next ID not in use, wrapping to 1 when it reaches the ceiling (0xFFFF). The Redis adapter's Lua
 * mirrors this loop; the contract suite holds both to it.
 */
public final class NetIdAllocator {

    public static final int FIRST_NET_ID = 1;

    private NetIdAllocator() {
    }

    /** The chosen ID and where the cursor goes next. */
    public record Allocation(int netId, int nextCursor) {
    }

    /**
     * @param cursor  the next candidate (1 for a fresh table; out-of-range values restart at 1)
     * @param ceiling first ID that is never handed out
     * @return the allocation, or null when every ID in {@code 1..ceiling-1} is in use
     */
    public static Allocation allocate(int cursor, int ceiling, IntPredicate inUse) {
        int candidate = cursor < FIRST_NET_ID || cursor >= ceiling ? FIRST_NET_ID : cursor;
        for (int attempts = 0; attempts < ceiling - FIRST_NET_ID; attempts++) {
            int next = candidate + 1 >= ceiling ? FIRST_NET_ID : candidate + 1;
            if (!inUse.test(candidate)) {
                return new Allocation(candidate, next);
            }
            candidate = next;
        }
        return null;
    }
}
