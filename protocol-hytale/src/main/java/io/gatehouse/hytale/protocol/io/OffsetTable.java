package io.gatehouse.hytale.protocol.io;

import io.netty.buffer.ByteBuf;

/**
 * The int32 LE offset table that follows a fixed block when a structure has two or more variable fields.
 * Offsets are relative to the start of the variable block; an absent field is {@code -1}.
 *
 * <p>Usage: {@code reserve} right after the fixed block, then for each variable field in declaration order call
 * {@link #present} immediately before writing it, or {@link #absent}.
 */
public final class OffsetTable {

    public static final int ABSENT = -1;

    private final ByteBuf buf;
    private final int firstSlot;
    private final int variableBlockStart;

    private OffsetTable(ByteBuf buf, int firstSlot, int variableBlockStart) {
        this.buf = buf;
        this.firstSlot = firstSlot;
        this.variableBlockStart = variableBlockStart;
    }

    public static OffsetTable reserve(ByteBuf buf, int slots) {
        int first = buf.writerIndex();
        buf.writeZero(4 * slots);
        return new OffsetTable(buf, first, buf.writerIndex());
    }

    public void present(int slot) {
        buf.setIntLE(firstSlot + 4 * slot, buf.writerIndex() - variableBlockStart);
    }

    public void absent(int slot) {
        buf.setIntLE(firstSlot + 4 * slot, ABSENT);
    }
}
