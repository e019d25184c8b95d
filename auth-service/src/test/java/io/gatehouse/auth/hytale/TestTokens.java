package io.gatehouse.auth.hytale;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Signs arbitrary JWTs with a test Ed25519 key and publishes it as a JWKS, independently of production code. */
final class TestTokens {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    final String kid;
    final KeyPair keys;

    TestTokens(String kid) {
        this.kid = kid;
        try {
            this.keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    String jwk() {
        byte[] spki = keys.getPublic().getEncoded();
        String x = B64.encodeToString(Arrays.copyOfRange(spki, spki.length - 32, spki.length));
        return "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + x + "\",\"kid\":\"" + kid + "\",\"alg\":\"EdDSA\",\"use\":\"sig\"}";
    }

    static String jwks(TestTokens... signers) {
        StringBuilder sb = new StringBuilder("{\"keys\":[");
        for (int i = 0; i < signers.length; i++) {
            sb.append(i == 0 ? "" : ",").append(signers[i].jwk());
        }
        return sb.append("]}").toString();
    }

    String sign(Map<String, ?> claims) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "EdDSA");
        header.put("kid", kid);
        header.put("typ", "JWT");
        return sign(header, claims);
    }

    String sign(Map<String, ?> header, Map<String, ?> claims) {
        try {
            String input = B64.encodeToString(JSON.writeValueAsBytes(header)) + "."
                + B64.encodeToString(JSON.writeValueAsBytes(claims));
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(keys.getPrivate());
            s.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + B64.encodeToString(s.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A compact token from literal JSON parts and an arbitrary signature string. */
    static String raw(String headerJson, String payloadJson, String signature) {
        return B64.encodeToString(headerJson.getBytes(StandardCharsets.UTF_8)) + "."
            + B64.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8)) + "." + signature;
    }

    static Map<String, Object> identityClaims(String uuid, String username, String scope, long now) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("iss", HytaleTokenVerifier.DEFAULT_ISSUER);
        c.put("sub", uuid);
        c.put("iat", now);
        c.put("nbf", now);
        c.put("exp", now + 3600);
        c.put("scope", scope);
        c.put("profile", Map.of("username", username, "entitlements", List.of("game.base")));
        return c;
    }

    static Map<String, Object> accessClaims(String uuid, String username, String aud, String fingerprint, long now) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("iss", HytaleTokenVerifier.DEFAULT_ISSUER);
        c.put("sub", uuid);
        c.put("aud", aud);
        c.put("iat", now);
        c.put("nbf", now);
        c.put("exp", now + 3600);
        c.put("username", username);
        c.put("scope", "hytale:client");
        c.put("cnf", Map.of("x5t#S256", fingerprint));
        return c;
    }
}
