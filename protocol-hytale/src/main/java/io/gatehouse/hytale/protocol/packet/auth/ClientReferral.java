package io.gatehouse.hytale.protocol.packet.auth;

import io.gatehouse.hytale.protocol.io.Bytes;
import io.gatehouse.hytale.protocol.io.OffsetTable;
import io.gatehouse.hytale.protocol.io.PayloadReader;
import io.gatehouse.hytale.protocol.io.PayloadWriter;
import io.gatehouse.hytale.protocol.packet.Packet;
import io.gatehouse.hytale.protocol.types.HostAddress;
import io.netty.buffer.ByteBuf;

/**
 * ClientReferral (id 18, server → client; reference §5.2): nullBits [hostTo, data], offsets @1 and @5, variable block
 * @9; data is at most 4096 bytes and comes back in the next Connect's referralData.
 */
public record ClientReferral(HostAddress hostTo, Bytes data) implements Packet {

    public static final int ID = 18;
    public static final int MIN_SIZE = 1;
    public static final int MAX_SIZE = 5141;
    public static final int VARIABLE_BLOCK_START = 9;
    public static final int MAX_DATA_BYTES = 4096;

    public static ClientReferral decode(ByteBuf buf) {
        PayloadReader in = PayloadReader.consuming(buf).requireAtLeast(VARIABLE_BLOCK_START, "ClientReferral");
        byte nullBits = in.readByte("ClientReferral.nullBits");
        HostAddress hostTo = null;
        if ((nullBits & 0x01) != 0) {
            hostTo = HostAddress.read(in.seek(in.variableFieldPosition("ClientReferral.hostTo", 1, VARIABLE_BLOCK_START)));
        }
        Bytes data = null;
        if ((nullBits & 0x02) != 0) {
            data = Bytes.adopt(in.seek(in.variableFieldPosition("ClientReferral.data", 5, VARIABLE_BLOCK_START))
                    .readByteArray("ClientReferral.data", MAX_DATA_BYTES));
        }
        return new ClientReferral(hostTo, data);
    }

    @Override
    public int id() {
        return ID;
    }

    @Override
    public void encode(ByteBuf buf) {
        buf.writeByte((hostTo != null ? 0x01 : 0) | (data != null ? 0x02 : 0));
        OffsetTable offsets = OffsetTable.reserve(buf, 2);
        if (hostTo != null) {
            offsets.present(0);
            hostTo.write(buf);
        } else {
            offsets.absent(0);
        }
        if (data != null) {
            offsets.present(1);
            PayloadWriter.writeByteArray(buf, data, MAX_DATA_BYTES, "ClientReferral.data");
        } else {
            offsets.absent(1);
        }
    }
}
