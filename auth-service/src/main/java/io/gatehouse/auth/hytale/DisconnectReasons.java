package io.gatehouse.auth.hytale;

/** The official server's Disconnect texts for the authentication stages (HandshakeHandler, PasswordPacketHandler). */
public final class DisconnectReasons {

    public static final String AUTHENTICATION_REQUIRED = "This server requires authentication!";
    public static final String INVALID_IDENTITY_TOKEN = "Invalid or expired identity token";
    public static final String IDENTITY_UUID_MISMATCH = "Invalid identity token: UUID mismatch";
    public static final String GRANT_FAILED = "Failed to obtain authorization grant from session service";
    public static final String SERVER_AUTH_UNAVAILABLE = "Server authentication unavailable - please try again later";
    public static final String INVALID_ACCESS_TOKEN = "Invalid access token";
    public static final String ACCESS_UUID_MISMATCH = "Invalid token claims: UUID mismatch";
    public static final String ACCESS_MISSING_USERNAME = "Invalid token claims: missing username";
    public static final String ACCESS_USERNAME_MISMATCH = "Invalid token claims: username mismatch";
    public static final String MUTUAL_AUTH_REQUIRED = "Mutual authentication required - please update your client";
    public static final String SERVER_AUTH_FAILED = "Server authentication failed - please try again later";
    public static final String UNEXPECTED_AUTH_TOKEN = "Protocol error: unexpected AuthToken packet";
    public static final String UNEXPECTED_PASSWORD_RESPONSE = "Protocol error: unexpected PasswordResponse";
    public static final String INVALID_PASSWORD_RESPONSE = "Invalid password response";
    public static final String TOO_MANY_PASSWORD_ATTEMPTS = "Too many failed password attempts";

    private DisconnectReasons() {
    }

    /** {@code "Invalid identity token: missing <scope> scope"}. */
    public static String identityMissingScope(String scope) {
        return "Invalid identity token: missing " + scope + " scope";
    }
}
