package io.gatehouse.hytale.protocol.netty;

import io.gatehouse.hytale.protocol.ProtocolException;
import io.gatehouse.hytale.protocol.packet.Packet;
import io.gatehouse.hytale.protocol.registry.PacketRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/**
 * {@link Packet} → {@link RawFrame} (uncompressed) through the outbound registry, which supplies the id and refuses
 * packets of the wrong version or direction; payloads over the packet's max size are refused like the official
 * {@code PacketIO.writeFramedPacket} does.
 */
public final class PacketEncoder extends MessageToMessageEncoder<Packet> {

    private final CodecState state;

    public PacketEncoder(CodecState state) {
        super(Packet.class);
        this.state = state;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Packet packet, List<Object> out) {
        PacketRegistry registry = state.outbound();
        int id = registry.idFor(packet);
        ByteBuf payload = ctx.alloc().buffer();
        try {
            packet.encode(payload);
            int max = registry.maxPayloadSize(id);
            if (payload.readableBytes() > max) {
                throw new ProtocolException(packet.getClass().getSimpleName() + " serialized to "
                        + payload.readableBytes() + " bytes, above its max size " + max);
            }
            out.add(new RawFrame(id, payload));
        } catch (RuntimeException e) {
            payload.release();
            throw e;
        }
    }
}
