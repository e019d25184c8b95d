package io.gatehouse.auth.hytale;

/** Why a Hytale JWT was refused. Checks run in the order the official {@code JWTValidator} runs them. */
public enum TokenFailure {
    /** Not a compact JWS of three base64url parts with JSON objects, wrong signature length, too long, duplicate claims. */
    MALFORMED,
    /** {@code alg} other than {@code EdDSA} ({@code none}, {@code HS256}, ...), or a {@code crit} header. */
    UNSUPPORTED_ALGORITHM,
    /** No {@code kid}, or a kid not in the JWKS even after the (rate-limited) refresh. */
    UNKNOWN_KEY,
    BAD_SIGNATURE,
    WRONG_ISSUER,
    WRONG_AUDIENCE,
    MISSING_EXPIRY,
    EXPIRED,
    NOT_YET_VALID,
    ISSUED_IN_FUTURE,
    /** {@code cnf."x5t#S256"} missing or not the fingerprint of the certificate presented in TLS. */
    CERTIFICATE_MISMATCH,
    /** {@code sub} missing or not a UUID. */
    INVALID_SUBJECT,
    /** {@code sub} is not the UUID the client announced in Connect. */
    SUBJECT_MISMATCH,
    /** {@code scope} lacks the scope the client type needs ({@code hytale:client}, {@code hytale:editor}, {@code hytale:server}). */
    MISSING_SCOPE,
    MISSING_USERNAME,
    USERNAME_MISMATCH
}
