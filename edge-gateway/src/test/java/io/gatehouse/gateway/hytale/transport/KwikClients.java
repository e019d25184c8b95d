package io.gatehouse.gateway.hytale.transport;

import io.gatehouse.gateway.tls.CertifiedKey;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tech.kwik.core.QuicClientConnection;
import tech.kwik.core.QuicStream;
import tech.kwik.core.impl.QuicClientConnectionImpl;
import tech.kwik.core.impl.TransportParameters;
import tech.kwik.core.stream.StreamManager;

/** Kwik 0.10.8 as an independent QUIC client (its own TLS stack, agent15) for the listener tests. */
final class KwikClients {

    /** Kwik loses 1–4 % of connects to internal races (toolchain.md); expected-to-succeed connects retry. */
    static final int ATTEMPTS = 3;

    private KwikClients() {
    }

    static QuicClientConnection.Builder builder(int port, String alpn, CertifiedKey clientCertificate) {
        QuicClientConnection.Builder builder = QuicClientConnection.newBuilder()
                .uri(URI.create("https://localhost:" + port))
                .preferIPv4()
                .applicationProtocol(alpn)
                .noServerCertificateCheck()
                .connectTimeout(Duration.ofSeconds(3));
        if (clientCertificate != null) {
            builder.clientCertificate(clientCertificate.certificate())
                    .clientCertificateKey(clientCertificate.privateKey());
        }
        return builder;
    }

    /** A connect that should succeed, retried against Kwik's own races. */
    static QuicClientConnection connect(int port, String alpn, CertifiedKey clientCertificate) throws IOException {
        IOException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            QuicClientConnection connection = builder(port, alpn, clientCertificate).build();
            try {
                connection.connect();
                return connection;
            } catch (IOException e) {
                last = e;
                connection.close();
            }
        }
        throw last;
    }

    /** A connect expected to fail: one attempt, the outcome returned rather than thrown. */
    static IOException connectExpectingFailure(int port, String alpn, CertifiedKey clientCertificate)
            throws IOException {
        QuicClientConnection connection = builder(port, alpn, clientCertificate).build();
        try {
            connection.connect();
        } catch (IOException e) {
            return e;
        } finally {
            connection.close();
        }
        return null;
    }

    static TransportParameters serverTransportParameters(QuicClientConnection connection) {
        return ((QuicClientConnectionImpl) connection).getPeerTransportParameters();
    }

    static byte[] serverConnectionId(QuicClientConnection connection) {
        return ((QuicClientConnectionImpl) connection).getDestinationConnectionId();
    }

    /** Kwik's public createStream waits for stream credit for 10 000 days; this one gives up. */
    static QuicStream createBidiStream(QuicClientConnection connection, Duration wait) throws TimeoutException {
        try {
            Method method = findMethod(connection.getClass(), "getStreamManager");
            method.setAccessible(true);
            StreamManager manager = (StreamManager) method.invoke(connection);
            return manager.createStream(true, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Kwik internals changed", e);
        }
    }

    private static Method findMethod(Class<?> type, String name) throws NoSuchMethodException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                return c.getDeclaredMethod(name);
            } catch (NoSuchMethodException ignored) {
                // keep looking upwards
            }
        }
        throw new NoSuchMethodException(name);
    }
}
