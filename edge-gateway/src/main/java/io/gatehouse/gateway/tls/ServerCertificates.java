package io.gatehouse.gateway.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes, loads, selects and persists the gateway's certificates: the Hytale QUIC edge's and the FiveM TLS port's.
 *
 * <p>Hytale pins nothing: the client accepts any server certificate, and the session service binds tokens to its
 * SHA-256 fingerprint. What matters operationally is that the fingerprint stays the same across restarts (a player's
 * access token in flight would otherwise stop matching), hence {@link #loadOrGenerate}.
 */
public final class ServerCertificates {

    /** File names under the persistence directory. */
    public static final String PERSISTED_CERT = "hytale-server.crt.pem";
    public static final String PERSISTED_KEY = "hytale-server.key.pem";

    private static final Logger log = LoggerFactory.getLogger(ServerCertificates.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration DEFAULT_VALIDITY = Duration.ofDays(3650);

    /** The key of a generated certificate. */
    public enum KeyAlgorithm {
        /** ECDSA P-256 with SHA-256: the Hytale edge. */
        EC_P256("EC", "SHA256withECDSA", KeyUsage.digitalSignature),
        /** RSA 2048 with SHA-256: what FXServer generates for its TLS port ({@code TLSServer.cpp}). */
        RSA_2048("RSA", "SHA256withRSA", KeyUsage.digitalSignature | KeyUsage.keyEncipherment);

        private final String keyType;
        private final String signature;
        private final int keyUsage;

        KeyAlgorithm(String keyType, String signature, int keyUsage) {
            this.keyType = keyType;
            this.signature = signature;
            this.keyUsage = keyUsage;
        }

        KeyPair generateKeyPair() throws GeneralSecurityException {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(keyType);
            if (this == EC_P256) {
                generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            } else {
                generator.initialize(2048, RANDOM);
            }
            return generator.generateKeyPair();
        }
    }

    /** Where the server identity comes from; fields mirror {@code gatehouse.hytale.cert.*}. */
    public record Source(Path pem, Path key, Path pkcs12, String password, String thumbprint, String commonName,
            Path persistDirectory) {
    }

    private ServerCertificates() {
    }

    /**
     * Picks the server identity: a PKCS#12 (one entry, or the one whose SHA-1 thumbprint matches), else a PEM pair,
     * else the certificate generated on first start and persisted under {@code persistDirectory}.
     */
    public static CertifiedKey resolve(Source source) {
        String thumbprint = CertificateFingerprints.normalizeThumbprint(source.thumbprint());
        if (thumbprint != null && !thumbprint.matches("[0-9a-f]{40}")) {
            throw new IllegalArgumentException("certificate thumbprint must be 40 hex digits (SHA-1), got '"
                    + source.thumbprint() + "'");
        }
        if (source.pkcs12() != null) {
            char[] password = source.password() == null ? new char[0] : source.password().toCharArray();
            return loadPkcs12(source.pkcs12(), password, thumbprint);
        }
        if (source.pem() != null || source.key() != null) {
            if (source.pem() == null || source.key() == null) {
                throw new IllegalArgumentException("gatehouse.hytale.cert.pem and gatehouse.hytale.cert.key go together");
            }
            CertifiedKey loaded = loadPem(source.pem(), source.key());
            requireThumbprint(loaded, thumbprint, source.pem());
            return loaded;
        }
        if (thumbprint != null) {
            log.warn("A certificate thumbprint is set but no PEM or PKCS#12 is configured; using the persisted "
                    + "generated certificate and ignoring the thumbprint");
        }
        return loadOrGenerate(Objects.requireNonNull(source.persistDirectory(), "persistDirectory"),
                source.commonName() == null ? "localhost" : source.commonName());
    }

    /** The Hytale certificate persisted in {@code directory}, or a new one generated and written there. */
    public static CertifiedKey loadOrGenerate(Path directory, String commonName) {
        return loadOrGenerate("Hytale server certificate", directory.resolve(PERSISTED_CERT),
                directory.resolve(PERSISTED_KEY), commonName, KeyAlgorithm.EC_P256);
    }

    /**
     * The pair persisted as {@code cert} and {@code key} (PEM), or a new self-signed server certificate generated and
     * written there. {@code what} names it in the log.
     */
    public static CertifiedKey loadOrGenerate(String what, Path cert, Path key, String commonName,
                                              KeyAlgorithm algorithm) {
        if (Files.isRegularFile(cert) && Files.isRegularFile(key)) {
            CertifiedKey loaded = loadPem(cert, key);
            log.info("{} loaded from {} (sha256 {})", what, cert, loaded.sha256Fingerprint());
            return loaded;
        }
        CertifiedKey generated = generateServerCertificate(commonName, algorithm);
        writePem(generated, cert, key);
        log.info("{} generated and stored in {} (sha256 {})", what, cert.toAbsolutePath().getParent(),
                generated.sha256Fingerprint());
        return generated;
    }

    /** A self-signed ECDSA P-256 server certificate: CN from config, SAN localhost (+ the CN if it is a name). */
    public static CertifiedKey generateServerCertificate(String commonName) {
        return generateServerCertificate(commonName, KeyAlgorithm.EC_P256);
    }

    /** A self-signed server certificate with the given key: CN, SAN localhost (+ the CN if it is a name). */
    public static CertifiedKey generateServerCertificate(String commonName, KeyAlgorithm algorithm) {
        return generate(commonName, algorithm, KeyPurposeId.id_kp_serverAuth, DEFAULT_VALIDITY);
    }

    /** A self-signed ECDSA P-256 client certificate, as a Hytale client presents (tests, the bot). */
    public static CertifiedKey generateClientCertificate(String commonName) {
        return generate(commonName, KeyAlgorithm.EC_P256, KeyPurposeId.id_kp_clientAuth, DEFAULT_VALIDITY);
    }

    private static CertifiedKey generate(String commonName, KeyAlgorithm algorithm, KeyPurposeId purpose,
                                         Duration validity) {
        try {
            KeyPair pair = algorithm.generateKeyPair();
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
            Instant now = Instant.now();
            // Backdated an hour so a peer with a slightly slow clock does not see a "not yet valid" certificate.
            var builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(127, RANDOM).add(BigInteger.ONE),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(validity)), subject, pair.getPublic());
            List<GeneralName> names = new ArrayList<>();
            names.add(new GeneralName(GeneralName.dNSName, "localhost"));
            if (!"localhost".equalsIgnoreCase(commonName) && commonName.matches("[A-Za-z0-9.-]+")) {
                names.add(new GeneralName(GeneralName.dNSName, commonName));
            }
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(names.toArray(GeneralName[]::new)));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(algorithm.keyUsage));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            X509CertificateHolder holder = builder.build(
                    new JcaContentSignerBuilder(algorithm.signature).build(pair.getPrivate()));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(holder);
            return new CertifiedKey(pair.getPrivate(), certificate);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot generate a " + algorithm + " certificate", e);
        }
    }

    /** Loads a PEM certificate chain (leaf first) and an unencrypted PEM private key (PKCS#8, SEC1 or PKCS#1). */
    public static CertifiedKey loadPem(Path certificatePem, Path keyPem) {
        List<X509Certificate> chain = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(certificatePem, StandardCharsets.US_ASCII);
                PEMParser parser = new PEMParser(reader)) {
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (object instanceof X509CertificateHolder holder) {
                    chain.add(converter.getCertificate(holder));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read certificate " + certificatePem, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("invalid certificate in " + certificatePem, e);
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("no certificate found in " + certificatePem);
        }
        PrivateKey key = null;
        try (Reader reader = Files.newBufferedReader(keyPem, StandardCharsets.US_ASCII);
                PEMParser parser = new PEMParser(reader)) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            // the first key in the file; other blocks before it (openssl's "EC PARAMETERS") are skipped
            for (Object object = parser.readObject(); object != null && key == null; object = parser.readObject()) {
                if (object instanceof PEMKeyPair pair) {
                    // SEC1 "EC PRIVATE KEY" may omit the public key; only the private half is needed.
                    key = converter.getPrivateKey(pair.getPrivateKeyInfo());
                } else if (object instanceof PrivateKeyInfo info) {
                    key = converter.getPrivateKey(info);
                }
            }
            if (key == null) {
                throw new IllegalArgumentException("no unencrypted private key found in " + keyPem
                        + " (encrypted keys: use a PKCS#12 with gatehouse.hytale.cert.pkcs12 and .password)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read private key " + keyPem, e);
        }
        return new CertifiedKey(key, chain);
    }

    /**
     * Loads a PKCS#12 key entry: the one whose leaf has the given SHA-1 thumbprint, or the only one when
     * {@code thumbprint} is null.
     */
    public static CertifiedKey loadPkcs12(Path file, char[] password, String thumbprint) {
        String wanted = CertificateFingerprints.normalizeThumbprint(thumbprint);
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            List<CertifiedKey> entries = new ArrayList<>();
            for (String alias : java.util.Collections.list(store.aliases())) {
                if (!store.isKeyEntry(alias)) {
                    continue;
                }
                Certificate[] chain = store.getCertificateChain(alias);
                if (chain == null || chain.length == 0 || !(chain[0] instanceof X509Certificate)) {
                    continue;
                }
                PrivateKey key = (PrivateKey) store.getKey(alias, password);
                entries.add(new CertifiedKey(key,
                        Arrays.stream(chain).map(X509Certificate.class::cast).toList()));
            }
            if (entries.isEmpty()) {
                throw new IllegalArgumentException("no private key entry in PKCS#12 " + file);
            }
            if (wanted == null) {
                if (entries.size() > 1) {
                    throw new IllegalArgumentException("PKCS#12 " + file + " holds " + entries.size()
                            + " keys; set gatehouse.hytale.cert.thumbprint (or ALLOY_CERT_THUMBPRINT) to one of "
                            + entries.stream().map(CertifiedKey::sha1Thumbprint).toList());
                }
                return entries.get(0);
            }
            return entries.stream().filter(entry -> entry.sha1Thumbprint().equals(wanted)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no certificate with SHA-1 thumbprint " + wanted
                            + " in PKCS#12 " + file + "; it holds "
                            + entries.stream().map(CertifiedKey::sha1Thumbprint).toList()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read PKCS#12 " + file + " (wrong password?)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot load PKCS#12 " + file, e);
        }
    }

    /** Writes a PKCS#12 holding the given entries (alias = SHA-1 thumbprint); used by tests and operators' tooling. */
    public static void writePkcs12(Path file, char[] password, List<CertifiedKey> entries) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, password);
            for (CertifiedKey entry : entries) {
                store.setKeyEntry(entry.sha1Thumbprint(), entry.privateKey(), password, entry.chainArray());
            }
            try (var out = Files.newOutputStream(file)) {
                store.store(out, password);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write PKCS#12 " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build PKCS#12 " + file, e);
        }
    }

    /** Writes the chain and the key (PKCS#8, owner-only where the file system allows) atomically. */
    public static void writePem(CertifiedKey certifiedKey, Path certificatePem, Path keyPem) {
        try {
            Files.createDirectories(certificatePem.toAbsolutePath().getParent());
            Files.createDirectories(keyPem.toAbsolutePath().getParent());
            Path keyTemp = temporarySibling(keyPem);
            try (Writer writer = Files.newBufferedWriter(keyTemp, StandardCharsets.US_ASCII);
                    JcaPEMWriter pem = new JcaPEMWriter(writer)) {
                // "BEGIN PRIVATE KEY" (PKCS#8): what openssl, Netty and BoringSSL all read.
                pem.writeObject(new JcaPKCS8Generator(certifiedKey.privateKey(), null));
            }
            Path certTemp = temporarySibling(certificatePem);
            try (Writer writer = Files.newBufferedWriter(certTemp, StandardCharsets.US_ASCII);
                    JcaPEMWriter pem = new JcaPEMWriter(writer)) {
                for (X509Certificate certificate : certifiedKey.chain()) {
                    pem.writeObject(certificate);
                }
            }
            // Key first: a crash in between leaves no certificate without its key.
            Files.move(keyTemp, keyPem, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.move(certTemp, certificatePem, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot persist certificate to " + certificatePem, e);
        }
    }

    private static Path temporarySibling(Path target) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        try {
            return Files.createTempFile(directory, target.getFileName().toString(), ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            return Files.createTempFile(directory, target.getFileName().toString(), ".tmp");
        }
    }

    private static void requireThumbprint(CertifiedKey loaded, String thumbprint, Path origin) {
        if (thumbprint != null && !loaded.sha1Thumbprint().equals(thumbprint)) {
            throw new IllegalArgumentException("certificate " + origin + " has SHA-1 thumbprint "
                    + loaded.sha1Thumbprint() + ", not the configured " + thumbprint);
        }
    }
}
