package io.gatehouse.hytale.protocol.packet.join;

import io.gatehouse.hytale.protocol.io.PayloadReader;
import io.gatehouse.hytale.protocol.io.PayloadWriter;
import io.gatehouse.hytale.protocol.packet.Packet;
import io.netty.buffer.ByteBuf;
import java.util.Objects;
import java.util.UUID;

/** JoinWorld (id 104, server → client, fixed 18 bytes): clearWorld @0, fadeInOut @1, worldUuid (big-endian) @2. */
public record JoinWorld(boolean clearWorld, boolean fadeInOut, UUID worldUuid) implements Packet {

    public static final int ID = 104;
    public static final int SIZE = 18;

    public JoinWorld {
        Objects.requireNonNull(worldUuid, "worldUuid");
    }

    public static JoinWorld decode(ByteBuf buf) {
        PayloadReader in = PayloadReader.consuming(buf).requireAtLeast(SIZE, "JoinWorld");
        return new JoinWorld(in.readBool("JoinWorld.clearWorld"), in.readBool("JoinWorld.fadeInOut"),
                in.readUuid("JoinWorld.worldUuid"));
    }

    @Override
    public int id() {
        return ID;
    }

    @Override
    public void encode(ByteBuf buf) {
        PayloadWriter.writeBool(buf, clearWorld);
        PayloadWriter.writeBool(buf, fadeInOut);
        PayloadWriter.writeUuid(buf, worldUuid);
    }
}
