package io.gatehouse.auth.hytale;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;

/**
 * Certificate fingerprints as the session service binds tokens to them (hytale-protocol.md §7.5):
 * {@code base64url_without_padding(SHA-256(DER certificate))}, the value of both the {@code x509Fingerprint}
 * request field and the {@code cnf."x5t#S256"} claim.
 */
public final class CertificateFingerprints {

    private CertificateFingerprints() {
    }

    public static String of(X509Certificate certificate) {
        try {
            return ofDer(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be DER-encoded", e);
        }
    }

    public static String ofDer(byte[] derCertificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(derCertificate);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** Constant-time comparison of two fingerprints (either may be null, which never matches). */
    public static boolean matches(String expected, String actual) {
        if (expected == null || actual == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
    }
}
