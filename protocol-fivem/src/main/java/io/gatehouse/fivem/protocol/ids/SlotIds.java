package io.gatehouse.fivem.protocol.ids;

import java.util.function.IntPredicate;

/**
 * OneSync slot IDs ({@code OnAssignPeer} handler): a table of {@code MAX_CLIENTS} (2049) entries in big mode, 129
 * otherwise, scanned from the highest index down, skipping slot 31, taking the first free one. A reconnecting client
 * keeps its slot.
 */
public final class SlotIds {

    /** {@code MAX_CLIENTS = 2048 + 1} ({@code Client.h}). */
    public static final int MAX_CLIENTS = 2049;
    public static final int TABLE_SIZE_BIG = MAX_CLIENTS;
    public static final int TABLE_SIZE = 129;
    public static final int RESERVED_SLOT = 31;
    public static final int NO_SLOT = -1;

    private SlotIds() {
    }

    public static int tableSize(boolean bigMode) {
        return bigMode ? TABLE_SIZE_BIG : TABLE_SIZE;
    }

    /**
     * @return the slot to assign, or {@link #NO_SLOT} when none is free ("Not enough client slot IDs.")
     */
    public static int assign(boolean bigMode, IntPredicate taken) {
        for (int slot = tableSize(bigMode) - 1; slot >= 0; slot--) {
            if (slot == RESERVED_SLOT) {
                continue;
            }
            if (!taken.test(slot)) {
                return slot;
            }
        }
        return NO_SLOT;
    }

    /** Keeps an existing slot, otherwise assigns one. */
    public static int assignOrKeep(int currentSlot, boolean bigMode, IntPredicate taken) {
        return currentSlot != NO_SLOT ? currentSlot : assign(bigMode, taken);
    }

    /** The slot a client is told in connectOK: the constant 128/16 in big mode, the real slot otherwise, -1 without OneSync. */
    public static int connectOkSlot(boolean oneSync, boolean bigMode, boolean rdr3, int realSlot) {
        if (!oneSync) {
            return NO_SLOT;
        }
        if (bigMode) {
            return rdr3 ? 16 : 128;
        }
        return realSlot;
    }

    /** The error sent as OOB {@code error <reason>} when no slot is free. */
    public static final String NO_SLOT_ERROR = "Not enough client slot IDs.";
}
