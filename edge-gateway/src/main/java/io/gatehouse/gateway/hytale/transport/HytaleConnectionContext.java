package io.gatehouse.gateway.hytale.transport;

import io.gatehouse.gateway.tls.CertificateFingerprints;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;

/**
 * What the transport knows about one Hytale QUIC connection once its TLS handshake is done. Stored on the
 * {@link QuicChannel} under {@link #ATTRIBUTE} and handed to {@link HytaleStreamInitializer}.
 *
 * <p>Immutable except for the stream count, which only the connection's event loop touches.
 */
public final class HytaleConnectionContext {

    /** Where the context lives on the connection channel ({@code quicChannel.attr(ATTRIBUTE).get()}). */
    public static final AttributeKey<HytaleConnectionContext> ATTRIBUTE =
            AttributeKey.valueOf(HytaleConnectionContext.class, "context");

    private final QuicChannel channel;
    private final String alpn;
    private final int protocolVersion;
    private final String sni;
    private final InetSocketAddress remoteAddress;
    private final X509Certificate clientCertificate;
    private final String clientCertificateFingerprint;
    private final Instant establishedAt;
    private volatile int acceptedBidiStreams;

    HytaleConnectionContext(QuicChannel channel, String alpn, String sni, InetSocketAddress remoteAddress,
            X509Certificate clientCertificate, Instant establishedAt) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.alpn = Objects.requireNonNull(alpn, "alpn");
        this.protocolVersion = protocolVersionOf(alpn);
        this.sni = sni;
        this.remoteAddress = remoteAddress;
        this.clientCertificate = Objects.requireNonNull(clientCertificate, "clientCertificate");
        this.clientCertificateFingerprint = CertificateFingerprints.sha256Fingerprint(clientCertificate);
        this.establishedAt = establishedAt;
    }

    /**
     * {@code hytale/N} → N (1, 2, 3 ...); -1 for anything else. The protocol layer decides what a version means
     * (the official v2 server answers v1 with Disconnect + close code 5).
     */
    public static int protocolVersionOf(String alpn) {
        if (alpn == null || !alpn.startsWith("hytale/")) {
            return -1;
        }
        try {
            return Integer.parseInt(alpn.substring("hytale/".length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The QUIC connection; open server-initiated streams with {@code channel().createStream(...)}. */
    public QuicChannel channel() {
        return channel;
    }

    /** The connection's event loop: async results hop back here before touching the connection. */
    public EventLoop eventLoop() {
        return channel.eventLoop();
    }

    /** Negotiated ALPN, e.g. {@code hytale/2}. */
    public String alpn() {
        return alpn;
    }

    /** Protocol version from the ALPN: 2 for {@code hytale/2}, 1 for {@code hytale/1}. */
    public int protocolVersion() {
        return protocolVersion;
    }

    /** TLS server name the client asked for (the host the player typed); null if none was sent. */
    public String sni() {
        return sni;
    }

    /** The client's UDP address at handshake time (active migration is disabled, so it stays put). */
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    /** The client's TLS certificate (self-signed; an identity, not a trust anchor). */
    public X509Certificate clientCertificate() {
        return clientCertificate;
    }

    /**
     * base64url (no padding) SHA-256 of the client certificate: compared with the access token's
     * {@code cnf."x5t#S256"} (§7.5).
     */
    public String clientCertificateFingerprint() {
        return clientCertificateFingerprint;
    }

    public Instant establishedAt() {
        return establishedAt;
    }

    /** Client bidirectional streams handed to the initializer so far (0 or 1). */
    public int acceptedBidiStreams() {
        return acceptedBidiStreams;
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    /** Application close with a Hytale code (see {@link HytaleCloseCodes}) and reason phrase. */
    public ChannelFuture closeApplication(int code, String reason) {
        return HytaleCloseCodes.closeApplication(channel, code, reason);
    }

    /** Transport close PROTOCOL_VIOLATION (framing errors, unexpected packets before Connect). */
    public ChannelFuture closeProtocolViolation() {
        return HytaleCloseCodes.closeProtocolViolation(channel);
    }

    /** Event loop only. True for the first client bidirectional stream, false for any further one. */
    boolean tryAcceptBidiStream() {
        if (acceptedBidiStreams > 0) {
            return false;
        }
        acceptedBidiStreams = 1;
        return true;
    }

    @Override
    public String toString() {
        return "HytaleConnection[" + remoteAddress + ", " + alpn + ", sni=" + sni + ", cert="
                + clientCertificateFingerprint + "]";
    }
}
