package io.gatehouse.auth.hytale;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The gateway's own Hytale server identity (hytale-protocol.md §7.2–§7.3): the game session whose
 * {@code sessionToken} is the bearer of the server-join calls and whose {@code identityToken} goes into
 * AuthGrant.serverIdentityToken, plus the server audience access tokens must carry.
 *
 * <p>Sources, in the official server's order:
 * <ol>
 *   <li>external session: {@code HYTALE_SERVER_SESSION_TOKEN} + {@code HYTALE_SERVER_IDENTITY_TOKEN} (or the
 *       properties {@value #PROP_SESSION_TOKEN} / {@value #PROP_IDENTITY_TOKEN}, our names for the official
 *       {@code --session-token} / {@code --identity-token}); both verified at start (identity token must carry
 *       {@code hytale:server});</li>
 *   <li>an OAuth access token ({@value #PROP_OAUTH_ACCESS_TOKEN} / {@code HYTALE_SERVER_OAUTH_ACCESS_TOKEN}; the
 *       official server gets it from its device/browser login, which Gatehouse does not reimplement) →
 *       {@code /my-account/get-profiles} (unless {@value #PROP_OWNER_UUID} is set) → {@code /game-session/new}.</li>
 * </ol>
 * The session is refreshed ({@code /game-session/refresh}) at {@code min(expiresAt, identity exp) − 300 s}, at
 * least 60 s ahead; a failed refresh re-creates the session from the OAuth token when there is one, else is
 * retried every 60 s while the current tokens are kept.
 *
 * <p>Audience: {@code HYTALE_SERVER_AUDIENCE} / {@value #PROP_AUDIENCE}, else a random UUID per boot. Behind several
 * gateways set it explicitly so that every node accepts the same access tokens.
 */
public final class ServerIdentity implements AutoCloseable {

    public static final String ENV_SESSION_TOKEN = "HYTALE_SERVER_SESSION_TOKEN";
    public static final String ENV_IDENTITY_TOKEN = "HYTALE_SERVER_IDENTITY_TOKEN";
    public static final String ENV_AUDIENCE = "HYTALE_SERVER_AUDIENCE";
    public static final String ENV_OAUTH_ACCESS_TOKEN = "HYTALE_SERVER_OAUTH_ACCESS_TOKEN";
    public static final String PROP_SESSION_TOKEN = "gatehouse.hytale.session-token";
    public static final String PROP_IDENTITY_TOKEN = "gatehouse.hytale.identity-token";
    public static final String PROP_AUDIENCE = "gatehouse.hytale.server-audience";
    public static final String PROP_OAUTH_ACCESS_TOKEN = "gatehouse.hytale.oauth-access-token";
    public static final String PROP_OWNER_UUID = "gatehouse.hytale.owner-uuid";

    static final Duration REFRESH_MARGIN = Duration.ofSeconds(300);
    static final Duration MIN_REFRESH_DELAY = Duration.ofSeconds(60);

    private static final Logger log = LoggerFactory.getLogger(ServerIdentity.class);

    /** Where the server's credentials come from. Secrets are excluded from {@link #toString()}. */
    public record Config(String sessionToken, String identityToken, String audience, String oauthAccessToken,
                         UUID ownerUuid) {

        /** Reads properties first, then environment variables (blank values count as absent). */
        public static Config from(Function<String, String> properties, Function<String, String> environment) {
            String owner = firstNonBlank(properties.apply(PROP_OWNER_UUID), null);
            return new Config(
                firstNonBlank(properties.apply(PROP_SESSION_TOKEN), environment.apply(ENV_SESSION_TOKEN)),
                firstNonBlank(properties.apply(PROP_IDENTITY_TOKEN), environment.apply(ENV_IDENTITY_TOKEN)),
                firstNonBlank(properties.apply(PROP_AUDIENCE), environment.apply(ENV_AUDIENCE)),
                firstNonBlank(properties.apply(PROP_OAUTH_ACCESS_TOKEN), environment.apply(ENV_OAUTH_ACCESS_TOKEN)),
                owner == null ? null : UUID.fromString(owner));
        }

        /** From JVM system properties and the process environment. */
        public static Config fromSystem() {
            return from(System::getProperty, System::getenv);
        }

        private static String firstNonBlank(String a, String b) {
            if (a != null && !a.isBlank()) {
                return a.trim();
            }
            return b != null && !b.isBlank() ? b.trim() : null;
        }

        @Override
        public String toString() {
            return "Config[externalSession=" + (sessionToken != null) + ", oauth=" + (oauthAccessToken != null)
                + ", audience=" + audience + ", ownerUuid=" + ownerUuid + "]";
        }
    }

    /** The current server session. */
    public record ServerSession(UUID uuid, String name, String sessionToken, String identityToken, Instant expiresAt) {
        @Override
        public String toString() {
            return "ServerSession[uuid=" + uuid + ", name=" + name + ", expiresAt=" + expiresAt + "]";
        }
    }

    private final Config config;
    private final SessionServiceClient client;
    private final HytaleTokenVerifier verifier;
    private final Clock clock;
    private final Scheduler scheduler;
    private final String audience;

    private volatile ServerSession current;
    private volatile Disposable scheduledRefresh;
    private volatile boolean closed;

    public ServerIdentity(Config config, SessionServiceClient client, HytaleTokenVerifier verifier, Clock clock) {
        this(config, client, verifier, clock, Schedulers.parallel());
    }

    public ServerIdentity(Config config, SessionServiceClient client, HytaleTokenVerifier verifier, Clock clock,
                          Scheduler scheduler) {
        this.config = Objects.requireNonNull(config);
        this.client = Objects.requireNonNull(client);
        this.verifier = Objects.requireNonNull(verifier);
        this.clock = Objects.requireNonNull(clock);
        this.scheduler = Objects.requireNonNull(scheduler);
        this.audience = config.audience() != null ? config.audience() : UUID.randomUUID().toString();
    }

    /** The audience every access token presented to this server must carry (§7.2). */
    public String audience() {
        return audience;
    }

    public Optional<ServerSession> current() {
        return Optional.ofNullable(current);
    }

    /** Obtains (or checks) the session and schedules its refresh. Fails if no credentials are configured. */
    public Mono<ServerSession> start() {
        Mono<ServerSession> first;
        if (config.sessionToken() != null || config.identityToken() != null) {
            if (config.sessionToken() == null || config.identityToken() == null) {
                return Mono.error(new IllegalStateException(
                    "an external session needs both " + ENV_SESSION_TOKEN + " and " + ENV_IDENTITY_TOKEN));
            }
            first = external(config.sessionToken(), config.identityToken());
        } else if (config.oauthAccessToken() != null) {
            first = create();
        } else {
            return Mono.error(new IllegalStateException("no Hytale server credentials: set " + ENV_SESSION_TOKEN
                + " and " + ENV_IDENTITY_TOKEN + ", or " + PROP_OAUTH_ACCESS_TOKEN));
        }
        return first.doOnNext(this::install);
    }

    /** Refreshes the session now (then re-creates it from OAuth if refreshing fails and OAuth is configured). */
    public Mono<ServerSession> refreshNow() {
        ServerSession session = current;
        if (session == null) {
            return Mono.error(new IllegalStateException("not started"));
        }
        Mono<ServerSession> refreshed = client.refreshGameSession(session.sessionToken())
            .flatMap(this::checked);
        if (config.oauthAccessToken() != null) {
            refreshed = refreshed.onErrorResume(e -> {
                log.warn("Server session refresh failed ({}); creating a new session", e.getMessage());
                return create();
            });
        }
        return refreshed.doOnNext(this::install);
    }

    /** When to refresh a session expiring at {@code expiresAt}: 300 s before, but no sooner than 60 s from now. */
    static Duration refreshDelay(Instant now, Instant expiresAt) {
        Duration untilMargin = Duration.between(now, expiresAt).minus(REFRESH_MARGIN);
        return untilMargin.compareTo(MIN_REFRESH_DELAY) < 0 ? MIN_REFRESH_DELAY : untilMargin;
    }

    @Override
    public void close() {
        closed = true;
        Disposable d = scheduledRefresh;
        if (d != null) {
            d.dispose();
        }
    }

    // ------------------------------------------------------------------------------------------------ internals

    private Mono<ServerSession> external(String sessionToken, String identityToken) {
        return Mono.zip(verifier.verifyServerIdentityToken(identityToken), verifier.verifySessionToken(sessionToken))
            .map(t -> new ServerSession(t.getT1().uuid(), t.getT1().username(), sessionToken, identityToken,
                earliest(t.getT1().expiresAt(), t.getT2().expiresAt())));
    }

    private Mono<ServerSession> create() {
        Mono<UUID> profile = config.ownerUuid() != null
            ? Mono.just(config.ownerUuid())
            : client.getProfiles(config.oauthAccessToken()).flatMap(ServerIdentity::onlyProfile);
        return profile
            .flatMap(uuid -> client.createGameSession(config.oauthAccessToken(), uuid))
            .flatMap(this::checked);
    }

    private static Mono<UUID> onlyProfile(List<SessionServiceClient.Profile> profiles) {
        if (profiles.size() == 1) {
            return Mono.just(profiles.get(0).uuid());
        }
        return Mono.error(new IllegalStateException(profiles.isEmpty()
            ? "the Hytale account has no game profile"
            : "the Hytale account has several profiles: set " + PROP_OWNER_UUID));
    }

    private Mono<ServerSession> checked(SessionServiceClient.GameSession session) {
        return verifier.verifyServerIdentityToken(session.identityToken())
            .map(identity -> new ServerSession(identity.uuid(), identity.username(), session.sessionToken(),
                session.identityToken(), earliest(identity.expiresAt(), session.expiresAt())));
    }

    private void install(ServerSession session) {
        current = session;
        log.info("Hytale server session for {} ({}) valid until {}", session.name(), session.uuid(), session.expiresAt());
        schedule(refreshDelay(clock.instant(), session.expiresAt()));
    }

    private void schedule(Duration delay) {
        if (closed) {
            return;
        }
        Disposable previous = scheduledRefresh;
        scheduledRefresh = Mono.delay(delay, scheduler)
            .flatMap(tick -> refreshNow())
            .subscribe(ok -> { }, error -> {
                log.warn("Hytale server session refresh failed ({}); retrying in {}", error.getMessage(),
                    MIN_REFRESH_DELAY);
                schedule(MIN_REFRESH_DELAY);
            });
        if (previous != null && previous != scheduledRefresh) {
            previous.dispose();
        }
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }
}
