package io.gatehouse.hytale.protocol.packet.setup;

import io.gatehouse.hytale.protocol.io.OffsetTable;
import io.gatehouse.hytale.protocol.io.PayloadReader;
import io.gatehouse.hytale.protocol.io.PayloadWriter;
import io.gatehouse.hytale.protocol.packet.Packet;
import io.netty.buffer.ByteBuf;

/**
 * ServerInfo (id 223, server → client; reference §5.4): nullBits [serverName, motd], maxPlayers int32 LE @1, offsets
 * @5 and @9, variable block @13; strings UTF-8 of at most 4 096 000 bytes. Sent right after WorldSettings.
 */
public record ServerInfo(String serverName, String motd, int maxPlayers) implements Packet {

    public static final int ID = 223;
    public static final int MIN_SIZE = 5;
    public static final int MAX_SIZE = 32_768_023;
    public static final int VARIABLE_BLOCK_START = 13;
    public static final int MAX_STRING_BYTES = 4_096_000;

    public static ServerInfo decode(ByteBuf buf) {
        PayloadReader in = PayloadReader.consuming(buf).requireAtLeast(VARIABLE_BLOCK_START, "ServerInfo");
        byte nullBits = in.readByte("ServerInfo.nullBits");
        int maxPlayers = in.readIntLE("ServerInfo.maxPlayers");
        String serverName = null;
        if ((nullBits & 0x01) != 0) {
            serverName = in.seek(in.variableFieldPosition("ServerInfo.serverName", 5, VARIABLE_BLOCK_START))
                    .readVarString("ServerInfo.serverName", MAX_STRING_BYTES);
        }
        String motd = null;
        if ((nullBits & 0x02) != 0) {
            motd = in.seek(in.variableFieldPosition("ServerInfo.motd", 9, VARIABLE_BLOCK_START))
                    .readVarString("ServerInfo.motd", MAX_STRING_BYTES);
        }
        return new ServerInfo(serverName, motd, maxPlayers);
    }

    @Override
    public int id() {
        return ID;
    }

    @Override
    public void encode(ByteBuf buf) {
        buf.writeByte((serverName != null ? 0x01 : 0) | (motd != null ? 0x02 : 0));
        buf.writeIntLE(maxPlayers);
        OffsetTable offsets = OffsetTable.reserve(buf, 2);
        if (serverName != null) {
            offsets.present(0);
            PayloadWriter.writeVarString(buf, serverName, MAX_STRING_BYTES, "ServerInfo.serverName");
        } else {
            offsets.absent(0);
        }
        if (motd != null) {
            offsets.present(1);
            PayloadWriter.writeVarString(buf, motd, MAX_STRING_BYTES, "ServerInfo.motd");
        } else {
            offsets.absent(1);
        }
    }
}
