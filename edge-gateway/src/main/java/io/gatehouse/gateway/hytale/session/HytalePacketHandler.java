package io.gatehouse.gateway.hytale.session;

import io.gatehouse.gateway.hytale.session.HytaleJoinMetrics.FailureReason;
import io.gatehouse.hytale.protocol.netty.RateLimitExceeded;
import io.gatehouse.hytale.protocol.packet.Packet;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last protocol handler of the stream: hands decoded packets to the connection's active state, turns codec
 * failures into the official transport close (PROTOCOL_VIOLATION, no Disconnect) and the rate-limit event into
 * application close 1.
 */
final class HytalePacketHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(HytalePacketHandler.class);

    private final HytaleConnection connection;

    HytalePacketHandler(HytaleConnection connection) {
        this.connection = connection;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Packet packet) {
            connection.received(packet);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof RateLimitExceeded exceeded) {
            connection.fail(FailureReason.RATE_LIMITED);
            connection.closeNow(exceeded.closeCode().code(), "");
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            connection.writable();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        connection.channelClosed();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecoderException) {
            log.debug("Hytale protocol error from {}: {}", connection, cause.getMessage());
            connection.fail(FailureReason.PROTOCOL_ERROR);
            connection.protocolViolation();
            return;
        }
        // Stream resets and I/O errors: the transport's sink closes the connection.
        ctx.fireExceptionCaught(cause);
    }
}
