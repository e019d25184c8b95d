package io.gatehouse.auth.hytale;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class CertificateFingerprintsTest {

    /** hytale-vectors.md §D4. */
    static final String VECTOR_PEM = """
        -----BEGIN CERTIFICATE-----
        MIIBfTCCASOgAwIBAgIUeiF8jjKu39cF62uBgPDhZR0eCgIwCgYIKoZIzj0EAwIw
        FDESMBAGA1UEAwwJbG9jYWxob3N0MB4XDTI2MTEyMTA3NDQ0NloXDTM2MTExODA3
        NDQ0NlowFDESMBAGA1UEAwwJbG9jYWxob3N0MFkwEwYHKoZIzj0CAQYIKoZIzj0D
        AQcDQgAEjnAVhW1+/0JiADb8qEPtnH82s7AvvP5cSkObr5Wm3N0eM/ejalbQOTQT
        Go53Gtwr5/yaaCZac5AhkQgKgUL4o6NTMFEwHQYDVR0OBBYEFEuSGbj/eZwz6BdS
        lp6xhTQ5OvHFMB8GA1UdIwQYMBaAFEuSGbj/eZwz6BdSlp6xhTQ5OvHFMA8GA1Ud
        EwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDSAAwRQIhAKG0PxETJPl/ezz3dRbJuIHr
        Dn7z0RjtRimgbAKVjxtwAiAAwyMvqZouz2LOhQ1DUUrX9TvGa3xsaBMj5PrA5p0E
        Ng==
        -----END CERTIFICATE-----
        """;

    static X509Certificate vectorCertificate() throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(VECTOR_PEM.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void matchesTheReferenceVector() throws Exception {
        X509Certificate cert = vectorCertificate();
        assertThat(CertificateFingerprints.of(cert)).isEqualTo("y_u75B1a0kiL_trhUiMQe3Sp_9lXYO25j90NVEh5wU8");
        assertThat(CertificateFingerprints.ofDer(cert.getEncoded())).isEqualTo("y_u75B1a0kiL_trhUiMQe3Sp_9lXYO25j90NVEh5wU8");
    }

    @Test
    void comparesExactly() {
        String fp = "y_u75B1a0kiL_trhUiMQe3Sp_9lXYO25j90NVEh5wU8";
        assertThat(CertificateFingerprints.matches(fp, fp)).isTrue();
        assertThat(CertificateFingerprints.matches(fp, "y_u75B1a0kiL_trhUiMQe3Sp_9lXYO25j90NVEh5wU9")).isFalse();
        assertThat(CertificateFingerprints.matches(fp, fp + "=")).isFalse();
        assertThat(CertificateFingerprints.matches(fp, null)).isFalse();
        assertThat(CertificateFingerprints.matches(null, fp)).isFalse();
    }
}
