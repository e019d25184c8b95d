package io.gatehouse.hytale.protocol.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** {@link RawFrame} → {@code u32 LE payloadLength | u32 LE packetId | payload}. */
@ChannelHandler.Sharable
public final class FrameEncoder extends MessageToByteEncoder<RawFrame> {

    public static final FrameEncoder INSTANCE = new FrameEncoder();

    private FrameEncoder() {
        super(RawFrame.class);
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, RawFrame msg, boolean preferDirect) {
        int size = 8 + msg.content().readableBytes();
        return preferDirect ? ctx.alloc().ioBuffer(size) : ctx.alloc().heapBuffer(size);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, RawFrame msg, ByteBuf out) {
        ByteBuf payload = msg.content();
        out.writeIntLE(payload.readableBytes());
        out.writeIntLE(msg.packetId());
        out.writeBytes(payload, payload.readerIndex(), payload.readableBytes());
    }
}
