package io.gatehouse.hytale.protocol.netty;

import io.gatehouse.hytale.protocol.ProtocolConstants;
import io.gatehouse.hytale.protocol.ProtocolException;
import io.gatehouse.hytale.protocol.registry.PacketRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * {@code u32 LE payloadLength | u32 LE packetId | payload} → {@link RawFrame}. The declared length is checked against
 * the packet's max size (from the inbound registry) and {@link CodecLimits#maxFrameLength()} as soon as the 8-byte
 * header is in, before any payload is buffered. Partial frames wait for more bytes; merged frames are split.
 * After a rejected header the decoder discards everything else it receives.
 */
public final class FrameDecoder extends ByteToMessageDecoder {

    private final CodecState state;
    private final CodecLimits limits;
    private boolean failed;

    public FrameDecoder(CodecState state, CodecLimits limits) {
        this.state = state;
        this.limits = limits;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            // framing is lost after a bad header: nothing that follows can be trusted, the stream is being closed
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < ProtocolConstants.FRAME_HEADER_SIZE) {
            return;
        }
        int start = in.readerIndex();
        long length = in.getUnsignedIntLE(start);
        int packetId = in.getIntLE(start + 4);
        PacketRegistry registry = state.inbound();
        if (length > limits.maxFrameLength() || length > ProtocolConstants.MAX_PACKET_SIZE) {
            fail(in);
            throw new ProtocolException("Frame of packet " + packetId + " declares " + length
                    + " bytes, above the limit " + Math.min(limits.maxFrameLength(), ProtocolConstants.MAX_PACKET_SIZE));
        }
        int max = registry.maxPayloadSize(packetId);
        if (length > max) {
            fail(in);
            throw new ProtocolException("Frame of packet " + packetId + " declares " + length
                    + " bytes, above its max size " + max);
        }
        if (in.readableBytes() - ProtocolConstants.FRAME_HEADER_SIZE < length) {
            return;
        }
        in.skipBytes(ProtocolConstants.FRAME_HEADER_SIZE);
        out.add(new RawFrame(packetId, in.readRetainedSlice((int) length)));
    }

    private void fail(ByteBuf in) {
        failed = true;
        in.skipBytes(in.readableBytes());
    }
}
