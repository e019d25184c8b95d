package io.gatehouse.bot.hytale;

import io.gatehouse.hytale.protocol.packet.Packet;
import io.gatehouse.hytale.protocol.registry.ProtocolVersion;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import tech.kwik.core.ConnectionListener;
import tech.kwik.core.ConnectionTerminatedEvent;
import tech.kwik.core.QuicClientConnection;
import tech.kwik.core.QuicStream;

/**
 * One QUIC connection to a Hytale server over Kwik 0.10.8 (its own TLS stack), with the client certificate, the
 * ALPN of the chosen protocol version and the single bidirectional stream framed by {@link FrameIO}. Remembers how
 * the server closed the connection.
 */
public final class HytaleBotConnection implements AutoCloseable {

    /** How the connection ended: application or transport code, as the peer sent it. */
    public record Termination(boolean closedByPeer, Long applicationCode, Long transportCode, String reason) {
    }

    private final QuicClientConnection connection;
    private final QuicStream stream;
    private final FrameIO frames;
    private final CompletableFuture<Termination> terminated;

    private HytaleBotConnection(QuicClientConnection connection, QuicStream stream, FrameIO frames,
            CompletableFuture<Termination> terminated) {
        this.connection = connection;
        this.stream = stream;
        this.frames = frames;
        this.terminated = terminated;
    }

    /**
     * Connects and opens the stream. Retries only failures of the QUIC handshake itself (Kwik's races), never what
     * the server answers on the stream.
     */
    public static HytaleBotConnection open(String host, int port, int protocol, BotCertificates.ClientIdentity identity,
            int attempts) throws IOException {
        IOException last = null;
        for (int attempt = 1; attempt <= Math.max(1, attempts); attempt++) {
            CompletableFuture<Termination> terminated = new CompletableFuture<>();
            QuicClientConnection connection = QuicClientConnection.newBuilder()
                    .uri(URI.create("https://" + host + ":" + port))
                    .applicationProtocol("hytale/" + protocol)
                    .noServerCertificateCheck()
                    .clientCertificate(identity.certificate())
                    .clientCertificateKey(identity.privateKey())
                    .connectTimeout(Duration.ofSeconds(5))
                    .maxIdleTimeout(Duration.ofSeconds(60))
                    .build();
            connection.setConnectionListener(new ConnectionListener() {
                @Override
                public void disconnected(ConnectionTerminatedEvent event) {
                    terminated.complete(new Termination(event.closedByPeer(), event.applicationErrorCode(),
                            event.transportErrorCode(), event.errorDescription()));
                }
            });
            try {
                connection.connect();
            } catch (IOException e) {
                last = e;
                connection.close();
                continue;
            }
            QuicStream stream = connection.createStream(true);
            ProtocolVersion version = protocol == 1 ? ProtocolVersion.V1 : ProtocolVersion.V2;
            return new HytaleBotConnection(connection, stream,
                    new FrameIO(stream.getInputStream(), stream.getOutputStream(), version), terminated);
        }
        throw last;
    }

    public void send(Packet packet) throws IOException {
        frames.write(packet);
    }

    public void sendRaw(byte[] bytes) throws IOException {
        frames.writeRaw(bytes);
    }

    public Packet read() throws IOException {
        return frames.read();
    }

    /** How the server ended the connection, waiting up to {@code wait}; null if it is still open. */
    public Termination termination(Duration wait) {
        try {
            return terminated.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            return null;
        }
    }

    public boolean isTerminated() {
        return terminated.isDone();
    }

    @Override
    public void close() {
        connection.close();
    }
}
