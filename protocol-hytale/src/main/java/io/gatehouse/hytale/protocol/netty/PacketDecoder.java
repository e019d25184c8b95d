package io.gatehouse.hytale.protocol.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;

/**
 * {@link RawFrame} (uncompressed) → {@link io.gatehouse.hytale.protocol.packet.Packet} through the inbound registry;
 * ids it does not model become {@link io.gatehouse.hytale.protocol.packet.UnknownPacket}. Malformed payloads raise
 * {@link io.gatehouse.hytale.protocol.ProtocolException}.
 */
public final class PacketDecoder extends MessageToMessageDecoder<RawFrame> {

    private final CodecState state;

    public PacketDecoder(CodecState state) {
        super(RawFrame.class);
        this.state = state;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, RawFrame frame, List<Object> out) {
        out.add(state.inbound().decode(frame.packetId(), frame.content()));
    }
}
