package io.gatehouse.auth.hytale;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * A parsed compact JWS (RFC 7515 §7.1), hand-rolled so that exactly what the official validator accepts gets
 * through: three strict base64url parts, JSON-object header and payload (duplicate names refused), {@code alg}
 * {@code EdDSA} only, a signature part of 80–90 characters that decodes to 64 bytes (Ed25519).
 */
final class CompactJws {

    /** Connect.identityToken and AuthToken.accessToken are at most 8192 characters. */
    static final int MAX_TOKEN_CHARS = 8192;

    /** Strict JSON: duplicate names and trailing content refused, small nesting/length limits. */
    static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(16).maxStringLength(64 * 1024).maxNumberLength(32).build())
            .build())
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();

    private static final byte[] ED25519_SPKI_PREFIX = {
        0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
    };

    final String kid;
    final JsonNode claims;
    private final byte[] signingInput;
    private final byte[] signature;

    private CompactJws(String kid, JsonNode claims, byte[] signingInput, byte[] signature) {
        this.kid = kid;
        this.claims = claims;
        this.signingInput = signingInput;
        this.signature = signature;
    }

    /** Parses without verifying; throws {@link InvalidTokenException} with MALFORMED or UNSUPPORTED_ALGORITHM. */
    static CompactJws parse(String token, String disconnectReason) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
            throw new InvalidTokenException(TokenFailure.MALFORMED, disconnectReason);
        }
        int dot1 = token.indexOf('.');
        int dot2 = dot1 < 0 ? -1 : token.indexOf('.', dot1 + 1);
        if (dot1 <= 0 || dot2 < 0 || token.indexOf('.', dot2 + 1) >= 0) {
            throw new InvalidTokenException(TokenFailure.MALFORMED, disconnectReason);
        }
        String headerPart = token.substring(0, dot1);
        String payloadPart = token.substring(dot1 + 1, dot2);
        String signaturePart = token.substring(dot2 + 1);

        JsonNode header = decodeObject(headerPart, disconnectReason);
        JsonNode alg = header.get("alg");
        if (alg == null || !alg.isTextual() || !"EdDSA".equals(alg.textValue()) || header.has("crit")) {
            throw new InvalidTokenException(TokenFailure.UNSUPPORTED_ALGORITHM, disconnectReason);
        }
        // The official validator refuses anything but 80..90 characters here (Ed25519 = 86): no stripped signatures.
        if (signaturePart.length() < 80 || signaturePart.length() > 90) {
            throw new InvalidTokenException(TokenFailure.MALFORMED, disconnectReason);
        }
        byte[] signature = decode(signaturePart, disconnectReason);
        if (signature.length != 64) {
            throw new InvalidTokenException(TokenFailure.MALFORMED, disconnectReason);
        }
        JsonNode claims = decodeObject(payloadPart, disconnectReason);
        JsonNode kid = header.get("kid");
        String kidText = kid != null && kid.isTextual() && !kid.textValue().isEmpty() ? kid.textValue() : null;
        byte[] signingInput = token.substring(0, dot2).getBytes(StandardCharsets.US_ASCII);
        return new CompactJws(kidText, claims, signingInput, signature);
    }

    boolean verify(PublicKey key) {
        byte[] raw = rawEd25519(key);
        if (raw != null && signature.length == Ed25519.SIGNATURE_SIZE) {
            // BouncyCastle's RFC 8032 verifier: the same verdicts as the JDK's "Ed25519" Signature for about a
            // sixth of its CPU on JDK 17 (docs/benchmarks.md), and this runs for every authenticated join.
            try {
                return Ed25519.verify(signature, 0, raw, 0, signingInput, 0, signingInput.length);
            } catch (RuntimeException e) {
                return false;
            }
        }
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(signingInput);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** The 32 raw bytes of an Ed25519 public key in X.509 (SPKI) encoding; null for any other key. */
    private static byte[] rawEd25519(PublicKey key) {
        byte[] spki = key == null ? null : key.getEncoded();
        if (spki == null || spki.length != ED25519_SPKI_PREFIX.length + Ed25519.PUBLIC_KEY_SIZE
                || !Arrays.equals(spki, 0, ED25519_SPKI_PREFIX.length, ED25519_SPKI_PREFIX, 0, ED25519_SPKI_PREFIX.length)) {
            return null;
        }
        return Arrays.copyOfRange(spki, ED25519_SPKI_PREFIX.length, spki.length);
    }

    /** An Ed25519 public key from the raw 32 bytes of a JWK {@code x}. */
    static PublicKey ed25519PublicKey(byte[] raw) throws GeneralSecurityException {
        if (raw.length != 32) {
            throw new GeneralSecurityException("Ed25519 public key must be 32 bytes");
        }
        byte[] spki = new byte[ED25519_SPKI_PREFIX.length + 32];
        System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
        System.arraycopy(raw, 0, spki, ED25519_SPKI_PREFIX.length, 32);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
    }

    static boolean isBase64Url(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                return false;
            }
        }
        return s.length() % 4 != 1;
    }

    private static byte[] decode(String part, String disconnectReason) {
        if (!isBase64Url(part)) {
            throw new InvalidTokenException(TokenFailure.MALFORMED, disconnectReason);
        }
        try {
            return Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw new InvalidTokenException(TokenFailure.MALFORMED, disconnectReason);
        }
    }

    private static JsonNode decodeObject(String part, String disconnectReason) {
        byte[] bytes = decode(part, disconnectReason);
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new InvalidTokenException(TokenFailure.MALFORMED, disconnectReason);
            }
            return node;
        } catch (IOException e) {
            throw new InvalidTokenException(TokenFailure.MALFORMED, disconnectReason);
        }
    }
}
