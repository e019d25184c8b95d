package io.gatehouse.gateway.fivem.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.gateway.fivem.config.FivemProperties;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslHandler;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import reactor.netty.NettyPipeline;

/** The pure pieces of the FiveM HTTP transport, without sockets. */
class FivemHttpUnitTest {

    @Test
    void ipRangesMatchCidrsAndV4MappedAddresses() throws Exception {
        IpRanges ranges = IpRanges.parse(new FivemProperties().getProxyIpRanges());
        assertThat(ranges.contains(InetAddress.getByName("10.1.2.3"))).isTrue();
        assertThat(ranges.contains(InetAddress.getByName("172.31.255.255"))).isTrue();
        assertThat(ranges.contains(InetAddress.getByName("172.32.0.1"))).isFalse();
        assertThat(ranges.contains(InetAddress.getByName("192.168.0.1"))).isTrue();
        assertThat(ranges.contains(InetAddress.getByName("127.9.9.9"))).isTrue();
        assertThat(ranges.contains(InetAddress.getByName("::1"))).isTrue();
        assertThat(ranges.contains(InetAddress.getByName("fd12::1"))).isTrue();
        assertThat(ranges.contains(InetAddress.getByName("2001:db8::1"))).isFalse();
        assertThat(ranges.contains(InetAddress.getByName("8.8.8.8"))).isFalse();
        // What a dual-stack socket reports for an IPv4 peer.
        assertThat(ranges.contains(InetAddress.getByAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, 10, 0, 0, 1})))
                .isTrue();
        assertThat(IpRanges.parse(List.of("203.0.113.7")).contains(InetAddress.getByName("203.0.113.7"))).isTrue();
        assertThatThrownBy(() -> IpRanges.parse(List.of("10.0.0.0/33"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IpRanges.parse(List.of("example.com/8"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void realIpLiteralsAreNeverResolved() {
        assertThat(IpRanges.parseLiteral("198.51.100.1")).isNotNull();
        assertThat(IpRanges.parseLiteral("[2001:db8::5]")).isNotNull();
        assertThat(IpRanges.parseLiteral("localhost")).isNull();
        assertThat(IpRanges.parseLiteral("1.2.3")).isNull();
        assertThat(IpRanges.parseLiteral("300.1.1.1")).isNull();
        assertThat(IpRanges.parseLiteral("")).isNull();
        assertThat(IpRanges.parseLiteral(null)).isNull();
    }

    @Test
    void formDataDecodesLikeFxServer() {
        var form = FivemFormData.decode("method=initConnect&name=A+b%20c&bad=%zz%4&empty=&flag&name=second"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(form).containsEntry("method", "initConnect")
                .containsEntry("name", "A b c")
                .containsEntry("bad", "%zz%4")
                .containsEntry("empty", "")
                .containsEntry("flag", "");
        assertThat(FivemFormData.decode(new byte[0])).isEmpty();
        assertThat(FivemFormData.decode("&&=x".getBytes(StandardCharsets.UTF_8))).containsEntry("", "x");
    }

    @Test
    void rateLimiterBurstRefillAndCooldown() {
        AtomicLong now = new AtomicLong(1_000_000_000L);
        FivemRateLimiter limiter = new FivemRateLimiter(new FivemProperties().getRateLimiters(), 100, now::get, false);
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.consume("http_info", "a")).isEqualTo(FivemRateLimiter.Decision.ALLOWED);
        }
        assertThat(limiter.consume("http_info", "a")).isEqualTo(FivemRateLimiter.Decision.LIMITED);
        assertThat(limiter.consume("http_info", "b")).as("per source").isEqualTo(FivemRateLimiter.Decision.ALLOWED);
        assertThat(limiter.consume("http_players", "a")).as("per limiter").isEqualTo(FivemRateLimiter.Decision.ALLOWED);

        now.addAndGet(250_000_000L); // 4/s: one token back
        assertThat(limiter.consume("http_info", "a")).isEqualTo(FivemRateLimiter.Decision.ALLOWED);

        // Keep hammering: the 1.5x cooldown bucket (burst 15) runs dry, then the source is cut off for 15 s.
        FivemRateLimiter.Decision last = null;
        for (int i = 0; i < 20; i++) {
            last = limiter.consume("http_info", "a");
        }
        assertThat(last).isEqualTo(FivemRateLimiter.Decision.COOLDOWN);
        now.addAndGet(14_000_000_000L);
        assertThat(limiter.consume("http_info", "a")).isEqualTo(FivemRateLimiter.Decision.COOLDOWN);
        now.addAndGet(2_000_000_000L);
        assertThat(limiter.consume("http_info", "a")).isEqualTo(FivemRateLimiter.Decision.ALLOWED);

        now.addAndGet(60_000_000_000L);
        limiter.sweep();
        assertThat(limiter.trackedSources("http_info")).as("idle sources forgotten").isZero();
        assertThat(limiter.consume("no_such_limiter", "a")).isEqualTo(FivemRateLimiter.Decision.ALLOWED);
    }

    @Test
    void rateLimiterFailsOpenWhenItsTableIsFull() {
        AtomicLong now = new AtomicLong();
        FivemRateLimiter limiter = new FivemRateLimiter(new FivemProperties().getRateLimiters(), 2, now::get, false);
        limiter.consume("http_info", "a");
        limiter.consume("http_info", "b");
        for (int i = 0; i < 30; i++) {
            assertThat(limiter.consume("http_info", "c")).isEqualTo(FivemRateLimiter.Decision.ALLOWED);
        }
        assertThat(limiter.trackedSources("http_info")).isEqualTo(2);
    }

    @Test
    void connectionLimiterCountsPerAddressAndExemptsLoopbackAndProxies() throws Exception {
        TcpConnectionLimiter limiter = new TcpConnectionLimiter(2, IpRanges.parse(List.of("10.0.0.0/8")));
        InetAddress player = InetAddress.getByName("203.0.113.1");
        assertThat(limiter.tryAcquire(player)).isTrue();
        assertThat(limiter.tryAcquire(player)).isTrue();
        assertThat(limiter.tryAcquire(player)).isFalse();
        limiter.release(player);
        assertThat(limiter.tryAcquire(player)).isTrue();
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.tryAcquire(InetAddress.getByName("10.0.0.1"))).isTrue();
            assertThat(limiter.tryAcquire(InetAddress.getLoopbackAddress())).isTrue();
        }
    }

    @Test
    void snifferFollowsFxServersRule() throws Exception {
        var tls = FivemTlsMaterial.generate().serverContext();

        EmbeddedChannel plain = snifferChannel(tls);
        plain.writeInbound(bytes("GET /"));
        assertThat(plain.pipeline().get(TlsSniffer.NAME)).as("waits for six bytes").isNotNull();
        plain.writeInbound(bytes("info.json HTTP/1.1\r\n"));
        assertThat(plain.pipeline().get(TlsSniffer.NAME)).isNull();
        assertThat(plain.pipeline().get(SslHandler.class)).isNull();
        ByteBuf passed = plain.readInbound();
        assertThat(passed.toString(StandardCharsets.US_ASCII)).isEqualTo("GET /info.json HTTP/1.1\r\n");
        passed.release();
        plain.finishAndReleaseAll();

        EmbeddedChannel hello = snifferChannel(tls);
        hello.writeInbound(Unpooled.wrappedBuffer(realClientHello()));
        assertThat(hello.pipeline().get(TlsSniffer.NAME)).isNull();
        assertThat(hello.pipeline().get(NettyPipeline.SslHandler)).isInstanceOf(SslHandler.class);
        ByteBuf serverHello = hello.readOutbound();
        assertThat(serverHello).as("the SslHandler got the buffered hello and answered it").isNotNull();
        assertThat(serverHello.getUnsignedByte(0)).isEqualTo((short) 0x16);
        serverHello.release();
        hello.finishAndReleaseAll();

        // A handshake record that is not a ClientHello (bytes[5] != 1) is not TLS by FXServer's rule.
        EmbeddedChannel other = snifferChannel(tls);
        other.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x16, 0x03, 0x01, 0x00, 0x05, 0x02}));
        assertThat(other.pipeline().get(SslHandler.class)).isNull();
        other.finishAndReleaseAll();
    }

    private static EmbeddedChannel snifferChannel(io.netty.handler.ssl.SslContext tls) {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.pipeline().addLast(TlsSniffer.NAME, new TlsSniffer(tls, Duration.ofSeconds(5)));
        channel.pipeline().addLast(new ChannelInboundHandlerAdapter());
        return channel;
    }

    /** The first TLS record of a real JDK client handshake. */
    private static byte[] realClientHello() throws Exception {
        javax.net.ssl.SSLEngine client = javax.net.ssl.SSLContext.getDefault().createSSLEngine("localhost", 30120);
        client.setUseClientMode(true);
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(client.getSession().getPacketBufferSize());
        client.wrap(java.nio.ByteBuffer.allocate(0), out);
        out.flip();
        byte[] bytes = new byte[out.remaining()];
        out.get(bytes);
        return bytes;
    }

    private static ByteBuf bytes(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }
}
