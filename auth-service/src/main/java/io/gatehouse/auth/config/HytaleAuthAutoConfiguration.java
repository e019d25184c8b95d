package io.gatehouse.auth.config;

import io.gatehouse.auth.hytale.HytaleAuthenticator;
import io.gatehouse.auth.hytale.HytaleTokenVerifier;
import io.gatehouse.auth.hytale.JwksKeySource;
import io.gatehouse.auth.hytale.PasswordAttemptCounter;
import io.gatehouse.auth.hytale.PasswordChallenges;
import io.gatehouse.auth.hytale.ServerIdentity;
import io.gatehouse.auth.hytale.SessionServiceClient;
import io.gatehouse.auth.hytale.grpc.HytaleAuthGrpcService;
import io.gatehouse.auth.hytale.grpc.RegistryPasswordAttemptCounter;
import io.gatehouse.support.config.ServiceSupportAutoConfiguration;
import io.gatehouse.support.grpc.GrpcChannels;
import io.gatehouse.support.roles.ConditionalOnRole;
import io.gatehouse.support.roles.Role;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The auth service's Hytale side: the {@code HytaleAuth} gRPC service over {@link HytaleAuthenticator}, the session
 * service client, the JWT verifier and the server's own game session (authenticated mode only), and password
 * attempts counted by the session registry.
 */
@AutoConfiguration(after = ServiceSupportAutoConfiguration.class)
@ConditionalOnRole(Role.AUTH)
@EnableConfigurationProperties(HytaleAuthProperties.class)
public class HytaleAuthAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(HytaleAuthAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    PasswordAttemptCounter hytalePasswordAttemptCounter(GrpcChannels channels, HytaleAuthProperties properties) {
        return new RegistryPasswordAttemptCounter(channels.channel("session"), channels.deadline("session"),
                properties.getPasswordAttemptWindow());
    }

    @Bean
    @ConditionalOnMissingBean
    PasswordChallenges hytalePasswordChallenges(HytaleAuthProperties properties, PasswordAttemptCounter counter) {
        return new PasswordChallenges(properties.getPassword(), counter);
    }

    @Bean
    @ConditionalOnMissingBean
    HytaleAuthComponents hytaleAuthComponents(HytaleAuthProperties properties, Environment environment,
            ObjectProvider<HytaleSessionServiceDefaults> defaults, PasswordChallenges passwords) {
        HytaleAuthenticator.AuthMode mode = HytaleAuthenticator.AuthMode.parse(properties.getAuthMode());
        if (mode == HytaleAuthenticator.AuthMode.INSECURE) {
            log.info("Hytale auth mode insecure (password {})", passwords.required() ? "set" : "none");
            return new HytaleAuthComponents(new HytaleAuthenticator(mode, null, null, null, passwords), null, null);
        }
        HytaleSessionServiceDefaults local = defaults.getIfAvailable();
        String configuredUrl = properties.getSessionService().getUrl();
        boolean useLocal = (configuredUrl == null || configuredUrl.isBlank()) && local != null;
        String url = useLocal ? local.baseUrl()
                : configuredUrl == null || configuredUrl.isBlank() ? SessionServiceClient.DEFAULT_BASE_URL : configuredUrl;
        ServerIdentity.Config credentials = ServerIdentity.Config.from(environment::getProperty, System::getenv);
        boolean noCredentials = credentials.sessionToken() == null && credentials.identityToken() == null
                && credentials.oauthAccessToken() == null;
        if (noCredentials && useLocal) {
            credentials = local.serverCredentials();
        }
        Duration callTimeout = properties.getSessionService().getCallTimeout();
        SessionServiceClient client = new SessionServiceClient(SessionServiceClient.Settings.defaults(url)
                .withTimeouts(callTimeout, Duration.ofSeconds(Math.min(5, Math.max(1, callTimeout.toSeconds())))));
        Clock clock = Clock.systemUTC();
        JwksKeySource keys = new JwksKeySource(client, clock);
        HytaleTokenVerifier verifier = new HytaleTokenVerifier(keys, HytaleTokenVerifier.DEFAULT_ISSUER, clock);
        ServerIdentity identity = new ServerIdentity(credentials, client, verifier, clock);
        log.info("Hytale auth mode authenticated against {} (password {})", url, passwords.required() ? "set" : "none");
        return new HytaleAuthComponents(new HytaleAuthenticator(mode, verifier, client, identity, passwords),
                identity, keys);
    }

    @Bean
    @ConditionalOnMissingBean
    HytaleAuthenticator hytaleAuthenticator(HytaleAuthComponents components) {
        return components.authenticator();
    }

    @Bean
    HytaleServerIdentityLifecycle hytaleServerIdentityLifecycle(HytaleAuthComponents components) {
        return components.identity() == null ? null
                : new HytaleServerIdentityLifecycle(components.identity(), components.keys());
    }

    @Bean
    @ConditionalOnMissingBean
    HytaleAuthGrpcService hytaleAuthGrpcService(HytaleAuthenticator authenticator) {
        return new HytaleAuthGrpcService(authenticator);
    }

    /** What authenticated mode builds together; identity and keys are null in insecure mode. */
    public record HytaleAuthComponents(HytaleAuthenticator authenticator, ServerIdentity identity, JwksKeySource keys) {
    }
}
