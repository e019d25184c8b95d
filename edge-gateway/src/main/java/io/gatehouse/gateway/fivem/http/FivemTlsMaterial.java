package io.gatehouse.gateway.fivem.http;

import io.gatehouse.gateway.fivem.config.FivemProperties;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.net.ssl.SSLException;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificate of TLS connections on the FiveM port. Like FXServer ({@code net-tcp-server/src/TLSServer.cpp}) it
 * is self-signed with CN {@value #COMMON_NAME} and kept in {@code server-tls.crt}/{@code server-tls.key}; the FiveM
 * client does not verify it. Operator-supplied PEM files take precedence.
 *
 * <p>A small generator of our own: the shared {@code io.gatehouse.gateway.tls} package was being written alongside.
 */
public final class FivemTlsMaterial {

    public static final String COMMON_NAME = "do-not-trust.citizenfx.tls.invalid";
    static final String CERT_FILE = "server-tls.crt";
    static final String KEY_FILE = "server-tls.key";

    private static final Logger log = LoggerFactory.getLogger(FivemTlsMaterial.class);

    private final PrivateKey privateKey;
    private final List<X509Certificate> chain;

    private FivemTlsMaterial(PrivateKey privateKey, List<X509Certificate> chain) {
        this.privateKey = privateKey;
        this.chain = List.copyOf(chain);
    }

    /** The configured files, else the persisted generated pair under {@code dataDir/fivem}, else a new one. */
    public static FivemTlsMaterial load(FivemProperties.Tls tls, Path dataDir) {
        try {
            if (tls.getCertificate() != null || tls.getPrivateKey() != null) {
                if (tls.getCertificate() == null || tls.getPrivateKey() == null) {
                    throw new IllegalStateException(
                            "gatehouse.fivem.tls.certificate and gatehouse.fivem.tls.private-key go together");
                }
                return read(tls.getCertificate(), tls.getPrivateKey());
            }
            Path dir = dataDir.resolve("fivem");
            Path cert = dir.resolve(CERT_FILE);
            Path key = dir.resolve(KEY_FILE);
            if (Files.isRegularFile(cert) && Files.isRegularFile(key)) {
                return read(cert, key);
            }
            FivemTlsMaterial generated = generate();
            generated.persist(cert, key);
            log.info("Generated the FiveM TLS certificate (CN {}) in {}", COMMON_NAME, dir.toAbsolutePath());
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("FiveM TLS certificate could not be loaded or stored", e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("FiveM TLS certificate could not be created", e);
        }
    }

    static FivemTlsMaterial generate() throws GeneralSecurityException, OperatorCreationException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048, new SecureRandom());
        KeyPair pair = generator.generateKeyPair();
        X500Name subject = new X500Name("CN=" + COMMON_NAME);
        Instant now = Instant.now();
        X509CertificateHolder holder = new JcaX509v3CertificateBuilder(subject,
                new BigInteger(64, new SecureRandom()).abs().add(BigInteger.ONE),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))),
                subject, pair.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate()));
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(holder);
        return new FivemTlsMaterial(pair.getPrivate(), List.of(certificate));
    }

    private static FivemTlsMaterial read(Path certFile, Path keyFile) throws IOException, GeneralSecurityException {
        List<X509Certificate> chain = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (Reader reader = Files.newBufferedReader(certFile, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (object instanceof X509CertificateHolder holder) {
                    chain.add(converter.getCertificate(holder));
                }
            }
        }
        if (chain.isEmpty()) {
            throw new IllegalStateException("No PEM certificate in " + certFile);
        }
        PrivateKey key = null;
        JcaPEMKeyConverter keyConverter = new JcaPEMKeyConverter();
        try (Reader reader = Files.newBufferedReader(keyFile, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            for (Object object = parser.readObject(); object != null && key == null; object = parser.readObject()) {
                if (object instanceof PrivateKeyInfo info) {
                    key = keyConverter.getPrivateKey(info);
                } else if (object instanceof PEMKeyPair pair) {
                    key = keyConverter.getKeyPair(pair).getPrivate();
                }
            }
        }
        if (key == null) {
            throw new IllegalStateException("No unencrypted PEM private key in " + keyFile);
        }
        return new FivemTlsMaterial(key, chain);
    }

    /** Written to temporary files then moved, so a crash or a concurrent gateway never leaves half a pair. */
    private void persist(Path cert, Path key) throws IOException {
        Files.createDirectories(cert.getParent());
        Path keyTmp = Files.createTempFile(cert.getParent(), KEY_FILE, ".tmp");
        Path certTmp = Files.createTempFile(cert.getParent(), CERT_FILE, ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(keyTmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the directory's own protection applies
            }
            writePem(keyTmp, privateKey);
            writePem(certTmp, chain.get(0));
            move(keyTmp, key);
            move(certTmp, cert);
        } finally {
            Files.deleteIfExists(keyTmp);
            Files.deleteIfExists(certTmp);
        }
    }

    private static void writePem(Path file, Object object) throws IOException {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
             JcaPEMWriter pem = new JcaPEMWriter(writer)) {
            pem.writeObject(object);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public X509Certificate certificate() {
        return chain.get(0);
    }

    /**
     * A server context offering only {@code http/1.1} over ALPN. FXServer also offers {@code h2} when
     * {@code sv_netHttp2} is set; the client falls back to HTTP/1.1 when it is not offered.
     */
    public SslContext serverContext() {
        try {
            return SslContextBuilder.forServer(privateKey, chain)
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
