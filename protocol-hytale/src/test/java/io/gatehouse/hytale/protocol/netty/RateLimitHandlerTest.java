package io.gatehouse.hytale.protocol.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.hytale.protocol.ApplicationCloseCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimitHandlerTest {

    final AtomicLong now = new AtomicLong();
    final List<Object> events = new ArrayList<>();
    final EmbeddedChannel channel = new EmbeddedChannel(
            new RateLimitHandler(RateLimitHandler.DEFAULT_BURST, RateLimitHandler.DEFAULT_PACKETS_PER_SECOND, now::get),
            new ChannelInboundHandlerAdapter() {
                @Override
                public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                    events.add(evt);
                }
            });

    @Test
    void burstOf500PassesThenTheStreamIsMarkedRateLimited() {
        for (int i = 0; i < 500; i++) {
            channel.writeInbound(frame());
        }
        assertThat(channel.inboundMessages()).hasSize(500);
        assertThat(events).isEmpty();

        ByteBuf dropped = frame().content();
        channel.writeInbound(new RawFrame(3, dropped));
        channel.writeInbound(frame());
        assertThat(dropped.refCnt()).isZero();
        assertThat(channel.inboundMessages()).hasSize(500);
        assertThat(events).containsExactly(RateLimitExceeded.INSTANCE);
        assertThat(RateLimitExceeded.INSTANCE.closeCode()).isEqualTo(ApplicationCloseCode.RATE_LIMITED);
        assertThat(RateLimitExceeded.INSTANCE.closeCode().code()).isEqualTo(1);
        channel.finishAndReleaseAll();
    }

    @Test
    void tokensRefillAt2000PerSecond() {
        for (int i = 0; i < 500; i++) {
            channel.writeInbound(frame());
        }
        now.addAndGet(1_000_000); // 1 ms = 2 tokens
        channel.writeInbound(frame());
        channel.writeInbound(frame());
        assertThat(events).isEmpty();
        channel.writeInbound(frame());
        assertThat(events).hasSize(1);
        assertThat(channel.inboundMessages()).hasSize(502);
        channel.finishAndReleaseAll();
    }

    static RawFrame frame() {
        return new RawFrame(3, Unpooled.buffer(1).writeByte(0));
    }
}
