package io.gatehouse.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerCertificatesTest {

    @TempDir
    Path dir;

    @Test
    void generatedServerCertificateIsEcdsaP256WithLocalhostSan() throws Exception {
        CertifiedKey key = ServerCertificates.generateServerCertificate("play.example.net");

        assertThat(isP256(key)).isTrue();
        assertThat(key.certificate().getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(key.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=play.example.net");
        assertThat(key.certificate().getSubjectAlternativeNames())
                .extracting(entry -> (Object) entry.get(1)).contains("localhost", "play.example.net");
        key.certificate().verify(key.certificate().getPublicKey());
    }

    @Test
    void fingerprintsFollowTheSessionServiceFormat() throws Exception {
        CertifiedKey key = ServerCertificates.generateClientCertificate("player");
        byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(key.certificate().getEncoded());

        assertThat(key.sha256Fingerprint())
                .isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(sha256))
                .hasSize(43).doesNotContain("=", "+", "/");
        assertThat(key.sha1Thumbprint()).matches("[0-9a-f]{40}");
    }

    @Test
    void generatePersistReloadKeepsTheFingerprint() {
        CertifiedKey first = ServerCertificates.loadOrGenerate(dir, "localhost");
        assertThat(dir.resolve(ServerCertificates.PERSISTED_CERT)).isRegularFile();
        assertThat(dir.resolve(ServerCertificates.PERSISTED_KEY)).isRegularFile();

        CertifiedKey second = ServerCertificates.loadOrGenerate(dir, "localhost");

        assertThat(second.sha256Fingerprint()).isEqualTo(first.sha256Fingerprint());
        assertThat(second.sha1Thumbprint()).isEqualTo(first.sha1Thumbprint());
        assertThat(second.privateKey().getEncoded()).isEqualTo(first.privateKey().getEncoded());
    }

    @Test
    void resolveFallsBackToThePersistedCertificate() {
        var source = new ServerCertificates.Source(null, null, null, null, null, "localhost", dir);
        assertThat(ServerCertificates.resolve(source).sha256Fingerprint())
                .isEqualTo(ServerCertificates.resolve(source).sha256Fingerprint());
    }

    @Test
    void pemPairLoadsAndIsCheckedAgainstAThumbprint() {
        CertifiedKey key = ServerCertificates.generateServerCertificate("localhost");
        Path cert = dir.resolve("server.crt");
        Path pkey = dir.resolve("server.key");
        ServerCertificates.writePem(key, cert, pkey);

        var matching = new ServerCertificates.Source(cert, pkey, null, null, key.sha1Thumbprint().toUpperCase(),
                null, dir);
        assertThat(ServerCertificates.resolve(matching).sha256Fingerprint()).isEqualTo(key.sha256Fingerprint());

        var other = new ServerCertificates.Source(cert, pkey, null, null, "0".repeat(40), null, dir);
        assertThatThrownBy(() -> ServerCertificates.resolve(other))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(key.sha1Thumbprint());
    }

    @Test
    void pkcs12WithSeveralEntriesIsSelectedByThumbprint() {
        CertifiedKey a = ServerCertificates.generateServerCertificate("a.example");
        CertifiedKey b = ServerCertificates.generateServerCertificate("b.example");
        Path store = dir.resolve("certs.p12");
        ServerCertificates.writePkcs12(store, "secret".toCharArray(), List.of(a, b));

        // Operators paste thumbprints from tools that print them upper case with colons.
        String colonForm = b.sha1Thumbprint().toUpperCase().replaceAll("(..)(?!$)", "$1:");
        var source = new ServerCertificates.Source(null, null, store, "secret", colonForm, null, dir);
        CertifiedKey selected = ServerCertificates.resolve(source);

        assertThat(selected.sha256Fingerprint()).isEqualTo(b.sha256Fingerprint());
        assertThat(selected.privateKey().getEncoded()).isEqualTo(b.privateKey().getEncoded());
    }

    @Test
    void pkcs12WithSeveralEntriesAndNoThumbprintNamesTheChoices() {
        CertifiedKey a = ServerCertificates.generateServerCertificate("a.example");
        CertifiedKey b = ServerCertificates.generateServerCertificate("b.example");
        Path store = dir.resolve("certs.p12");
        ServerCertificates.writePkcs12(store, "secret".toCharArray(), List.of(a, b));

        assertThatThrownBy(() -> ServerCertificates.resolve(
                new ServerCertificates.Source(null, null, store, "secret", null, null, dir)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("thumbprint").hasMessageContaining(a.sha1Thumbprint())
                .hasMessageContaining(b.sha1Thumbprint());
    }

    @Test
    void unknownThumbprintGivesAClearError() {
        CertifiedKey a = ServerCertificates.generateServerCertificate("a.example");
        Path store = dir.resolve("one.p12");
        ServerCertificates.writePkcs12(store, "pw".toCharArray(), List.of(a));
        String absent = "ab".repeat(20);

        assertThatThrownBy(() -> ServerCertificates.resolve(
                new ServerCertificates.Source(null, null, store, "pw", absent, null, dir)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no certificate with SHA-1 thumbprint " + absent)
                .hasMessageContaining(a.sha1Thumbprint());
    }

    @Test
    void malformedThumbprintIsRejectedBeforeAnythingIsRead() {
        assertThatThrownBy(() -> ServerCertificates.resolve(
                new ServerCertificates.Source(null, null, dir.resolve("missing.p12"), "pw", "xyz", null, dir)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("40 hex digits");
    }

    @Test
    void pemHalfConfiguredIsAnError() throws Exception {
        Path cert = Files.writeString(dir.resolve("c.pem"), "");
        assertThatThrownBy(() -> ServerCertificates.resolve(
                new ServerCertificates.Source(cert, null, null, null, null, null, dir)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("go together");
    }

    static boolean isP256(CertifiedKey key) {
        return ServerCertificatesTestAccess.isP256(key.certificate());
    }
}
