package io.gatehouse.auth.hytale;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Mono;

/** Decisions that need no session service; the authenticated flow end to end is in dev-services' tests. */
@Timeout(30)
class HytaleAuthenticatorTest {

    private final UUID uuid = UUID.randomUUID();

    private HytaleAuthenticator insecure(String password) {
        return new HytaleAuthenticator(HytaleAuthenticator.AuthMode.INSECURE, null, null, null,
            new PasswordChallenges(password, new InMemoryPasswordAttemptCounter()));
    }

    private HytaleAuthenticator authenticatedWithoutSession() {
        SessionServiceClient client = new SessionServiceClient(SessionServiceClient.Settings.defaults("http://127.0.0.1:9"));
        HytaleTokenVerifier verifier = new HytaleTokenVerifier(
            new JwksKeySource(() -> Mono.just("{}"), Clock.systemUTC(), Duration.ofMinutes(5), Duration.ofSeconds(30)),
            HytaleTokenVerifier.DEFAULT_ISSUER, Clock.systemUTC());
        ServerIdentity identity = new ServerIdentity(new ServerIdentity.Config(null, null, null, null, null),
            client, verifier, Clock.systemUTC());
        return new HytaleAuthenticator(HytaleAuthenticator.AuthMode.AUTHENTICATED, verifier, client, identity,
            new PasswordChallenges(null, new InMemoryPasswordAttemptCounter()));
    }

    @Test
    void settingsParseModeAndHideThePassword() {
        HytaleAuthenticator.Settings s = HytaleAuthenticator.Settings.from(
            k -> k.equals("gatehouse.hytale.auth-mode") ? "Insecure" : k.equals("gatehouse.hytale.password") ? "hunter2" : null);
        assertThat(s.mode()).isEqualTo(HytaleAuthenticator.AuthMode.INSECURE);
        assertThat(s.password()).isEqualTo("hunter2");
        assertThat(s.toString()).doesNotContain("hunter2");
        assertThat(HytaleAuthenticator.Settings.from(k -> null).mode()).isEqualTo(HytaleAuthenticator.AuthMode.AUTHENTICATED);
    }

    @Test
    void insecureModeAcceptsWithOrWithoutAChallenge() {
        ConnectDecision open = insecure(null).onConnect(
            new HytaleAuthenticator.ConnectRequest(uuid, "Alice", null, ClientKind.GAME, "fp")).block();
        assertThat(open).isInstanceOf(ConnectDecision.AcceptInsecure.class);
        assertThat(((ConnectDecision.AcceptInsecure) open).passwordChallenge()).isNull();

        HytaleAuthenticator guarded = insecure("hunter2");
        ConnectDecision challenged = guarded.onConnect(
            new HytaleAuthenticator.ConnectRequest(uuid, "Alice", "ignored.in.insecure", ClientKind.GAME, "fp")).block();
        byte[] challenge = ((ConnectDecision.AcceptInsecure) challenged).passwordChallenge();
        assertThat(challenge).hasSize(32);
        assertThat(guarded.onPasswordResponse(uuid, challenge, PasswordChallenges.responseFor(challenge, "hunter2")).block())
            .isInstanceOf(PasswordDecision.Accepted.class);
        assertThat(guarded.onAuthToken(new HytaleAuthenticator.AuthTokenRequest(uuid, "Alice", "a", "g", "fp", "sfp")).block())
            .isEqualTo(new AuthTokenDecision.Refuse("Protocol error: unexpected AuthToken packet"));
    }

    @Test
    void authenticatedModeRequiresAToken() {
        assertThat(authenticatedWithoutSession().onConnect(
            new HytaleAuthenticator.ConnectRequest(uuid, "Alice", "", ClientKind.GAME, "fp")).block())
            .isEqualTo(new ConnectDecision.Refuse("This server requires authentication!"));
    }

    @Test
    void authenticatedModeWithoutServerSessionSaysSo() {
        assertThat(authenticatedWithoutSession().onConnect(
            new HytaleAuthenticator.ConnectRequest(uuid, "Alice", "a.b.c", ClientKind.GAME, "fp")).block())
            .isEqualTo(new ConnectDecision.Refuse("Server authentication unavailable - please try again later"));
        assertThat(authenticatedWithoutSession().onAuthToken(
            new HytaleAuthenticator.AuthTokenRequest(uuid, "Alice", "", "g", "fp", "sfp")).block())
            .isEqualTo(new AuthTokenDecision.Refuse("Invalid access token"));
    }
}
