package io.gatehouse.gateway.fivem.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.gateway.fivem.config.FivemProperties;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FivemTlsMaterialTest {

    @Test
    void generatesFxServersKindOfCertificateOnceAndKeepsIt(@TempDir Path dataDir) throws Exception {
        FivemTlsMaterial first = FivemTlsMaterial.load(new FivemProperties().getTls(), dataDir);
        assertThat(first.certificate().getSubjectX500Principal().getName())
                .isEqualTo("CN=" + FivemTlsMaterial.COMMON_NAME);
        assertThat(first.certificate().getPublicKey()).isInstanceOfSatisfying(RSAPublicKey.class,
                key -> assertThat(key.getModulus().bitLength()).isEqualTo(2048));
        assertThat(first.certificate().getSigAlgName()).isEqualTo("SHA256withRSA");
        assertThat(dataDir.resolve("fivem/server-tls.crt")).isRegularFile();
        assertThat(dataDir.resolve("fivem/server-tls.key")).isRegularFile();

        FivemTlsMaterial again = FivemTlsMaterial.load(new FivemProperties().getTls(), dataDir);
        assertThat(again.certificate()).isEqualTo(first.certificate());
        assertThat(again.serverContext()).isNotNull();
    }

    @Test
    void loadsThePairEarlierVersionsWrote(@TempDir Path dataDir) throws Exception {
        // earlier versions wrote the key as PKCS#1 ("RSA PRIVATE KEY"); an existing install keeps its certificate
        FivemTlsMaterial old = FivemTlsMaterial.generate();
        Path dir = Files.createDirectories(dataDir.resolve("fivem"));
        FivemTlsMaterial generated = FivemTlsMaterial.load(new FivemProperties().getTls(),
                Files.createDirectories(dataDir.resolve("scratch")));
        try (Writer w = Files.newBufferedWriter(dir.resolve("server-tls.crt"), StandardCharsets.US_ASCII);
             JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(generated.certificate());
        }
        try (Writer w = Files.newBufferedWriter(dir.resolve("server-tls.key"), StandardCharsets.US_ASCII);
             JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(readKey(dataDir.resolve("scratch/fivem/server-tls.key")));
        }
        assertThat(Files.readString(dir.resolve("server-tls.key"))).contains("BEGIN RSA PRIVATE KEY");

        FivemTlsMaterial loaded = FivemTlsMaterial.load(new FivemProperties().getTls(), dataDir);
        assertThat(loaded.certificate()).isEqualTo(generated.certificate()).isNotEqualTo(old.certificate());
        assertThat(loaded.serverContext()).isNotNull();
    }

    private static java.security.PrivateKey readKey(Path file) {
        return io.gatehouse.gateway.tls.ServerCertificates.loadPem(
                file.resolveSibling("server-tls.crt"), file).privateKey();
    }
}
