package io.gatehouse.dev.hytale;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;

/** Compact EdDSA JWS signing, and verification of the service's own tokens (the parameters it is handed back). */
final class LocalJwts {

    static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64URL_DECODER = Base64.getUrlDecoder();
    static final int MAX_TOKEN_CHARS = 8192;

    private LocalJwts() {
    }

    static String sign(SigningKey key, ObjectNode claims) {
        ObjectNode header = JSON.createObjectNode();
        header.put("alg", "EdDSA");
        header.put("kid", key.kid());
        header.put("typ", "JWT");
        try {
            String signingInput = B64URL.encodeToString(JSON.writeValueAsBytes(header)) + "."
                + B64URL.encodeToString(JSON.writeValueAsBytes(claims));
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(key.privateKey());
            signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64URL.encodeToString(signer.sign());
        } catch (GeneralSecurityException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("JWT signing failed", e);
        }
    }

    /**
     * Verifies structure, {@code alg=EdDSA} and the signature against one of our keys, and returns the claims.
     * Time and issuer checks are the caller's.
     */
    static Optional<ObjectNode> verifiedClaims(String token, Function<String, PublicKey> keysByKid) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || parts[2].isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode header = JSON.readTree(B64URL_DECODER.decode(parts[0]));
            if (header == null || !header.isObject() || !"EdDSA".equals(header.path("alg").asText(null))) {
                return Optional.empty();
            }
            PublicKey key = keysByKid.apply(header.path("kid").asText(""));
            if (key == null) {
                return Optional.empty();
            }
            byte[] sig = B64URL_DECODER.decode(parts[2]);
            if (sig.length != 64) {
                return Optional.empty();
            }
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!verifier.verify(sig)) {
                return Optional.empty();
            }
            JsonNode claims = JSON.readTree(B64URL_DECODER.decode(parts[1]));
            return claims != null && claims.isObject() ? Optional.of((ObjectNode) claims) : Optional.empty();
        } catch (java.io.IOException | IllegalArgumentException | GeneralSecurityException e) {
            return Optional.empty();
        }
    }
}
