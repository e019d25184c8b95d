package io.gatehouse.fivem.protocol.ticket;

import io.gatehouse.fivem.protocol.FivemProtocolException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * RSA keys in the formats the Cfx ticket flow uses. The public key endpoint returns
 * {@code {"key":"<base64 DER RSAPublicKey (PKCS#1: SEQUENCE{n, e})>"}}; the JDK cannot read PKCS#1 directly, so the
 * ASN.1 is handled with BouncyCastle. Private keys can be exchanged as PKCS#1 ({@code RSA PRIVATE KEY}) or PKCS#8
 * ({@code PRIVATE KEY}) DER/PEM.
 */
public final class CfxKeys {

    /** Tickets carry 128-byte signatures, so the issuer's modulus is 1024 bits. */
    public static final int KEY_BITS = 1024;

    /** The key FXServer hardcoded before commit 9486f2817 (2024-08-14): modulus, e = 65537. */
    public static final String LEGACY_CFX_MODULUS_BASE64 = "1DNT1go22VUAU3BON+jCfXxs7Ow9Zxwng4ARTX/vrv6I65bsSYbdBrccw/50Fu7AJr8zy8+sXK8wUO4gx00frtA0adaGeZOeBqNq7/K3Gprv98wcftbxWjUv75pVl9Ush5yxpBPbuYUnGR/Nh2+K3GRrIrKxWYpNSF1JZYzE+5k=";

    private CfxKeys() {
    }

    private static FivemProtocolException bad(String msg, Throwable cause) {
        return new FivemProtocolException(FivemProtocolException.Kind.KEY, msg, cause);
    }

    public static KeyPair generate() {
        return generate(new SecureRandom());
    }

    public static KeyPair generate(SecureRandom random) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(KEY_BITS, random);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA unavailable", e);
        }
    }

    /** The legacy hardcoded Cfx public key. */
    public static RSAPublicKey legacyCfxPublicKey() {
        return publicKey(new BigInteger(1, Base64.getDecoder().decode(LEGACY_CFX_MODULUS_BASE64)),
                BigInteger.valueOf(65537));
    }

    public static RSAPublicKey publicKey(BigInteger modulus, BigInteger exponent) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
        } catch (GeneralSecurityException e) {
            throw bad("invalid RSA public key", e);
        }
    }

    /** Parses DER {@code RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }}. */
    public static RSAPublicKey publicKeyFromPkcs1Der(byte[] der) {
        try {
            org.bouncycastle.asn1.pkcs.RSAPublicKey k =
                    org.bouncycastle.asn1.pkcs.RSAPublicKey.getInstance(ASN1Sequence.getInstance(der));
            if (k.getModulus().signum() <= 0 || k.getPublicExponent().signum() <= 0) {
                throw bad("invalid RSA public key", null);
            }
            return publicKey(k.getModulus(), k.getPublicExponent());
        } catch (FivemProtocolException e) {
            throw e;
        } catch (RuntimeException e) {
            throw bad("malformed PKCS#1 RSA public key", e);
        }
    }

    /** The pubkey endpoint's {@code key} value: base64 of PKCS#1 DER. */
    public static RSAPublicKey publicKeyFromBase64(String base64) {
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw bad("public key is not base64", e);
        }
        return publicKeyFromPkcs1Der(der);
    }

    public static byte[] publicKeyToPkcs1Der(RSAPublicKey key) {
        try {
            return new org.bouncycastle.asn1.pkcs.RSAPublicKey(key.getModulus(), key.getPublicExponent()).getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a ticket issuer's pubkey endpoint serves in {@code {"key": ...}}. */
    public static String publicKeyToBase64(RSAPublicKey key) {
        return Base64.getEncoder().encodeToString(publicKeyToPkcs1Der(key));
    }

    /** PEM: {@code RSA PUBLIC KEY} (PKCS#1) or {@code PUBLIC KEY} (X.509 SubjectPublicKeyInfo). */
    public static RSAPublicKey publicKeyFromPem(String pem) {
        PemObject obj = readPem(pem);
        switch (obj.getType()) {
            case "RSA PUBLIC KEY":
                return publicKeyFromPkcs1Der(obj.getContent());
            case "PUBLIC KEY":
                try {
                    return (RSAPublicKey) KeyFactory.getInstance("RSA")
                            .generatePublic(new X509EncodedKeySpec(obj.getContent()));
                } catch (GeneralSecurityException | ClassCastException e) {
                    throw bad("invalid SubjectPublicKeyInfo RSA key", e);
                }
            default:
                throw bad("unsupported PEM type for a public key", null);
        }
    }

    public static String publicKeyToPem(RSAPublicKey key) {
        return writePem("RSA PUBLIC KEY", publicKeyToPkcs1Der(key));
    }

    /** PKCS#8 DER of the private key. */
    public static byte[] privateKeyToPkcs8Der(RSAPrivateCrtKey key) {
        return key.getEncoded();
    }

    /** PKCS#1 DER ({@code RSAPrivateKey}) of the private key. */
    public static byte[] privateKeyToPkcs1Der(RSAPrivateCrtKey key) {
        try {
            return PrivateKeyInfo.getInstance(key.getEncoded()).parsePrivateKey().toASN1Primitive().getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static RSAPrivateCrtKey privateKeyFromPkcs8Der(byte[] der) {
        try {
            return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw bad("invalid PKCS#8 RSA private key", e);
        }
    }

    public static RSAPrivateCrtKey privateKeyFromPkcs1Der(byte[] der) {
        try {
            org.bouncycastle.asn1.pkcs.RSAPrivateKey k = org.bouncycastle.asn1.pkcs.RSAPrivateKey.getInstance(der);
            PrivateKeyInfo info = new PrivateKeyInfo(
                    new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE), k);
            return privateKeyFromPkcs8Der(info.getEncoded());
        } catch (FivemProtocolException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw bad("malformed PKCS#1 RSA private key", e);
        }
    }

    /** PEM: {@code RSA PRIVATE KEY} (PKCS#1) or {@code PRIVATE KEY} (PKCS#8). */
    public static RSAPrivateCrtKey privateKeyFromPem(String pem) {
        PemObject obj = readPem(pem);
        return switch (obj.getType()) {
            case "RSA PRIVATE KEY" -> privateKeyFromPkcs1Der(obj.getContent());
            case "PRIVATE KEY" -> privateKeyFromPkcs8Der(obj.getContent());
            default -> throw bad("unsupported PEM type for a private key", null);
        };
    }

    /** PKCS#8 PEM ({@code PRIVATE KEY}). */
    public static String privateKeyToPem(RSAPrivateCrtKey key) {
        return writePem("PRIVATE KEY", privateKeyToPkcs8Der(key));
    }

    public static String privateKeyToPkcs1Pem(RSAPrivateCrtKey key) {
        return writePem("RSA PRIVATE KEY", privateKeyToPkcs1Der(key));
    }

    /** Rebuilds the public half of a private key. */
    public static RSAPublicKey publicOf(RSAPrivateCrtKey key) {
        return publicKey(key.getModulus(), key.getPublicExponent());
    }

    private static PemObject readPem(String pem) {
        try (PemReader r = new PemReader(new StringReader(pem))) {
            PemObject obj = r.readPemObject();
            if (obj == null) {
                throw bad("no PEM object found", null);
            }
            return obj;
        } catch (IOException | RuntimeException e) {
            if (e instanceof FivemProtocolException fe) {
                throw fe;
            }
            throw bad("malformed PEM", e);
        }
    }

    private static String writePem(String type, byte[] der) {
        StringWriter sw = new StringWriter();
        try (PemWriter w = new PemWriter(sw)) {
            w.writeObject(new PemObject(type, der));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return sw.toString();
    }
}
