package io.gatehouse.support.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.contracts.session.v1.SessionRegistryGrpc;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mutual TLS between services: a server with gatehouse.grpc.tls.* answers only TLS clients holding a CA-signed cert. */
class GrpcTlsTest {

    @TempDir
    Path dir;

    private GrpcServerLifecycle server;
    private GrpcChannels channels;

    @BeforeEach
    void startTlsServer() throws Exception {
        KeyPair caKeys = keys();
        X509Certificate ca = certificate("CN=gatehouse-test-ca", caKeys, "CN=gatehouse-test-ca", caKeys.getPrivate(), true);
        write(dir.resolve("ca.crt"), ca);
        KeyPair serviceKeys = keys();
        write(dir.resolve("tls.crt"), certificate("CN=gatehouse-service", serviceKeys, "CN=gatehouse-test-ca",
                caKeys.getPrivate(), false));
        write(dir.resolve("tls.key"), serviceKeys.getPrivate());

        GrpcServerProperties properties = new GrpcServerProperties();
        properties.setInProcess(false);
        properties.setPort(0);
        properties.getTls().setEnabled(true);
        properties.getTls().setCertificate(dir.resolve("tls.crt").toString());
        properties.getTls().setPrivateKey(dir.resolve("tls.key").toString());
        properties.getTls().setTrustCertificates(dir.resolve("ca.crt").toString());
        server = new GrpcServerLifecycle(properties, List.of(new SessionRegistryGrpc.SessionRegistryImplBase() { }));
        server.start();

        GrpcClientProperties clients = new GrpcClientProperties();
        clients.getSession().setTarget("localhost:" + server.port());
        channels = new GrpcChannels(clients, properties);
    }

    @AfterEach
    void stop() {
        channels.close();
        server.stop();
    }

    @Test
    void aClientWithTheProcessIdentityIsServed() {
        HealthCheckResponse response = HealthGrpc.newBlockingStub(channels.channel("session"))
                .withDeadlineAfter(10, TimeUnit.SECONDS).check(HealthCheckRequest.getDefaultInstance());
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
    }

    @Test
    void plaintextAndCertificatelessClientsAreRefused() throws Exception {
        ManagedChannel plaintext = NettyChannelBuilder.forTarget("localhost:" + server.port()).usePlaintext().build();
        GrpcServerProperties.Tls trustOnly = new GrpcServerProperties.Tls();
        trustOnly.setEnabled(true);
        trustOnly.setTrustCertificates(dir.resolve("ca.crt").toString());
        ManagedChannel noClientCertificate = NettyChannelBuilder.forTarget("localhost:" + server.port())
                .sslContext(GrpcTls.client(trustOnly)).build();
        try {
            for (ManagedChannel channel : List.of(plaintext, noClientCertificate)) {
                assertThatThrownBy(() -> HealthGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                        .check(HealthCheckRequest.getDefaultInstance()))
                        .isInstanceOf(StatusRuntimeException.class);
            }
        } finally {
            plaintext.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            noClientCertificate.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aMissingFileFailsAtStartupWithThePropertyName() {
        GrpcServerProperties.Tls tls = new GrpcServerProperties.Tls();
        tls.setEnabled(true);
        tls.setCertificate(dir.resolve("absent.crt").toString());
        tls.setPrivateKey(dir.resolve("tls.key").toString());
        assertThatThrownBy(() -> GrpcTls.server(tls)).hasMessageContaining("gatehouse.grpc.tls.certificate");
    }

    private static KeyPair keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair();
    }

    private static X509Certificate certificate(String subject, KeyPair keys, String issuer, PrivateKey signer,
                                               boolean ca) throws Exception {
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(new X500Name(issuer), BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))),
                new X500Name(subject), keys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (!ca) {
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, "localhost")));
        }
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
    }

    private static void write(Path file, Object pemObject) throws Exception {
        try (Writer out = Files.newBufferedWriter(file); JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(pemObject instanceof PrivateKey key
                    ? new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null) : pemObject);
        }
    }
}
