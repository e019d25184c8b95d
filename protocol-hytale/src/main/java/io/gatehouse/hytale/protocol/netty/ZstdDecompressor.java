package io.gatehouse.hytale.protocol.netty;

import io.gatehouse.hytale.protocol.io.ZstdPayloads;
import io.gatehouse.hytale.protocol.registry.PacketRegistry;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;

/**
 * Inflates the payload of frames whose packet carries the static zstd flag in the inbound registry (empty payloads
 * are never compressed). The inflated size is bounded by the packet's max size and
 * {@link CodecLimits#maxDecompressedLength()}, so a small frame cannot expand into a huge allocation.
 */
public final class ZstdDecompressor extends MessageToMessageDecoder<RawFrame> {

    private final CodecState state;
    private final CodecLimits limits;

    public ZstdDecompressor(CodecState state, CodecLimits limits) {
        super(RawFrame.class);
        this.state = state;
        this.limits = limits;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, RawFrame frame, List<Object> out) {
        PacketRegistry registry = state.inbound();
        if (!registry.isCompressed(frame.packetId()) || !frame.content().isReadable()) {
            out.add(frame.retain());
            return;
        }
        int max = Math.min(registry.maxPayloadSize(frame.packetId()), limits.maxDecompressedLength());
        out.add(new RawFrame(frame.packetId(), ZstdPayloads.decompress(ctx.alloc(), frame.content(), max)));
    }
}
