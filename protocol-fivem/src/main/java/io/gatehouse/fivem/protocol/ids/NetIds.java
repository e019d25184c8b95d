package io.gatehouse.fivem.protocol.ids;

import java.util.function.IntPredicate;

/**
 * FXServer's net ID arithmetic ({@code InitConnectMethod.cpp}, {@code ClientRegistry::HandleConnectingClient}).
 * Storage and atomicity belong to the caller (the session registry); these are the rules.
 */
public final class NetIds {

    /** Temporary net IDs are {@code 0x10000 + n}; anything at or above 0xFFFF counts as "not connected". */
    public static final int TEMP_BASE = 0x10000;
    /** {@code HasConnected()} is {@code netId < 0xFFFF}. */
    public static final int CONNECTED_LIMIT = 0xFFFF;
    public static final int FIRST_NET_ID = 1;
    /** The source net ID the server puts in {@code msgNetEvent}. */
    public static final int SERVER_SOURCE = 0xFFFF;

    private NetIds() {
    }

    /** The temporary net ID for the {@code n}-th initConnect (a process-wide counter starting at 0, u32 arithmetic). */
    public static long temporary(long n) {
        return (TEMP_BASE + n) & 0xFFFFFFFFL;
    }

    public static boolean isConnected(long netId) {
        return netId < CONNECTED_LIMIT;
    }

    /** Result of {@link #allocate}: the ID handed out and where the counter goes next. */
    public record Allocation(int netId, int nextCounter) {
    }

    /**
     * Allocates a final net ID: starting at {@code counter}, skip IDs in use, wrapping to 1 on reaching 0xFFFF.
     *
     * @return the allocation, or {@code null} when every ID in 1..0xFFFE is in use
     */
    public static Allocation allocate(int counter, IntPredicate inUse) {
        int id = normalise(counter);
        for (int tries = 0; tries < CONNECTED_LIMIT - 1; tries++) {
            if (!inUse.test(id)) {
                return new Allocation(id, normalise(id + 1));
            }
            id = normalise(id + 1);
        }
        return null;
    }

    private static int normalise(int id) {
        return (id < FIRST_NET_ID || id >= CONNECTED_LIMIT) ? FIRST_NET_ID : id;
    }
}
