package io.gatehouse.launcher.dev;

import io.gatehouse.auth.fivem.CfxTicketDefaults;
import io.gatehouse.auth.fivem.FivemAuthAutoConfiguration;
import io.gatehouse.dev.cfx.LocalCfxTicketIssuer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;

/**
 * The all-in-one node's local Cfx ticket issuer ({@code gatehouse.dev.cfx.*}): started on
 * {@code gatehouse.dev.cfx.port} (5581) unless {@code gatehouse.dev.cfx.enabled=false}; its key lives under
 * {@code gatehouse.data-dir}/dev. The auth service verifies tickets against its pubkey endpoint whenever the operator
 * set neither {@code gatehouse.fivem.ticket.public-key} nor {@code .public-key-url}, so the default run exercises real
 * ticket checks (the bot gets tickets from {@code POST /api/ticket/issue}).
 */
@AutoConfiguration(before = FivemAuthAutoConfiguration.class)
@Profile("all-in-one")
@ConditionalOnProperty(prefix = "gatehouse.dev.cfx", name = "enabled", havingValue = "true", matchIfMissing = true)
public class CfxIssuerAutoConfiguration {

    @Bean(destroyMethod = "close")
    LocalCfxTicketIssuer localCfxTicketIssuer(Environment environment) throws IOException {
        int port = environment.getProperty("gatehouse.dev.cfx.port", Integer.class, LocalCfxTicketIssuer.DEFAULT_PORT);
        String host = environment.getProperty("gatehouse.dev.cfx.host", "127.0.0.1");
        Path dataDir = Path.of(environment.getProperty("gatehouse.data-dir", "./.gatehouse"));
        return LocalCfxTicketIssuer.loadOrGenerate(dataDir.resolve("dev").resolve("cfx-ticket-key.pem"),
                Clock.systemUTC()).start(host, port);
    }

    @Bean
    CfxTicketDefaults localCfxTicketDefaults(LocalCfxTicketIssuer issuer) {
        return issuer::publicKeyUrl;
    }
}
