package io.gatehouse.auth.hytale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Mono;

@Timeout(30)
class ServerIdentityTest {

    @Test
    void readsTheOfficialEnvironmentVariablesAndOurProperties() {
        Map<String, String> env = Map.of(
            "HYTALE_SERVER_SESSION_TOKEN", "env-session",
            "HYTALE_SERVER_IDENTITY_TOKEN", "env-identity",
            "HYTALE_SERVER_AUDIENCE", "env-audience");
        ServerIdentity.Config fromEnv = ServerIdentity.Config.from(k -> null, env::get);
        assertThat(fromEnv.sessionToken()).isEqualTo("env-session");
        assertThat(fromEnv.identityToken()).isEqualTo("env-identity");
        assertThat(fromEnv.audience()).isEqualTo("env-audience");
        assertThat(fromEnv.toString()).doesNotContain("env-session").doesNotContain("env-identity");

        UUID owner = UUID.randomUUID();
        Map<String, String> props = Map.of(
            "gatehouse.hytale.session-token", "prop-session",
            "gatehouse.hytale.server-audience", " ",
            "gatehouse.hytale.oauth-access-token", "oauth",
            "gatehouse.hytale.owner-uuid", owner.toString());
        ServerIdentity.Config both = ServerIdentity.Config.from(props::get, env::get);
        assertThat(both.sessionToken()).isEqualTo("prop-session");
        assertThat(both.audience()).as("blank property falls back to the env").isEqualTo("env-audience");
        assertThat(both.oauthAccessToken()).isEqualTo("oauth");
        assertThat(both.ownerUuid()).isEqualTo(owner);
        assertThat(both.toString()).doesNotContain("oauth,").doesNotContain("prop-session");
    }

    @Test
    void audienceIsConfiguredOrRandomPerBoot() {
        SessionServiceClient client = new SessionServiceClient(SessionServiceClient.Settings.defaults("http://127.0.0.1:9"));
        HytaleTokenVerifier verifier = new HytaleTokenVerifier(
            new JwksKeySource(() -> Mono.just("{}"), java.time.Clock.systemUTC(), Duration.ofMinutes(5), Duration.ofSeconds(30)),
            HytaleTokenVerifier.DEFAULT_ISSUER, java.time.Clock.systemUTC());
        ServerIdentity.Config none = new ServerIdentity.Config(null, null, null, null, null);
        String a = new ServerIdentity(none, client, verifier, java.time.Clock.systemUTC()).audience();
        String b = new ServerIdentity(none, client, verifier, java.time.Clock.systemUTC()).audience();
        assertThat(UUID.fromString(a)).isNotNull();
        assertThat(a).isNotEqualTo(b);
        ServerIdentity.Config fixed = new ServerIdentity.Config(null, null, "cluster-audience", null, null);
        assertThat(new ServerIdentity(fixed, client, verifier, java.time.Clock.systemUTC()).audience()).isEqualTo("cluster-audience");

        assertThatThrownBy(() -> new ServerIdentity(none, client, verifier, java.time.Clock.systemUTC()).start().block())
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("HYTALE_SERVER_SESSION_TOKEN");
        ServerIdentity.Config half = new ServerIdentity.Config("s", null, null, null, null);
        assertThatThrownBy(() -> new ServerIdentity(half, client, verifier, java.time.Clock.systemUTC()).start().block())
            .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refreshesFiveMinutesBeforeExpiryButNotSoonerThanAMinute() {
        Instant now = Instant.parse("2026-11-21T10:00:00Z");
        assertThat(ServerIdentity.refreshDelay(now, now.plus(Duration.ofHours(1)))).isEqualTo(Duration.ofMinutes(55));
        assertThat(ServerIdentity.refreshDelay(now, now.plus(Duration.ofMinutes(5)))).isEqualTo(Duration.ofSeconds(60));
        assertThat(ServerIdentity.refreshDelay(now, now.minus(Duration.ofMinutes(5)))).isEqualTo(Duration.ofSeconds(60));
    }
}
