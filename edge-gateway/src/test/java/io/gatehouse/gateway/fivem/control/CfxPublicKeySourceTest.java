package io.gatehouse.gateway.fivem.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.auth.fivem.HttpCfxPublicKeySource;
import io.gatehouse.dev.cfx.LocalCfxTicketIssuer;
import io.gatehouse.fivem.protocol.form.FormData;
import io.gatehouse.fivem.protocol.http.InitConnect;
import io.gatehouse.fivem.protocol.http.InitConnectConfig;
import io.gatehouse.fivem.protocol.http.InitConnectDecision;
import io.gatehouse.fivem.protocol.http.InitConnectRequest;
import io.gatehouse.fivem.protocol.ticket.CfxKeys;
import io.gatehouse.fivem.protocol.ticket.CfxTicketVerifier;
import io.gatehouse.fivem.protocol.ticket.InMemoryTicketReplayGuard;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPrivateCrtKey;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The Cfx pubkey fetch against the local issuer's real endpoint: caching, refresh on a bad signature, failure text. */
class CfxPublicKeySourceTest {

    @Test
    void fetchesCachesAndRefusesWhenTheEndpointIsDown() throws Exception {
        Path dir = Files.createTempDirectory("cfx-key");
        try (LocalCfxTicketIssuer issuer = LocalCfxTicketIssuer.loadOrGenerate(dir.resolve("k.pem"), Clock.systemUTC())
                .start("127.0.0.1", 0)) {
            HttpCfxPublicKeySource keys = new HttpCfxPublicKeySource(URI.create(issuer.publicKeyUrl()),
                    Duration.ofMinutes(5), Duration.ofSeconds(2), Clock.systemUTC());
            assertThat(keys.current()).contains(issuer.publicKey());
            // younger than refresh-min-age: a bad signature does not trigger a refetch (FXServer's 5 minutes)
            assertThat(keys.expire()).isFalse();
            // the persisted key survives a restart of the issuer
            assertThat(LocalCfxTicketIssuer.loadOrGenerate(dir.resolve("k.pem"), Clock.systemUTC()).publicKey())
                    .isEqualTo(issuer.publicKey());
        }

        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        HttpCfxPublicKeySource down = new HttpCfxPublicKeySource(
                URI.create("http://127.0.0.1:" + deadPort + LocalCfxTicketIssuer.PUBKEY_PATH),
                Duration.ZERO, Duration.ofSeconds(1), Clock.systemUTC());
        String guid = "148618792000000001";
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) CfxKeys.generate().getPrivate();
        String ticket = new LocalCfxTicketIssuer(key, Clock.systemUTC()).issue(guid, "gta5", null);
        InitConnectDecision d = InitConnect.decide(InitConnectConfig.builder().build(),
                new InitConnectRequest(FormData.decode("name=x&guid=" + guid + "&protocol=12&gameBuild=3258&cfxTicket2="
                        + java.net.URLEncoder.encode(ticket, java.nio.charset.StandardCharsets.UTF_8)), "127.0.0.1:1"),
                new CfxTicketVerifier(down, new InMemoryTicketReplayGuard(), Clock.systemUTC()));
        assertThat(((InitConnectDecision.Rejected) d).message()).isEqualTo("public key request failed.");
    }
}
