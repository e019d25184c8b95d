package io.gatehouse.hytale.protocol.netty;

import io.gatehouse.hytale.protocol.io.ZstdPayloads;
import io.gatehouse.hytale.protocol.registry.PacketRegistry;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/** Compresses the payload of outgoing frames whose packet carries the static zstd flag in the outbound registry. */
public final class ZstdCompressor extends MessageToMessageEncoder<RawFrame> {

    private final CodecState state;
    private final int level;

    public ZstdCompressor(CodecState state, int level) {
        super(RawFrame.class);
        this.state = state;
        this.level = level;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, RawFrame frame, List<Object> out) {
        PacketRegistry registry = state.outbound();
        if (!registry.isCompressed(frame.packetId()) || !frame.content().isReadable()) {
            out.add(frame.retain());
            return;
        }
        out.add(new RawFrame(frame.packetId(), ZstdPayloads.compress(ctx.alloc(), frame.content(), level)));
    }
}
