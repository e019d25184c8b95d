package io.gatehouse.hytale.protocol.packet.auth;

import io.gatehouse.hytale.protocol.packet.Packet;
import io.netty.buffer.ByteBuf;

/** PasswordAccepted (id 16, server → client): empty payload. */
public record PasswordAccepted() implements Packet {

    public static final int ID = 16;
    public static final int MAX_SIZE = 0;
    public static final PasswordAccepted INSTANCE = new PasswordAccepted();

    public static PasswordAccepted decode(ByteBuf buf) {
        buf.skipBytes(buf.readableBytes());
        return INSTANCE;
    }

    @Override
    public int id() {
        return ID;
    }

    @Override
    public void encode(ByteBuf buf) {
    }
}
