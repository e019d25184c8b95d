package io.gatehouse.dev.hytale;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Properties;

/**
 * An Ed25519 key pair with its JWKS key id. The kid is derived from the public key, so a key loaded from disk
 * keeps the same kid (and the same JWKS entry) across restarts.
 */
public final class SigningKey {

    /** DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519 (RFC 8410); the raw 32-byte key follows it. */
    private static final byte[] ED25519_SPKI_PREFIX = {
        0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
    };
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final String kid;
    private final KeyPair keyPair;

    private SigningKey(String kid, KeyPair keyPair) {
        this.kid = kid;
        this.keyPair = keyPair;
    }

    public static SigningKey generate() {
        try {
            return of(KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 not available", e);
        }
    }

    /** Wraps an existing Ed25519 key pair; the kid is derived from the public key. */
    public static SigningKey of(KeyPair keyPair) {
        return new SigningKey(deriveKid(rawPublicKey(keyPair.getPublic())), keyPair);
    }

    /** Loads the key from {@code file}, or generates one and stores it there (owner-only permissions where supported). */
    public static SigningKey loadOrGenerate(Path file) throws IOException {
        if (Files.exists(file)) {
            return load(file);
        }
        SigningKey key = generate();
        key.save(file);
        return key;
    }

    public static SigningKey load(Path file) throws IOException {
        Properties props = new Properties();
        try (var in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            props.load(in);
        }
        String priv = props.getProperty("private");
        String pub = props.getProperty("public");
        if (priv == null || pub == null) {
            throw new IOException("not a signing key file: " + file);
        }
        try {
            KeyFactory kf = KeyFactory.getInstance("Ed25519");
            PrivateKey privateKey = kf.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(priv)));
            PublicKey publicKey = kf.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pub)));
            return of(new KeyPair(publicKey, privateKey));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("unreadable signing key file: " + file, e);
        }
    }

    public void save(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        String text = "# Ed25519 signing key of the local Hytale session service (secret)\n"
            + "private=" + Base64.getEncoder().encodeToString(keyPair.getPrivate().getEncoded()) + "\n"
            + "public=" + Base64.getEncoder().encodeToString(keyPair.getPublic().getEncoded()) + "\n";
        Path tmp = Files.createTempFile(parent, ".signing-key", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // non-POSIX file system: best effort
            }
            Files.writeString(tmp, text, StandardCharsets.ISO_8859_1);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public String kid() {
        return kid;
    }

    public PrivateKey privateKey() {
        return keyPair.getPrivate();
    }

    public PublicKey publicKey() {
        return keyPair.getPublic();
    }

    /** The JWK {@code x} value: the raw 32-byte public key, base64url without padding. */
    public String jwkX() {
        return B64URL.encodeToString(rawPublicKey(keyPair.getPublic()));
    }

    static byte[] rawPublicKey(PublicKey key) {
        byte[] spki = key.getEncoded();
        if (spki.length != ED25519_SPKI_PREFIX.length + 32
            || !Arrays.equals(spki, 0, ED25519_SPKI_PREFIX.length, ED25519_SPKI_PREFIX, 0, ED25519_SPKI_PREFIX.length)) {
            throw new IllegalArgumentException("not an Ed25519 public key");
        }
        return Arrays.copyOfRange(spki, ED25519_SPKI_PREFIX.length, spki.length);
    }

    private static String deriveKid(byte[] rawPublicKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(rawPublicKey);
            return "local-" + B64URL.encodeToString(Arrays.copyOf(digest, 9));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "SigningKey[kid=" + kid + "]";
    }
}
