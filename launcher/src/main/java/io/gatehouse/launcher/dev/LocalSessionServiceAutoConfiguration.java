package io.gatehouse.launcher.dev;

import io.gatehouse.auth.config.HytaleAuthAutoConfiguration;
import io.gatehouse.auth.config.HytaleSessionServiceDefaults;
import io.gatehouse.auth.hytale.ServerIdentity;
import io.gatehouse.dev.hytale.LocalHytaleSessionService;
import io.gatehouse.dev.hytale.SigningKey;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;

/**
 * The all-in-one node's local Hytale session service ({@code gatehouse.dev.session-service.*}): started on
 * {@code gatehouse.dev.session-service.port} (5580) unless {@code gatehouse.dev.session-service.enabled=false}. The
 * auth service uses it, and a server account on it, whenever the operator set no
 * {@code gatehouse.hytale.session-service.url} and no server credentials. Its signing key lives under
 * {@code gatehouse.data-dir}, so tokens issued before a restart stay verifiable.
 */
@AutoConfiguration(before = HytaleAuthAutoConfiguration.class)
@Profile("all-in-one")
@ConditionalOnProperty(prefix = "gatehouse.dev.session-service", name = "enabled", havingValue = "true",
        matchIfMissing = true)
public class LocalSessionServiceAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LocalSessionServiceAutoConfiguration.class);

    @Bean(destroyMethod = "close")
    LocalHytaleSessionService localHytaleSessionService(Environment environment) throws IOException {
        int port = environment.getProperty(LocalHytaleSessionService.PORT_PROPERTY, Integer.class,
                LocalHytaleSessionService.DEFAULT_PORT);
        String host = environment.getProperty("gatehouse.dev.session-service.host", "127.0.0.1");
        Path dataDir = Path.of(environment.getProperty("gatehouse.data-dir", "./.gatehouse"));
        SigningKey key = SigningKey.loadOrGenerate(dataDir.resolve("dev").resolve("session-service-signing-key"));
        return LocalHytaleSessionService.builder().host(host).port(port).signingKey(key).build().start();
    }

    @Bean
    HytaleSessionServiceDefaults localHytaleSessionServiceDefaults(LocalHytaleSessionService service) {
        return new HytaleSessionServiceDefaults() {
            @Override
            public String baseUrl() {
                return service.baseUrl();
            }

            @Override
            public ServerIdentity.Config serverCredentials() {
                // Stands in for the operator's OAuth login: a server account whose token opens the game session.
                LocalHytaleSessionService.Account account = service.createServerAccount("gatehouse");
                log.info("Hytale server identity from the local session service (account {})", account.uuid());
                return new ServerIdentity.Config(null, null, null, account.oauthAccessToken(), account.uuid());
            }
        };
    }
}
