package io.gatehouse.gateway.fivem.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderResultProvider;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import reactor.netty.NettyPipeline;

/**
 * Closes connections whose request headers do not arrive in time (slow loris). The clock starts at accept (and
 * covers TLS detection and handshake) and again when a response ends; it stops when the next request's headers are
 * decoded. Once a response has ended, the deadline only bites if bytes arrive: a silent kept-alive connection is the
 * idle timeout's business. Requests the codec could not decode close the connection. Two handlers share the state: one before the HTTP codec sees raw reads, one after it sees
 * decoded requests and outgoing response ends. Everything runs on the channel's event loop.
 */
final class RequestDeadline {

    static final String RAW_NAME = "gatehouse.fivem.rawReads";
    static final String DECODED_NAME = "gatehouse.fivem.requestDeadline";

    private final Channel channel;
    private final long timeoutNanos;
    private ScheduledFuture<?> timer;
    private boolean closeEvenIfSilent;
    private boolean bytesSinceArmed;
    private int requestsInFlight;

    private RequestDeadline(Channel channel, Duration timeout) {
        this.channel = channel;
        this.timeoutNanos = timeout.toNanos();
    }

    /** Installs both handlers around reactor-netty's HTTP codec and starts the accept-time deadline. */
    static void install(Channel channel, Duration timeout) {
        ChannelPipeline pipeline = channel.pipeline();
        if (pipeline.get(NettyPipeline.HttpCodec) == null) {
            // Fail loudly (the connection is refused) rather than serve without these defences.
            throw new IllegalStateException("No HTTP/1.1 codec in the FiveM port's pipeline: " + pipeline.names());
        }
        RequestDeadline deadline = new RequestDeadline(channel, timeout);
        pipeline.addBefore(NettyPipeline.HttpCodec, RAW_NAME, deadline.new RawReads());
        pipeline.addAfter(NettyPipeline.HttpCodec, DECODED_NAME, deadline.new Decoded());
        deadline.arm(true);
        channel.closeFuture().addListener(f -> deadline.disarm());
    }

    private void arm(boolean strict) {
        disarm();
        if (timeoutNanos <= 0) {
            return; // deadline switched off
        }
        closeEvenIfSilent = strict;
        bytesSinceArmed = false;
        timer = channel.eventLoop().schedule(this::expire, timeoutNanos, TimeUnit.NANOSECONDS);
    }

    private void disarm() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void expire() {
        timer = null;
        if (closeEvenIfSilent || bytesSinceArmed) {
            channel.close();
        }
    }

    private final class RawReads extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (timer != null) {
                bytesSinceArmed = true;
            }
            ctx.fireChannelRead(msg);
        }
    }

    private final class Decoded extends ChannelDuplexHandler {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof DecoderResultProvider decoded && decoded.decoderResult().isFailure()) {
                // Not HTTP (or broken HTTP): close quietly, as FXServer's multiplexer does, instead of letting
                // reactor-netty log a warning per bad request, which would let anyone flood the logs.
                ReferenceCountUtil.release(msg);
                ctx.close();
                return;
            }
            if (msg instanceof HttpRequest) {
                requestsInFlight++;
                disarm();
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            boolean interim = msg instanceof HttpResponse response
                    && response.status().codeClass() == HttpStatusClass.INFORMATIONAL; // 100 Continue
            if (msg instanceof LastHttpContent && !interim && requestsInFlight > 0 && --requestsInFlight == 0) {
                arm(false);
            }
            ctx.write(msg, promise);
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            disarm();
        }
    }
}
