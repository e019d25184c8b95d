package io.gatehouse.auth.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Hytale login settings the auth service reads ({@code gatehouse.hytale.*}; the gateway's transport settings
 * share the prefix and live elsewhere). The server's own session credentials ({@code session-token},
 * {@code identity-token}, {@code oauth-access-token}, {@code server-audience}, {@code owner-uuid}) are read by
 * {@link io.gatehouse.auth.hytale.ServerIdentity.Config} under the same prefix.
 */
@ConfigurationProperties("gatehouse.hytale")
public class HytaleAuthProperties {

    /** {@code authenticated} (session-service JWTs, the default) or {@code insecure}. */
    private String authMode = "authenticated";

    /** Server password, in either mode; unset or empty means none. Never logged. */
    private String password;

    /** How long failed password attempts are remembered per player. */
    private Duration passwordAttemptWindow = Duration.ofMinutes(5);

    private final SessionService sessionService = new SessionService();

    public static class SessionService {
        /**
         * The Hytale session service (production {@code https://sessions.hytale.com}). Unset: the all-in-one's local
         * session service when one runs, else production.
         */
        private String url;

        /** Per-call timeout (the gateway's AuthServerExchange stage is 15 s, so keep this well below). */
        private Duration callTimeout = Duration.ofSeconds(10);

        public String getUrl() { return url; }
        public void setUrl(String url) { this.url = url; }
        public Duration getCallTimeout() { return callTimeout; }
        public void setCallTimeout(Duration callTimeout) { this.callTimeout = callTimeout; }
    }

    public String getAuthMode() { return authMode; }
    public void setAuthMode(String authMode) { this.authMode = authMode; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    public Duration getPasswordAttemptWindow() { return passwordAttemptWindow; }
    public void setPasswordAttemptWindow(Duration passwordAttemptWindow) { this.passwordAttemptWindow = passwordAttemptWindow; }
    public SessionService getSessionService() { return sessionService; }
}
