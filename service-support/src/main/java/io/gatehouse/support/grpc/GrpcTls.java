package io.gatehouse.support.grpc;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Builds the SSL contexts of {@code gatehouse.grpc.tls.*}; a misconfiguration fails at startup, loudly. */
final class GrpcTls {

    private GrpcTls() {
    }

    static SslContext server(GrpcServerProperties.Tls tls) {
        try {
            SslContextBuilder builder = SslContextBuilder.forServer(file(tls.getCertificate(), "certificate"),
                    file(tls.getPrivateKey(), "private-key"));
            if (tls.getTrustCertificates() != null && !tls.getTrustCertificates().isBlank()) {
                builder.trustManager(file(tls.getTrustCertificates(), "trust-certificates"))
                        .clientAuth(ClientAuth.REQUIRE);
            }
            return GrpcSslContexts.configure(builder).build();
        } catch (IOException e) {
            throw new UncheckedIOException("gatehouse.grpc.tls: cannot build the server context", e);
        }
    }

    static SslContext client(GrpcServerProperties.Tls tls) {
        try {
            SslContextBuilder builder = GrpcSslContexts.forClient();
            if (tls.getTrustCertificates() != null && !tls.getTrustCertificates().isBlank()) {
                builder.trustManager(file(tls.getTrustCertificates(), "trust-certificates"));
            }
            if (tls.getCertificate() != null && !tls.getCertificate().isBlank()) {
                builder.keyManager(file(tls.getCertificate(), "certificate"), file(tls.getPrivateKey(), "private-key"));
            }
            return builder.build();
        } catch (IOException e) {
            throw new UncheckedIOException("gatehouse.grpc.tls: cannot build the client context", e);
        }
    }

    private static File file(String path, String property) {
        if (path == null || path.isBlank()) {
            throw new IllegalStateException("gatehouse.grpc.tls.enabled=true needs gatehouse.grpc.tls." + property);
        }
        File file = new File(path);
        if (!file.canRead()) {
            throw new IllegalStateException("gatehouse.grpc.tls." + property + ": cannot read " + path);
        }
        return file;
    }
}
