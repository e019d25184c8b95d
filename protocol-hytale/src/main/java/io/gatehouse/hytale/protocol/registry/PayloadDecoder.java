package io.gatehouse.hytale.protocol.registry;

import io.gatehouse.hytale.protocol.packet.Packet;
import io.netty.buffer.ByteBuf;

/** A packet's {@code decode(ByteBuf)}: consumes one uncompressed payload. */
@FunctionalInterface
public interface PayloadDecoder<T extends Packet> {

    T decode(ByteBuf payload);
}
