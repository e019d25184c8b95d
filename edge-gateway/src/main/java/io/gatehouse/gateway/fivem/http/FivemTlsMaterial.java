package io.gatehouse.gateway.fivem.http;

import io.gatehouse.gateway.fivem.config.FivemProperties;
import io.gatehouse.gateway.tls.CertifiedKey;
import io.gatehouse.gateway.tls.ServerCertificates;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLException;

/**
 * The certificate of TLS connections on the FiveM port. Like FXServer ({@code net-tcp-server/src/TLSServer.cpp}) it
 * is a self-signed RSA 2048 certificate with CN {@value #COMMON_NAME}, kept in {@code server-tls.crt}/
 * {@code server-tls.key} under {@code ${gatehouse.data-dir}/fivem}; the FiveM client does not verify it.
 * Operator-supplied PEM files take precedence. Generating, loading and persisting are {@link ServerCertificates}'.
 */
public final class FivemTlsMaterial {

    public static final String COMMON_NAME = "do-not-trust.citizenfx.tls.invalid";
    static final String CERT_FILE = "server-tls.crt";
    static final String KEY_FILE = "server-tls.key";

    private final CertifiedKey key;

    private FivemTlsMaterial(CertifiedKey key) {
        this.key = key;
    }

    /** The configured files, else the persisted generated pair under {@code dataDir/fivem}, else a new one. */
    public static FivemTlsMaterial load(FivemProperties.Tls tls, Path dataDir) {
        if (tls.getCertificate() != null || tls.getPrivateKey() != null) {
            if (tls.getCertificate() == null || tls.getPrivateKey() == null) {
                throw new IllegalStateException(
                        "gatehouse.fivem.tls.certificate and gatehouse.fivem.tls.private-key go together");
            }
            return new FivemTlsMaterial(ServerCertificates.loadPem(tls.getCertificate(), tls.getPrivateKey()));
        }
        Path dir = dataDir.resolve("fivem");
        return new FivemTlsMaterial(ServerCertificates.loadOrGenerate("FiveM TLS certificate",
                dir.resolve(CERT_FILE), dir.resolve(KEY_FILE), COMMON_NAME, ServerCertificates.KeyAlgorithm.RSA_2048));
    }

    /** A fresh certificate, not persisted (tests). */
    static FivemTlsMaterial generate() {
        return new FivemTlsMaterial(
                ServerCertificates.generateServerCertificate(COMMON_NAME, ServerCertificates.KeyAlgorithm.RSA_2048));
    }

    public X509Certificate certificate() {
        return key.certificate();
    }

    /**
     * A server context offering only {@code http/1.1} over ALPN. FXServer also offers {@code h2} when
     * {@code sv_netHttp2} is set; the client falls back to HTTP/1.1 when it is not offered.
     */
    public SslContext serverContext() {
        try {
            return SslContextBuilder.forServer(key.privateKey(), key.chain())
                    .sslProvider(SslProvider.JDK)
                    .applicationProtocolConfig(new ApplicationProtocolConfig(
                            ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                            ApplicationProtocolNames.HTTP_1_1))
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("FiveM TLS context could not be built", e);
        }
    }
}
