package io.gatehouse.gateway.fivem.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.time.Duration;
import java.util.List;
import reactor.netty.NettyPipeline;

/**
 * First handler of every accepted connection on the FiveM port: plain HTTP and TLS share it. After the first six
 * bytes it applies FXServer's test ({@code HttpServerManager.cpp}: {@code bytes[0] == 0x16 && bytes[5] == 1}, a TLS
 * handshake record carrying a ClientHello) and either puts an {@link SslHandler} in its own place or leaves, letting
 * the bytes on to the HTTP codec (which answers anything that is not HTTP with 400 and a close).
 */
final class TlsSniffer extends ByteToMessageDecoder {

    static final String NAME = "gatehouse.fivem.tlsSniffer";
    private static final int SNIFF_BYTES = 6;

    private final SslContext sslContext;
    private final Duration handshakeTimeout;

    TlsSniffer(SslContext sslContext, Duration handshakeTimeout) {
        this.sslContext = sslContext;
        this.handshakeTimeout = handshakeTimeout;
    }

    static boolean looksLikeClientHello(ByteBuf in) {
        int at = in.readerIndex();
        return in.getUnsignedByte(at) == 0x16 && in.getUnsignedByte(at + 5) == 1;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < SNIFF_BYTES) {
            return; // the request deadline closes a connection that never sends six bytes
        }
        if (looksLikeClientHello(in)) {
            SslHandler ssl = sslContext.newHandler(ctx.alloc());
            ssl.setHandshakeTimeoutMillis(handshakeTimeout.toMillis());
            // replace() hands the bytes read so far to the SslHandler (ByteToMessageDecoder forwards its cumulation).
            ctx.pipeline().replace(this, NettyPipeline.SslHandler, ssl);
        } else {
            ctx.pipeline().remove(this);
        }
    }
}
