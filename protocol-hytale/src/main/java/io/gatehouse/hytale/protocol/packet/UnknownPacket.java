package io.gatehouse.hytale.protocol.packet;

import io.gatehouse.hytale.protocol.io.Bytes;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * Any packet this module does not model (or that arrived for the other direction), kept as its raw uncompressed
 * payload so a gateway can forward it unchanged; the registry re-applies the packet's zstd flag on the way out.
 */
public record UnknownPacket(int id, Bytes payload) implements Packet {

    public UnknownPacket {
        Objects.requireNonNull(payload, "payload");
    }

    public static UnknownPacket decode(int id, ByteBuf buf) {
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        return new UnknownPacket(id, Bytes.adopt(bytes));
    }

    @Override
    public void encode(ByteBuf buf) {
        payload.writeTo(buf);
    }
}
