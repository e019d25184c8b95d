package io.gatehouse.registry.core;

import java.util.function.IntPredicate;

/**
 * FXServer's OneSync slot assignment: scan the table from the highest index down, skip slot 31, take the first
 * free one. The first client of a normal (129) table therefore gets slot 128. The Lua mirrors this.
 */
public final class SlotAllocator {

    /** Never handed out (FXServer skips it). */
    public static final int RESERVED_SLOT = 31;

    private SlotAllocator() {
    }

    /** @return the slot, or {@link Session#NO_SLOT} when the table is full */
    public static int pick(int tableSize, IntPredicate inUse) {
        for (int slot = tableSize - 1; slot >= 0; slot--) {
            if (slot != RESERVED_SLOT && !inUse.test(slot)) {
                return slot;
            }
        }
        return Session.NO_SLOT;
    }

    /** How many players a table of this size can hold. */
    public static int capacity(int tableSize) {
        return tableSize > RESERVED_SLOT ? tableSize - 1 : tableSize;
    }
}
