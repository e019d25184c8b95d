package io.gatehouse.gateway.fivem.http;

import io.gatehouse.gateway.fivem.config.FivemProperties;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Turns the gateway's reactor-netty server into FXServer's TCP endpoint: per-IP connection limit, plain HTTP and TLS
 * on one port, and deadlines for slow or idle connections.
 *
 * <p>A {@link WebServerFactoryCustomizer} rather than a {@code NettyServerCustomizer} bean on purpose: the
 * management server's child context would pick up the latter from this context and sniff TLS on the admin port.
 */
public class FivemNettyCustomizer implements WebServerFactoryCustomizer<NettyReactiveWebServerFactory>, Ordered {

    private final FivemProperties properties;
    private final TcpConnectionLimiter connectionLimiter;
    private final SslContext sslContext;

    public FivemNettyCustomizer(FivemProperties properties, TcpConnectionLimiter connectionLimiter,
                                SslContext sslContext) {
        this.properties = properties;
        this.connectionLimiter = connectionLimiter;
        this.sslContext = sslContext;
    }

    @Override
    public void customize(NettyReactiveWebServerFactory factory) {
        Duration headerTimeout = properties.getHttp().getRequestHeaderTimeout();
        factory.addServerCustomizers(server -> server
                .idleTimeout(properties.getHttp().getIdleTimeout())
                .doOnChannelInit((observer, channel, remote) -> initChannel(channel, remote, headerTimeout)));
    }

    private void initChannel(Channel channel, SocketAddress remote, Duration headerTimeout) {
        SocketAddress peer = remote != null ? remote : channel.remoteAddress();
        InetAddress address = peer instanceof InetSocketAddress inet ? inet.getAddress() : null;
        if (!connectionLimiter.tryAcquire(address)) {
            channel.close(); // FXServer drops the extra connection without a word
            return;
        }
        channel.closeFuture().addListener(f -> connectionLimiter.release(address));
        channel.pipeline().addFirst(TlsSniffer.NAME, new TlsSniffer(sslContext, headerTimeout));
        RequestDeadline.install(channel, headerTimeout);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE; // after Boot's own customizer, so our idle timeout wins
    }
}
