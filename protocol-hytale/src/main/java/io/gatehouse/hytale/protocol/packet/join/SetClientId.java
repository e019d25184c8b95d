package io.gatehouse.hytale.protocol.packet.join;

import io.gatehouse.hytale.protocol.io.PayloadReader;
import io.gatehouse.hytale.protocol.packet.Packet;
import io.netty.buffer.ByteBuf;

/** SetClientId (id 100, server → client, fixed 4 bytes): the player's entity network id, int32 LE. */
public record SetClientId(int clientId) implements Packet {

    public static final int ID = 100;
    public static final int SIZE = 4;

    public static SetClientId decode(ByteBuf buf) {
        return new SetClientId(PayloadReader.consuming(buf).requireAtLeast(SIZE, "SetClientId").readIntLE("SetClientId.clientId"));
    }

    @Override
    public int id() {
        return ID;
    }

    @Override
    public void encode(ByteBuf buf) {
        buf.writeIntLE(clientId);
    }
}
