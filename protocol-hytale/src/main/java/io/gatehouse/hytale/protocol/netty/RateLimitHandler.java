package io.gatehouse.hytale.protocol.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.util.function.LongSupplier;

/**
 * Per-stream token bucket on inbound frames ({@code server/core/io/netty/RateLimitHandler.java}, defaults from
 * {@code RateLimitConfig}: burst 500, 2000 packets/s). When the bucket is empty the frame is dropped and
 * {@link RateLimitExceeded} is fired once; everything after that is dropped too, since the connection is closing.
 * Sits right after the frame decoder so a flood costs neither inflation nor decoding.
 */
public final class RateLimitHandler extends ChannelInboundHandlerAdapter {

    public static final int DEFAULT_BURST = 500;
    public static final int DEFAULT_PACKETS_PER_SECOND = 2000;

    private final double burst;
    private final double tokensPerNano;
    private final LongSupplier nanoClock;
    private double tokens;
    private long lastRefill;
    private boolean exceeded;

    public RateLimitHandler() {
        this(DEFAULT_BURST, DEFAULT_PACKETS_PER_SECOND, System::nanoTime);
    }

    public RateLimitHandler(int burst, int packetsPerSecond, LongSupplier nanoClock) {
        if (burst < 1 || packetsPerSecond < 1) {
            throw new IllegalArgumentException("burst and rate must be positive");
        }
        this.burst = burst;
        this.tokensPerNano = packetsPerSecond / 1e9;
        this.nanoClock = nanoClock;
        this.tokens = burst;
        this.lastRefill = nanoClock.getAsLong();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (exceeded) {
            ReferenceCountUtil.release(msg);
            return;
        }
        long now = nanoClock.getAsLong();
        tokens = Math.min(burst, tokens + (now - lastRefill) * tokensPerNano);
        lastRefill = now;
        if (tokens >= 1) {
            tokens -= 1;
            ctx.fireChannelRead(msg);
            return;
        }
        ReferenceCountUtil.release(msg);
        exceeded = true;
        ctx.fireUserEventTriggered(RateLimitExceeded.INSTANCE);
    }

    public boolean isExceeded() {
        return exceeded;
    }
}
