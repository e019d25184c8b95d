package io.gatehouse.hytale.protocol.packet.setup;

import io.gatehouse.hytale.protocol.io.PayloadReader;
import io.gatehouse.hytale.protocol.packet.Packet;
import io.gatehouse.hytale.protocol.types.FormattedMessage;
import io.netty.buffer.ByteBuf;

/**
 * WorldLoadProgress (id 21, server → client) as of build 20: nullBits [status], percentComplete int32 LE @1,
 * percentCompleteSubitem int32 LE @5, status {@link FormattedMessage} @9. Earlier builds and v1 carry a plain string
 * status instead: see {@link WorldLoadProgressV1}.
 */
public record WorldLoadProgress(FormattedMessage status, int percentComplete, int percentCompleteSubitem)
        implements Packet {

    public static final int ID = 21;
    public static final int MIN_SIZE = 9;
    public static final int MAX_SIZE = 1_677_721_600;

    public static WorldLoadProgress decode(ByteBuf buf) {
        PayloadReader in = PayloadReader.consuming(buf).requireAtLeast(MIN_SIZE, "WorldLoadProgress");
        byte nullBits = in.readByte("WorldLoadProgress.nullBits");
        int percent = in.readIntLE("WorldLoadProgress.percentComplete");
        int subitem = in.readIntLE("WorldLoadProgress.percentCompleteSubitem");
        return new WorldLoadProgress((nullBits & 0x01) != 0 ? FormattedMessage.read(in) : null, percent, subitem);
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
            status.write(buf);
        }
    }
}
