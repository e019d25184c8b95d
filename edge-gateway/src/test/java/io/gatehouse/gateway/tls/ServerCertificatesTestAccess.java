package io.gatehouse.gateway.tls;

import java.security.interfaces.ECPublicKey;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/** Shared test check: is this certificate's key on P-256 (secp256r1)? */
public final class ServerCertificatesTestAccess {

    private ServerCertificatesTestAccess() {
    }

    public static boolean isP256(X509Certificate certificate) {
        if (!(certificate.getPublicKey() instanceof ECPublicKey ec)) {
            return false;
        }
        SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(ec.getEncoded());
        return SECObjectIdentifiers.secp256r1.equals(
                ASN1ObjectIdentifier.getInstance(info.getAlgorithm().getParameters()));
    }
}
