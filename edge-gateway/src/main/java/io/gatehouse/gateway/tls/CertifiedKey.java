package io.gatehouse.gateway.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A private key with its certificate chain (leaf first), plus the two fingerprints computed once.
 *
 * <p>The same type serves the gateway's own QUIC server identity and the client certificates tests and the bot use.
 */
public final class CertifiedKey {

    private final PrivateKey privateKey;
    private final List<X509Certificate> chain;
    private final String sha1Thumbprint;
    private final String sha256Fingerprint;

    public CertifiedKey(PrivateKey privateKey, List<X509Certificate> chain) {
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        if (chain == null || chain.isEmpty()) {
            throw new IllegalArgumentException("a certified key needs at least its own certificate");
        }
        this.chain = List.copyOf(chain);
        this.sha1Thumbprint = CertificateFingerprints.sha1Thumbprint(this.chain.get(0));
        this.sha256Fingerprint = CertificateFingerprints.sha256Fingerprint(this.chain.get(0));
    }

    public CertifiedKey(PrivateKey privateKey, X509Certificate certificate) {
        this(privateKey, List.of(certificate));
    }

    /** The leaf certificate. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    public List<X509Certificate> chain() {
        return chain;
    }

    public X509Certificate[] chainArray() {
        return chain.toArray(X509Certificate[]::new);
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    /** Lower-case 40-hex SHA-1 of the leaf (operator-facing selector). */
    public String sha1Thumbprint() {
        return sha1Thumbprint;
    }

    /** base64url (no padding) SHA-256 of the leaf: what the Hytale session service binds tokens to (§7.5). */
    public String sha256Fingerprint() {
        return sha256Fingerprint;
    }

    @Override
    public String toString() {
        // Never the key.
        return "CertifiedKey[" + certificate().getSubjectX500Principal().getName() + ", sha1=" + sha1Thumbprint
                + ", sha256=" + sha256Fingerprint + "]";
    }
}
