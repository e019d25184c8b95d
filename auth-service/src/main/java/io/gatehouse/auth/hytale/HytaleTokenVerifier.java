package io.gatehouse.auth.hytale;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import reactor.core.publisher.Mono;

/**
 * Verifies the session service's JWTs exactly as the official {@code JWTValidator} and {@code HandshakeHandler}
 * do (hytale-protocol.md §7.4, §6.3): EdDSA only, signature by a JWKS key selected by {@code kid}, {@code iss},
 * {@code exp} required, {@code exp}/{@code nbf}/{@code iat} with ±300 s skew, {@code sub} a UUID, then per token type
 * the scope, audience, certificate binding and Connect identity. Checks run in the official order; the first
 * failure wins and is reported as {@link InvalidTokenException} with a {@link TokenFailure} and the official
 * Disconnect text. When the keys themselves cannot be fetched the Mono fails with {@link SessionServiceException}.
 *
 * <p>Stricter than the official validator in two deliberate ways: a token without {@code kid} is refused (the
 * real service always sends one), and {@code sub} must be a canonical 36-character UUID.
 */
public final class HytaleTokenVerifier {

    public static final String DEFAULT_ISSUER = "https://sessions.hytale.com";
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(300);
    public static final String SCOPE_CLIENT = "hytale:client";
    public static final String SCOPE_EDITOR = "hytale:editor";
    public static final String SCOPE_SERVER = "hytale:server";

    private static final Pattern CANONICAL_UUID =
        Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final JwksKeySource keys;
    private final String expectedIssuer;
    private final Clock clock;

    public HytaleTokenVerifier(JwksKeySource keys, String expectedIssuer, Clock clock) {
        this.keys = Objects.requireNonNull(keys);
        this.expectedIssuer = Objects.requireNonNull(expectedIssuer);
        this.clock = Objects.requireNonNull(clock);
    }

    /** Claims of a verified identity token (a player's from Connect, or a server's). */
    public record IdentityClaims(UUID uuid, String username, String scope, List<String> entitlements, String skin,
                                 Instant expiresAt) {
        public boolean hasScope(String wanted) {
            return HytaleTokenVerifier.hasScope(scope, wanted);
        }
    }

    /** Claims of a verified access token (AuthToken.accessToken). */
    public record AccessClaims(UUID uuid, String username, String audience, String certificateFingerprint,
                               String ip, String scope, Instant expiresAt) {
    }

    /** Claims of a verified session token. */
    public record SessionClaims(UUID uuid, String scope, Instant expiresAt) {
    }

    /**
     * A player's identity token from Connect.
     *
     * @param expectedUuid  Connect.uuid, or null for protocol v3 (no uuid in Connect: identity comes from the token)
     * @param requiredScope {@value #SCOPE_CLIENT} for game clients, {@value #SCOPE_EDITOR} for editors
     */
    public Mono<IdentityClaims> verifyIdentityToken(String token, UUID expectedUuid, String requiredScope) {
        String reason = DisconnectReasons.INVALID_IDENTITY_TOKEN;
        return verifySigned(token, reason).map(claims -> {
            checkIssuer(claims, reason);
            Instant exp = checkTimes(claims, reason);
            UUID subject = subject(claims, reason);
            if (expectedUuid != null && !expectedUuid.equals(subject)) {
                throw new InvalidTokenException(TokenFailure.SUBJECT_MISMATCH, DisconnectReasons.IDENTITY_UUID_MISMATCH);
            }
            String scope = text(claims.get("scope"));
            if (!hasScope(scope, requiredScope)) {
                throw new InvalidTokenException(TokenFailure.MISSING_SCOPE,
                    DisconnectReasons.identityMissingScope(requiredScope));
            }
            JsonNode profile = claims.path("profile");
            List<String> entitlements = new ArrayList<>();
            for (JsonNode e : profile.path("entitlements")) {
                if (e.isTextual()) {
                    entitlements.add(e.textValue());
                }
            }
            return new IdentityClaims(subject, text(profile.get("username")), scope, List.copyOf(entitlements),
                text(profile.get("skin")), exp);
        });
    }

    /** The server's own identity token (scope {@value #SCOPE_SERVER}), as checked at boot. */
    public Mono<IdentityClaims> verifyServerIdentityToken(String token) {
        return verifyIdentityToken(token, null, SCOPE_SERVER);
    }

    /** A session token (when one is supplied by configuration): signature, issuer, times, subject. */
    public Mono<SessionClaims> verifySessionToken(String token) {
        String reason = DisconnectReasons.SERVER_AUTH_UNAVAILABLE;
        return verifySigned(token, reason).map(claims -> {
            checkIssuer(claims, reason);
            Instant exp = checkTimes(claims, reason);
            return new SessionClaims(subject(claims, reason), text(claims.get("scope")), exp);
        });
    }

    /**
     * A player's access token from AuthToken.
     *
     * @param expectedAudience      this server's audience (§7.2)
     * @param clientCertFingerprint fingerprint of the client certificate seen in the QUIC handshake (§7.5)
     * @param expectedUuid          Connect.uuid, or null (v3) to take the token's subject
     * @param expectedUsername      Connect.username, or null (v3) to take the token's username
     */
    public Mono<AccessClaims> verifyAccessToken(String token, String expectedAudience, String clientCertFingerprint,
                                                UUID expectedUuid, String expectedUsername) {
        String reason = DisconnectReasons.INVALID_ACCESS_TOKEN;
        return verifySigned(token, reason).map(claims -> {
            checkIssuer(claims, reason);
            String audience = firstAudience(claims.get("aud"));
            if (audience == null || !audience.equals(expectedAudience)) {
                throw new InvalidTokenException(TokenFailure.WRONG_AUDIENCE, reason);
            }
            Instant exp = checkTimes(claims, reason);
            String bound = text(claims.path("cnf").get("x5t#S256"));
            if (!CertificateFingerprints.matches(clientCertFingerprint, bound)) {
                throw new InvalidTokenException(TokenFailure.CERTIFICATE_MISMATCH, reason);
            }
            UUID subject = subject(claims, reason);
            if (expectedUuid != null && !expectedUuid.equals(subject)) {
                throw new InvalidTokenException(TokenFailure.SUBJECT_MISMATCH, DisconnectReasons.ACCESS_UUID_MISMATCH);
            }
            String username = text(claims.get("username"));
            if (username == null || username.isEmpty()) {
                throw new InvalidTokenException(TokenFailure.MISSING_USERNAME, DisconnectReasons.ACCESS_MISSING_USERNAME);
            }
            if (expectedUsername != null && !expectedUsername.equals(username)) {
                throw new InvalidTokenException(TokenFailure.USERNAME_MISMATCH, DisconnectReasons.ACCESS_USERNAME_MISMATCH);
            }
            return new AccessClaims(subject, username, audience, bound, text(claims.get("ip")),
                text(claims.get("scope")), exp);
        });
    }

    // ------------------------------------------------------------------------------------------------ checks

    private Mono<JsonNode> verifySigned(String token, String reason) {
        CompactJws jws;
        try {
            jws = CompactJws.parse(token, reason);
        } catch (InvalidTokenException e) {
            return Mono.error(e);
        }
        if (jws.kid == null) {
            return Mono.error(new InvalidTokenException(TokenFailure.UNKNOWN_KEY, reason));
        }
        return keys.key(jws.kid)
            .switchIfEmpty(Mono.error(() -> new InvalidTokenException(TokenFailure.UNKNOWN_KEY, reason)))
            .map(key -> {
                if (!jws.verify(key)) {
                    throw new InvalidTokenException(TokenFailure.BAD_SIGNATURE, reason);
                }
                return jws.claims;
            });
    }

    private void checkIssuer(JsonNode claims, String reason) {
        if (!expectedIssuer.equals(text(claims.get("iss")))) {
            throw new InvalidTokenException(TokenFailure.WRONG_ISSUER, reason);
        }
    }

    /** exp required; now ≥ exp + skew expired; now < nbf − skew not yet valid; iat > now + skew refused. */
    private Instant checkTimes(JsonNode claims, String reason) {
        long now = clock.instant().getEpochSecond();
        long skew = CLOCK_SKEW.getSeconds();
        Long exp = numericDate(claims.get("exp"), reason);
        Long nbf = numericDate(claims.get("nbf"), reason);
        Long iat = numericDate(claims.get("iat"), reason);
        if (exp == null) {
            throw new InvalidTokenException(TokenFailure.MISSING_EXPIRY, reason);
        }
        if (now >= exp + skew) {
            throw new InvalidTokenException(TokenFailure.EXPIRED, reason);
        }
        if (nbf != null && now < nbf - skew) {
            throw new InvalidTokenException(TokenFailure.NOT_YET_VALID, reason);
        }
        if (iat != null && iat > now + skew) {
            throw new InvalidTokenException(TokenFailure.ISSUED_IN_FUTURE, reason);
        }
        return Instant.ofEpochSecond(exp);
    }

    private static Long numericDate(JsonNode node, String reason) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber()) {
            throw new InvalidTokenException(TokenFailure.MALFORMED, reason);
        }
        double value = node.asDouble();
        if (!Double.isFinite(value) || Math.abs(value) > 1e13) {
            throw new InvalidTokenException(TokenFailure.MALFORMED, reason);
        }
        return (long) Math.floor(value);
    }

    private static UUID subject(JsonNode claims, String reason) {
        String sub = text(claims.get("sub"));
        if (sub == null || !CANONICAL_UUID.matcher(sub).matches()) {
            throw new InvalidTokenException(TokenFailure.INVALID_SUBJECT, reason);
        }
        return UUID.fromString(sub);
    }

    /** Like the official validator: a string, or the first element of an array. */
    private static String firstAudience(JsonNode aud) {
        if (aud == null) {
            return null;
        }
        if (aud.isArray()) {
            return aud.size() > 0 ? text(aud.get(0)) : null;
        }
        return text(aud);
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.textValue() : null;
    }

    static boolean hasScope(String scope, String wanted) {
        if (scope == null || scope.isEmpty()) {
            return false;
        }
        for (String s : scope.split(" ")) {
            if (s.equals(wanted)) {
                return true;
            }
        }
        return false;
    }
}
