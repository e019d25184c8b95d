package io.gatehouse.gateway.hytale.transport;

import io.netty.handler.codec.quic.QuicStreamChannel;

/**
 * Installs the Hytale pipeline (framing codec, state handlers) on the client's bidirectional stream.
 *
 * <p>Called on the stream's event loop, once per connection, for the single client-initiated bidirectional stream
 * (QUIC stream 0). The transport has already checked the client certificate, recorded ALPN, SNI and fingerprint in
 * {@code connection}, and refuses any further stream. Must not block.
 *
 * <p>After this returns the transport appends {@link #EXCEPTION_SINK} at the tail of the stream pipeline; a handler
 * added later must go before it ({@code pipeline.addBefore(EXCEPTION_SINK, ...)}), and swapping a handler in place
 * ({@code pipeline.replace}) is fine. Server-initiated streams (build 20's Chunks/WorldMap unidirectional streams)
 * are opened by the protocol layer itself with {@code connection.channel().createStream(...)}; they do not pass
 * through here.
 */
@FunctionalInterface
public interface HytaleStreamInitializer {

    /** Name of the transport's last handler on every accepted stream. */
    String EXCEPTION_SINK = "hytale-stream-exceptions";

    void initStream(QuicStreamChannel stream, HytaleConnectionContext connection);
}
