package io.gatehouse.hytale.protocol.packet;

import io.netty.buffer.ByteBuf;

/**
 * A Hytale packet: an immutable value that knows its id and writes its own payload (without the 8-byte frame header,
 * uncompressed). Each implementation also has a {@code static decode(ByteBuf)} that consumes the buffer's readable
 * bytes as one payload and throws {@link io.gatehouse.hytale.protocol.ProtocolException} on malformed input.
 */
public interface Packet {

    int id();

    void encode(ByteBuf buf);
}
