package io.gatehouse.auth.hytale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gatehouse.registry.contract.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Mono;

@Timeout(30)
class HytaleTokenVerifierTest {

    private static final String FP = "y_u75B1a0kiL_trhUiMQe3Sp_9lXYO25j90NVEh5wU8";
    private static final String AUD = "3f1c2b7e-8d35-4d8e-9b7a-4f5d2c1e0a99";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
    private final long now = clock.instant().getEpochSecond();
    private final TestTokens signer = new TestTokens("kid-1");
    private final TestTokens stranger = new TestTokens("kid-1");
    private final HytaleTokenVerifier verifier = new HytaleTokenVerifier(
        new JwksKeySource(() -> Mono.just(TestTokens.jwks(signer)), clock, Duration.ofMinutes(5), Duration.ofSeconds(30)),
        HytaleTokenVerifier.DEFAULT_ISSUER, clock);
    private final UUID uuid = UUID.randomUUID();

    private TokenFailure identityFailure(String token) {
        InvalidTokenException e = catchThrowableOfType(
            () -> verifier.verifyIdentityToken(token, uuid, "hytale:client").block(), InvalidTokenException.class);
        assertThat(e).as("expected a refusal").isNotNull();
        return e.failure();
    }

    private InvalidTokenException accessRefusal(String token) {
        InvalidTokenException e = catchThrowableOfType(
            () -> verifier.verifyAccessToken(token, AUD, FP, uuid, "Alice").block(), InvalidTokenException.class);
        assertThat(e).as("expected a refusal").isNotNull();
        return e;
    }

    private Map<String, Object> identity() {
        return TestTokens.identityClaims(uuid.toString(), "Alice", "hytale:client", now);
    }

    private Map<String, Object> access() {
        return TestTokens.accessClaims(uuid.toString(), "Alice", AUD, FP, now);
    }

    private static Map<String, Object> with(Map<String, Object> claims, String name, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(claims);
        if (value == null) {
            copy.remove(name);
        } else {
            copy.put(name, value);
        }
        return copy;
    }

    @Test
    void acceptsAGoodIdentityToken() {
        HytaleTokenVerifier.IdentityClaims claims =
            verifier.verifyIdentityToken(signer.sign(identity()), uuid, "hytale:client").block();
        assertThat(claims.uuid()).isEqualTo(uuid);
        assertThat(claims.username()).isEqualTo("Alice");
        assertThat(claims.entitlements()).containsExactly("game.base");
    }

    @Test
    void acceptsAGoodAccessTokenWithStringOrArrayAudience() {
        assertThat(verifier.verifyAccessToken(signer.sign(access()), AUD, FP, uuid, "Alice").block().username())
            .isEqualTo("Alice");
        assertThat(verifier.verifyAccessToken(signer.sign(with(access(), "aud", List.of(AUD, "other"))), AUD, FP,
            uuid, "Alice").block().audience()).isEqualTo(AUD);
    }

    @Test
    void refusesOtherAlgorithmsAndGarbage() {
        String claims = "{\"iss\":\"https://sessions.hytale.com\",\"sub\":\"" + uuid + "\",\"exp\":" + (now + 60)
            + ",\"scope\":\"hytale:client\"}";
        assertThat(identityFailure(TestTokens.raw("{\"alg\":\"none\"}", claims, ""))).isEqualTo(TokenFailure.UNSUPPORTED_ALGORITHM);
        assertThat(identityFailure(TestTokens.raw("{\"alg\":\"HS256\",\"kid\":\"kid-1\"}", claims, "x".repeat(43))))
            .isEqualTo(TokenFailure.UNSUPPORTED_ALGORITHM);
        assertThat(identityFailure(TestTokens.raw("{\"alg\":\"EdDSA\",\"kid\":\"kid-1\",\"crit\":[\"b64\"]}", claims, "A".repeat(86))))
            .isEqualTo(TokenFailure.UNSUPPORTED_ALGORITHM);
        String good = signer.sign(identity());
        String[] parts = good.split("\\.");
        assertThat(identityFailure(parts[0] + "." + parts[1] + ".")).isEqualTo(TokenFailure.MALFORMED);
        assertThat(identityFailure(parts[0] + "." + parts[1])).isEqualTo(TokenFailure.MALFORMED);
        assertThat(identityFailure(good + ".x")).isEqualTo(TokenFailure.MALFORMED);
        assertThat(identityFailure("garbage")).isEqualTo(TokenFailure.MALFORMED);
        assertThat(identityFailure("")).isEqualTo(TokenFailure.MALFORMED);
        assertThat(identityFailure("a.b.c")).isEqualTo(TokenFailure.MALFORMED);
        assertThat(identityFailure(parts[0] + "=." + parts[1] + "." + parts[2])).isEqualTo(TokenFailure.MALFORMED);
        assertThat(identityFailure(TestTokens.raw("[1]", claims, "A".repeat(86)))).isEqualTo(TokenFailure.MALFORMED);
        assertThat(identityFailure(TestTokens.raw("{\"alg\":\"EdDSA\",\"kid\":\"kid-1\"}", "{\"sub\":1,\"sub\":2}", "A".repeat(86))))
            .isEqualTo(TokenFailure.MALFORMED);
        assertThat(identityFailure("x".repeat(9000))).isEqualTo(TokenFailure.MALFORMED);
    }

    @Test
    void refusesWrongKeyAndSignature() {
        assertThat(identityFailure(stranger.sign(identity()))).isEqualTo(TokenFailure.BAD_SIGNATURE);
        Map<String, Object> header = Map.of("alg", "EdDSA", "typ", "JWT");
        assertThat(identityFailure(signer.sign(header, identity()))).isEqualTo(TokenFailure.UNKNOWN_KEY);
        String good = signer.sign(identity());
        String tampered = good.substring(0, good.indexOf('.') + 1)
            + TestTokens.B64.encodeToString(("{\"iss\":\"https://sessions.hytale.com\",\"sub\":\"" + uuid
                + "\",\"exp\":" + (now + 60) + ",\"scope\":\"hytale:client hytale:editor\"}").getBytes())
            + good.substring(good.lastIndexOf('.'));
        assertThat(identityFailure(tampered)).isEqualTo(TokenFailure.BAD_SIGNATURE);
    }

    @Test
    void checksIssuerTimesSubjectAndScope() {
        assertThat(identityFailure(signer.sign(with(identity(), "iss", "https://evil.example")))).isEqualTo(TokenFailure.WRONG_ISSUER);
        assertThat(identityFailure(signer.sign(with(identity(), "exp", null)))).isEqualTo(TokenFailure.MISSING_EXPIRY);
        assertThat(identityFailure(signer.sign(with(identity(), "exp", now - 300)))).isEqualTo(TokenFailure.EXPIRED);
        assertThat(verifier.verifyIdentityToken(signer.sign(with(identity(), "exp", now - 299)), uuid, "hytale:client").block())
            .as("within the 300 s skew").isNotNull();
        assertThat(identityFailure(signer.sign(with(identity(), "nbf", now + 301)))).isEqualTo(TokenFailure.NOT_YET_VALID);
        assertThat(identityFailure(signer.sign(with(identity(), "iat", now + 301)))).isEqualTo(TokenFailure.ISSUED_IN_FUTURE);
        assertThat(identityFailure(signer.sign(with(identity(), "exp", "soon")))).isEqualTo(TokenFailure.MALFORMED);
        assertThat(identityFailure(signer.sign(with(identity(), "sub", "not-a-uuid")))).isEqualTo(TokenFailure.INVALID_SUBJECT);
        assertThat(identityFailure(signer.sign(with(identity(), "sub", UUID.randomUUID().toString()))))
            .isEqualTo(TokenFailure.SUBJECT_MISMATCH);
        assertThat(identityFailure(signer.sign(with(identity(), "scope", "hytale:server")))).isEqualTo(TokenFailure.MISSING_SCOPE);
        assertThat(identityFailure(signer.sign(with(identity(), "scope", "hytale:clientx")))).isEqualTo(TokenFailure.MISSING_SCOPE);
    }

    @Test
    void identityFailuresCarryTheOfficialTexts() {
        InvalidTokenException scope = catchThrowableOfType(() -> verifier.verifyIdentityToken(
            signer.sign(identity()), uuid, "hytale:editor").block(), InvalidTokenException.class);
        assertThat(scope.disconnectReason()).isEqualTo("Invalid identity token: missing hytale:editor scope");
        InvalidTokenException mismatch = catchThrowableOfType(() -> verifier.verifyIdentityToken(
            signer.sign(identity()), UUID.randomUUID(), "hytale:client").block(), InvalidTokenException.class);
        assertThat(mismatch.disconnectReason()).isEqualTo("Invalid identity token: UUID mismatch");
        InvalidTokenException expired = catchThrowableOfType(() -> verifier.verifyIdentityToken(
            signer.sign(with(identity(), "exp", now - 1000)), uuid, "hytale:client").block(), InvalidTokenException.class);
        assertThat(expired.disconnectReason()).isEqualTo("Invalid or expired identity token");
        assertThat(expired.getMessage()).doesNotContain("ey");
    }

    @Test
    void checksAccessTokenAudienceBindingAndIdentity() {
        assertThat(accessRefusal(signer.sign(with(access(), "aud", "another-server"))).failure()).isEqualTo(TokenFailure.WRONG_AUDIENCE);
        assertThat(accessRefusal(signer.sign(with(access(), "aud", null))).failure()).isEqualTo(TokenFailure.WRONG_AUDIENCE);
        assertThat(accessRefusal(signer.sign(with(access(), "cnf", Map.of("x5t#S256", FP.replace('y', 'z'))))).failure())
            .isEqualTo(TokenFailure.CERTIFICATE_MISMATCH);
        assertThat(accessRefusal(signer.sign(with(access(), "cnf", null))).failure()).isEqualTo(TokenFailure.CERTIFICATE_MISMATCH);
        InvalidTokenException sub = accessRefusal(signer.sign(with(access(), "sub", UUID.randomUUID().toString())));
        assertThat(sub.failure()).isEqualTo(TokenFailure.SUBJECT_MISMATCH);
        assertThat(sub.disconnectReason()).isEqualTo("Invalid token claims: UUID mismatch");
        InvalidTokenException noName = accessRefusal(signer.sign(with(access(), "username", null)));
        assertThat(noName.disconnectReason()).isEqualTo("Invalid token claims: missing username");
        InvalidTokenException otherName = accessRefusal(signer.sign(with(access(), "username", "alice")));
        assertThat(otherName.disconnectReason()).isEqualTo("Invalid token claims: username mismatch");
        assertThat(accessRefusal(signer.sign(with(access(), "exp", now - 301))).disconnectReason()).isEqualTo("Invalid access token");
    }
}
