package io.gatehouse.hytale.protocol.packet.setup;

import io.gatehouse.hytale.protocol.io.PayloadReader;
import io.gatehouse.hytale.protocol.io.PayloadWriter;
import io.gatehouse.hytale.protocol.packet.Packet;
import io.netty.buffer.ByteBuf;

/**
 * WorldLoadProgress (id 21) before build 20 (v1 and v2 build 2): nullBits [status], percentComplete @1,
 * percentCompleteSubitem @5, status VarString UTF-8 (at most 4 096 000 bytes) @9; max payload 16 384 014.
 */
public record WorldLoadProgressV1(String status, int percentComplete, int percentCompleteSubitem) implements Packet {

    public static final int ID = 21;
    public static final int MIN_SIZE = 9;
    public static final int MAX_SIZE = 16_384_014;
    public static final int MAX_STATUS_BYTES = 4_096_000;

    public static WorldLoadProgressV1 decode(ByteBuf buf) {
        PayloadReader in = PayloadReader.consuming(buf).requireAtLeast(MIN_SIZE, "WorldLoadProgress");
        byte nullBits = in.readByte("WorldLoadProgress.nullBits");
        int percent = in.readIntLE("WorldLoadProgress.percentComplete");
        int subitem = in.readIntLE("WorldLoadProgress.percentCompleteSubitem");
        String status = (nullBits & 0x01) != 0 ? in.readVarString("WorldLoadProgress.status", MAX_STATUS_BYTES) : null;
        return new WorldLoadProgressV1(status, percent, subitem);
    }

    @Override
    public int id() {
        return ID;
    }

    @Override
    public void encode(ByteBuf buf) {
        buf.writeByte(status != null ? 0x01 : 0);
        buf.writeIntLE(percentComplete);
        buf.writeIntLE(percentCompleteSubitem);
        if (status != null) {
            PayloadWriter.writeVarString(buf, status, MAX_STATUS_BYTES, "WorldLoadProgress.status");
        }
    }
}
