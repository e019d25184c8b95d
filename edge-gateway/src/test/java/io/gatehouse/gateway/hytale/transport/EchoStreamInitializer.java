package io.gatehouse.gateway.hytale.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownReadComplete;
import io.netty.handler.codec.quic.QuicStreamChannel;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Test-only initializer: echoes the stream and remembers each connection's context and stream. */
final class EchoStreamInitializer implements HytaleStreamInitializer {

    /** Keyed by the client's UDP port, which tells test connections apart. */
    final Map<Integer, HytaleConnectionContext> contexts = new ConcurrentHashMap<>();
    final Map<Integer, QuicStreamChannel> streams = new ConcurrentHashMap<>();
    final Map<Integer, AtomicInteger> calls = new ConcurrentHashMap<>();

    @Override
    public void initStream(QuicStreamChannel stream, HytaleConnectionContext connection) {
        int port = connection.remoteAddress().getPort();
        calls.computeIfAbsent(port, p -> new AtomicInteger()).incrementAndGet();
        contexts.put(port, connection);
        streams.put(port, stream);
        // Keep the write side open after the client's FIN so the echo can finish, then FIN back.
        stream.config().setAllowHalfClosure(true);
        stream.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ctx.write(msg);
            }

            @Override
            public void channelReadComplete(ChannelHandlerContext ctx) {
                ctx.flush();
            }

            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                if (evt instanceof ChannelInputShutdownReadComplete) {
                    ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(QuicStreamChannel.SHUTDOWN_OUTPUT);
                }
                ctx.fireUserEventTriggered(evt);
            }
        });
    }

    HytaleConnectionContext awaitContext(int clientPort, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            HytaleConnectionContext context = contexts.get(clientPort);
            if (context != null) {
                return context;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no Hytale stream from client port " + clientPort + " within " + timeout);
    }

    int callsFor(int clientPort) {
        AtomicInteger count = calls.get(clientPort);
        return count == null ? 0 : count.get();
    }
}
