package io.gatehouse.gateway.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/** The two ways a certificate is named: by operators (SHA-1 thumbprint) and by the Hytale session service (§7.5). */
public final class CertificateFingerprints {

    private CertificateFingerprints() {
    }

    /**
     * {@code base64url_without_padding(SHA-256(DER))}: the {@code x509Fingerprint} sent to the session service and
     * the {@code cnf."x5t#S256"} claim an access token is bound to.
     */
    public static String sha256Fingerprint(X509Certificate certificate) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest("SHA-256", certificate));
    }

    /**
     * Lower-case 40-hex SHA-1 of the DER encoding: the "certificate store thumbprint" operators use to pick a
     * certificate (AlloyServer's {@code ALLOY_CERT_THUMBPRINT}); never sent on the wire.
     */
    public static String sha1Thumbprint(X509Certificate certificate) {
        return HexFormat.of().formatHex(digest("SHA-1", certificate));
    }

    /** Canonical form of an operator-typed thumbprint (spaces and colons removed, lower case), or null if blank. */
    public static String normalizeThumbprint(String thumbprint) {
        if (thumbprint == null) {
            return null;
        }
        String hex = thumbprint.replace(":", "").replace(" ", "").trim().toLowerCase(Locale.ROOT);
        return hex.isEmpty() ? null : hex;
    }

    private static byte[] digest(String algorithm, X509Certificate certificate) {
        try {
            return MessageDigest.getInstance(algorithm).digest(certificate.getEncoded());
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot digest certificate with " + algorithm, e);
        }
    }
}
