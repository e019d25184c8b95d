package io.gatehouse.auth.hytale;

import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The Hytale login decisions of the official server (hytale-protocol.md §6.2–§6.3, §5.2), for the gateway to act
 * on packet by packet. Stateless between calls: the gateway keeps the connection state (Connect identity, the
 * client and server certificate fingerprints, the last password challenge) and passes it in.
 *
 * <p>Every Mono completes with a decision, never an error: failures become {@code Refuse} with the official
 * Disconnect text. Session-service calls are bounded by {@link SessionServiceClient}'s timeout and breaker.
 *
 * <p>Modes ({@value #PROP_AUTH_MODE}): {@code authenticated} (default) runs
 * Connect → AuthGrant → AuthToken → ServerAuthToken; {@code insecure} answers Connect with ConnectAccept. A server
 * password ({@value #PROP_PASSWORD}) adds a challenge to ServerAuthToken or ConnectAccept in either mode.
 */
public final class HytaleAuthenticator {

    public static final String PROP_AUTH_MODE = "gatehouse.hytale.auth-mode";
    public static final String PROP_PASSWORD = "gatehouse.hytale.password";

    private static final Logger log = LoggerFactory.getLogger(HytaleAuthenticator.class);

    public enum AuthMode {
        AUTHENTICATED,
        INSECURE;

        /** {@code authenticated} | {@code insecure} (case-insensitive); null or blank means authenticated. */
        public static AuthMode parse(String value) {
            if (value == null || value.isBlank()) {
                return AUTHENTICATED;
            }
            switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "authenticated":
                    return AUTHENTICATED;
                case "insecure":
                    return INSECURE;
                default:
                    throw new IllegalArgumentException(PROP_AUTH_MODE + " must be authenticated or insecure");
            }
        }
    }

    /** Mode and optional password. The password is excluded from {@link #toString()}. */
    public record Settings(AuthMode mode, String password) {
        public Settings {
            Objects.requireNonNull(mode);
        }

        public static Settings from(Function<String, String> properties) {
            String password = properties.apply(PROP_PASSWORD);
            return new Settings(AuthMode.parse(properties.apply(PROP_AUTH_MODE)),
                password == null || password.isEmpty() ? null : password);
        }

        @Override
        public String toString() {
            return "Settings[mode=" + mode + ", password=" + (password != null ? "set" : "none") + "]";
        }
    }

    /**
     * Connect, as received.
     *
     * @param uuid                  Connect.uuid (null on protocol v3, whose Connect has none)
     * @param username              Connect.username (null on v3)
     * @param identityToken         Connect.identityToken (null or empty when absent)
     * @param clientCertFingerprint {@link CertificateFingerprints} of the QUIC client certificate (kept by the
     *                              gateway for AuthToken; not needed to decide on Connect itself)
     */
    public record ConnectRequest(UUID uuid, String username, String identityToken, ClientKind clientKind,
                                 String clientCertFingerprint) {
        public ConnectRequest {
            Objects.requireNonNull(clientKind);
        }

        @Override
        public String toString() {
            return "ConnectRequest[uuid=" + uuid + ", username=" + username + ", clientKind=" + clientKind
                + ", identityToken=" + (identityToken != null && !identityToken.isEmpty()) + "]";
        }
    }

    /**
     * AuthToken, with the connection's state.
     *
     * @param uuid                  Connect.uuid (on v3: {@code SendAuthGrant.player().uuid()})
     * @param username              Connect.username (on v3: {@code SendAuthGrant.player().username()})
     * @param clientCertFingerprint fingerprint of the client's QUIC certificate
     * @param serverCertFingerprint fingerprint of the certificate this gateway presented in that QUIC handshake
     */
    public record AuthTokenRequest(UUID uuid, String username, String accessToken, String serverAuthorizationGrant,
                                   String clientCertFingerprint, String serverCertFingerprint) {
        @Override
        public String toString() {
            return "AuthTokenRequest[uuid=" + uuid + ", username=" + username + "]";
        }
    }

    private final AuthMode mode;
    private final HytaleTokenVerifier verifier;
    private final SessionServiceClient sessionService;
    private final ServerIdentity serverIdentity;
    private final PasswordChallenges passwords;

    /**
     * @param verifier       needed in authenticated mode (may be null in insecure mode)
     * @param sessionService needed in authenticated mode (may be null in insecure mode)
     * @param serverIdentity needed in authenticated mode (may be null in insecure mode)
     */
    public HytaleAuthenticator(AuthMode mode, HytaleTokenVerifier verifier, SessionServiceClient sessionService,
                               ServerIdentity serverIdentity, PasswordChallenges passwords) {
        this.mode = Objects.requireNonNull(mode);
        this.passwords = Objects.requireNonNull(passwords);
        if (mode == AuthMode.AUTHENTICATED) {
            Objects.requireNonNull(verifier, "verifier");
            Objects.requireNonNull(sessionService, "sessionService");
            Objects.requireNonNull(serverIdentity, "serverIdentity");
        }
        this.verifier = verifier;
        this.sessionService = sessionService;
        this.serverIdentity = serverIdentity;
    }

    public AuthMode mode() {
        return mode;
    }

    /** Connect → AuthGrant (authenticated), ConnectAccept (insecure), or Disconnect. */
    public Mono<ConnectDecision> onConnect(ConnectRequest request) {
        if (mode == AuthMode.INSECURE) {
            return Mono.just(new ConnectDecision.AcceptInsecure(passwords.challengeIfRequired()));
        }
        String identityToken = request.identityToken();
        if (identityToken == null || identityToken.isEmpty()) {
            return refuseConnect(DisconnectReasons.AUTHENTICATION_REQUIRED);
        }
        ServerIdentity.ServerSession session = serverIdentity.current().orElse(null);
        if (session == null) {
            log.warn("Hytale server session not available: refusing {}", request.username());
            return refuseConnect(DisconnectReasons.SERVER_AUTH_UNAVAILABLE);
        }
        return verifier.verifyIdentityToken(identityToken, request.uuid(), request.clientKind().requiredScope())
            .flatMap(player -> {
                // Protocol v3 has no username in Connect: the token's profile must provide it.
                if (request.username() == null && (player.username() == null || player.username().isEmpty())) {
                    return refuseConnect(DisconnectReasons.INVALID_IDENTITY_TOKEN);
                }
                return sessionService.requestAuthGrant(identityToken, serverIdentity.audience(), session.sessionToken())
                    .<ConnectDecision>map(grant -> new ConnectDecision.SendAuthGrant(grant, session.identityToken(), player))
                    .onErrorResume(SessionServiceException.class, e -> {
                        log.warn("Auth grant for {} failed: {}", player.uuid(), e.getMessage());
                        return refuseConnect(DisconnectReasons.GRANT_FAILED);
                    });
            })
            .onErrorResume(InvalidTokenException.class, e -> {
                log.info("Identity token of {} refused: {}", request.uuid(), e.failure());
                return refuseConnect(e.disconnectReason());
            })
            .onErrorResume(SessionServiceException.class, e -> {
                log.warn("Identity token of {} not verifiable: {}", request.uuid(), e.getMessage());
                return refuseConnect(DisconnectReasons.SERVER_AUTH_UNAVAILABLE);
            })
            .onErrorResume(e -> {
                log.error("Unexpected failure authenticating {}", request.uuid(), e);
                return refuseConnect(DisconnectReasons.SERVER_AUTH_FAILED);
            });
    }

    /** AuthToken → ServerAuthToken (with a password challenge if a password is set) or Disconnect. */
    public Mono<AuthTokenDecision> onAuthToken(AuthTokenRequest request) {
        if (mode == AuthMode.INSECURE) {
            return refuseToken(DisconnectReasons.UNEXPECTED_AUTH_TOKEN);
        }
        String accessToken = request.accessToken();
        if (accessToken == null || accessToken.isEmpty() || request.clientCertFingerprint() == null) {
            return refuseToken(DisconnectReasons.INVALID_ACCESS_TOKEN);
        }
        return verifier.verifyAccessToken(accessToken, serverIdentity.audience(), request.clientCertFingerprint(),
                request.uuid(), request.username())
            .flatMap(player -> {
                String serverGrant = request.serverAuthorizationGrant();
                if (serverGrant == null || serverGrant.isEmpty()) {
                    return refuseToken(DisconnectReasons.MUTUAL_AUTH_REQUIRED);
                }
                ServerIdentity.ServerSession session = serverIdentity.current().orElse(null);
                if (session == null || request.serverCertFingerprint() == null) {
                    return refuseToken(DisconnectReasons.SERVER_AUTH_UNAVAILABLE);
                }
                return sessionService.exchangeAuthToken(serverGrant, request.serverCertFingerprint(), session.sessionToken())
                    .<AuthTokenDecision>map(serverAccessToken -> new AuthTokenDecision.SendServerAuthToken(
                        serverAccessToken, passwords.challengeIfRequired(), player.uuid(), player.username()))
                    .onErrorResume(SessionServiceException.class, e -> {
                        log.warn("Server grant exchange for {} failed: {}", player.uuid(), e.getMessage());
                        return refuseToken(DisconnectReasons.SERVER_AUTH_FAILED);
                    });
            })
            .onErrorResume(InvalidTokenException.class, e -> {
                log.info("Access token of {} refused: {}", request.uuid(), e.failure());
                return refuseToken(e.disconnectReason());
            })
            .onErrorResume(SessionServiceException.class, e -> {
                log.warn("Access token of {} not verifiable: {}", request.uuid(), e.getMessage());
                return refuseToken(DisconnectReasons.SERVER_AUTH_UNAVAILABLE);
            })
            .onErrorResume(e -> {
                log.error("Unexpected failure authenticating {}", request.uuid(), e);
                return refuseToken(DisconnectReasons.SERVER_AUTH_FAILED);
            });
    }

    /**
     * PasswordResponse → PasswordAccepted, PasswordRejected(new challenge, attempts left) or Disconnect.
     *
     * @param issuedChallenge the challenge last sent on this connection (ConnectAccept, ServerAuthToken or
     *                        PasswordRejected), or null if none was sent
     */
    public Mono<PasswordDecision> onPasswordResponse(UUID player, byte[] issuedChallenge, byte[] response) {
        return passwords.check(player, issuedChallenge, response)
            .onErrorResume(e -> {
                log.error("Password check for {} failed", player, e);
                return Mono.just(new PasswordDecision.Refuse(DisconnectReasons.SERVER_AUTH_FAILED));
            });
    }

    private static Mono<ConnectDecision> refuseConnect(String reason) {
        return Mono.just(new ConnectDecision.Refuse(reason));
    }

    private static Mono<AuthTokenDecision> refuseToken(String reason) {
        return Mono.just(new AuthTokenDecision.Refuse(reason));
    }
}
