package io.gatehouse.gateway.hytale.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.auth.hytale.HytaleAuthenticator.AuthMode;
import io.gatehouse.bot.hytale.BotCertificates;
import io.gatehouse.bot.hytale.HytaleBot;
import io.gatehouse.bot.hytale.HytaleBotConnection;
import io.gatehouse.bot.hytale.HytaleBotOptions;
import io.gatehouse.bot.hytale.JoinFailedException;
import io.gatehouse.bot.hytale.SessionServiceApi;
import io.gatehouse.hytale.protocol.DisconnectReasons;
import io.gatehouse.hytale.protocol.ProtocolConstants;
import io.gatehouse.hytale.protocol.io.Bytes;
import io.gatehouse.hytale.protocol.packet.Packet;
import io.gatehouse.hytale.protocol.packet.auth.ConnectAccept;
import io.gatehouse.hytale.protocol.packet.auth.PasswordRejected;
import io.gatehouse.hytale.protocol.packet.auth.PasswordResponse;
import io.gatehouse.hytale.protocol.packet.connection.ClientType;
import io.gatehouse.hytale.protocol.packet.connection.ConnectV2;
import io.gatehouse.hytale.protocol.packet.connection.Disconnect;
import io.netty.util.ResourceLeakDetector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hytale joins end to end: Kwik (an independent QUIC + TLS stack) as the client, through the real QUIC listener and
 * session pipeline, to the real auth, world, world-content and registry services over in-process gRPC and the real
 * local session service.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HytaleJoinKwikTest {

    static {
        // Kwik asserts on internal races (toolchain.md); with -ea an AssertionError kills its receiver thread and the
        // connection hangs. Production runs without -ea, so the tests run Kwik the same way.
        ClassLoader.getSystemClassLoader().setPackageAssertionStatus("tech.kwik", false);
        HytaleJoinKwikTest.class.getClassLoader().setPackageAssertionStatus("tech.kwik", false);
    }

    @TempDir
    static Path tempDir;

    private static HytaleStack insecure;
    private static HytaleStack password;
    private static HytaleStack authenticated;

    @BeforeAll
    static void start() throws Exception {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        insecure = new HytaleStack(Files.createDirectories(tempDir.resolve("insecure")), s -> s.mode = AuthMode.INSECURE);
        password = new HytaleStack(Files.createDirectories(tempDir.resolve("password")), s -> {
            s.mode = AuthMode.INSECURE;
            s.password = HytaleStack.PASSWORD;
        });
        authenticated = new HytaleStack(Files.createDirectories(tempDir.resolve("authenticated")),
                s -> s.mode = AuthMode.AUTHENTICATED);
    }

    @AfterAll
    static void stop() throws Exception {
        for (HytaleStack stack : new HytaleStack[] {insecure, password, authenticated}) {
            if (stack != null) {
                stack.close();
            }
        }
    }

    private static HytaleBotOptions options(HytaleStack stack) {
        return new HytaleBotOptions().target("127.0.0.1", stack.port())
                .sessionService(stack.sessionService.baseUrl())
                .timeout(Duration.ofSeconds(30));
    }

    private static Map<String, String> expectedAssets(HytaleStack stack) throws IOException {
        try (Stream<Path> files = Files.walk(stack.assetsDir)) {
            return files.filter(Files::isRegularFile).collect(Collectors.toMap(
                    p -> stack.assetsDir.relativize(p).toString().replace('\\', '/'), HytaleJoinKwikTest::sha256));
        }
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------- insecure

    @Test
    void insecureJoinOverV2DownloadsVerifiedAssetsAndGetsAClientId() throws Exception {
        try (HytaleBot.Joined joined = new HytaleBot(options(insecure).insecure(true).protocol(2).username("alice"),
                null).join()) {
            assertThat(joined.assets()).isEqualTo(expectedAssets(insecure));
            assertThat(joined.clientId()).isPositive();
            assertThat(joined.serverName()).isEqualTo("Gatehouse");
            assertThat(joined.stages()).extracting(HytaleBot.Stage::name)
                    .containsSubsequence("connect-accept", "world-settings(2 assets)", "assets(2/2 verified)",
                            "join-world", "set-client-id(" + joined.clientId() + ")");
        }
    }

    @Test
    void insecureJoinOverV1UsesTheV1Layouts() throws Exception {
        try (HytaleBot.Joined joined = new HytaleBot(options(insecure).insecure(true).protocol(1).username("bob"),
                null).join()) {
            assertThat(joined.assets()).isEqualTo(expectedAssets(insecure));
            assertThat(joined.clientId()).isPositive();
        }
    }

    @Test
    void aSecondLoginWithTheSameUuidReplacesTheFirst() throws Exception {
        UUID uuid = UUID.randomUUID();
        try (HytaleBot.Joined first = new HytaleBot(options(insecure).insecure(true).uuid(uuid).username("carol"),
                null).join()) {
            try (HytaleBot.Joined second = new HytaleBot(options(insecure).insecure(true).uuid(uuid)
                    .username("carol"), null).join()) {
                assertThat(first.disconnected().get(10, TimeUnit.SECONDS)).isEqualTo(DisconnectReasons.LOGGED_IN_AGAIN);
                assertThat(second.disconnected()).isNotDone();
                assertThat(second.clientId()).isPositive();
            }
        }
    }

    @Test
    void aCrcMismatchIsClosedWithCode5AndNoDisconnect() throws Exception {
        try (HytaleBotConnection client = HytaleBotConnection.open("127.0.0.1", insecure.port(), 2,
                BotCertificates.generate("old"), 3)) {
            client.send(new ConnectV2(ProtocolConstants.V2_BUILD_2_CRC, ProtocolConstants.V2_BUILD_2, "old",
                    ClientType.GAME, UUID.randomUUID(), "old", null, "en-US", null, null));
            HytaleBotConnection.Termination end = client.termination(Duration.ofSeconds(5));
            assertThat(readWithin(client, Duration.ofSeconds(1))).isNotInstanceOf(Disconnect.class);
            assertThat(end).isNotNull();
            assertThat(end.applicationCode()).isEqualTo(5L);
        }
    }

    @Test
    void malformedFramesCloseOnlyTheirConnectionWithProtocolViolation() throws Exception {
        try (HytaleBot.Joined bystander = new HytaleBot(options(insecure).insecure(true).username("dave"), null).join()) {
            // oversize declared length, then a Connect whose payload is garbage
            byte[][] attacks = {
                {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f, 0, 0, 0, 0},
                {10, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10},
            };
            for (byte[] attack : attacks) {
                try (HytaleBotConnection client = HytaleBotConnection.open("127.0.0.1", insecure.port(), 2,
                        BotCertificates.generate("evil"), 3)) {
                    client.sendRaw(attack);
                    HytaleBotConnection.Termination end = client.termination(Duration.ofSeconds(5));
                    assertThat(end).isNotNull();
                    assertThat(end.transportCode()).isEqualTo(0x0aL);
                }
            }
            Thread.sleep(1_500); // a few pings' worth: the bystander is still served
            assertThat(bystander.disconnected()).isNotDone();
            assertThat(bystander.connection().isTerminated()).isFalse();
        }
    }

    /** Disconnect was followed by an application close with code 0 (Kwik reports code 0 as "no error": null). */
    private static void assertNormalClose(HytaleBotConnection.Termination end) {
        assertThat(end).isNotNull();
        assertThat(end.closedByPeer()).isTrue();
        assertThat(end.transportCode()).isIn(null, 0L);
        assertThat(end.applicationCode()).isIn(null, 0L);
    }

    /** Kwik may keep a read blocked after the connection closed: read on the side, give up after {@code wait}. */
    private static Object readWithin(HytaleBotConnection client, Duration wait) {
        java.util.concurrent.CompletableFuture<Object> read = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return client.read();
            } catch (IOException | RuntimeException e) {
                return e;
            }
        });
        try {
            return read.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            return e;
        }
    }

    // ---------------------------------------------------------------------------------------------- password

    @Test
    void theRightPasswordJoins() throws Exception {
        try (HytaleBot.Joined joined = new HytaleBot(options(password).insecure(true).username("erin")
                .passwords(HytaleStack.PASSWORD), null).join()) {
            assertThat(joined.stages()).extracting(HytaleBot.Stage::name).contains("password-accepted");
        }
    }

    @Test
    void twoWrongPasswordsThenTheRightOneJoinWithFreshChallenges() throws Exception {
        try (HytaleBot.Joined joined = new HytaleBot(options(password).insecure(true).username("frank")
                .passwords("nope", "still-nope", HytaleStack.PASSWORD), null).join()) {
            assertThat(joined.stages()).extracting(HytaleBot.Stage::name)
                    .containsSubsequence("password-rejected(2 left)", "password-rejected(1 left)", "password-accepted");
        }
    }

    @Test
    void threeWrongPasswordsLockOutWithTheOfficialText() {
        assertThatThrownBy(() -> new HytaleBot(options(password).insecure(true).username("gina").passwords("wrong"),
                null).join())
                .isInstanceOfSatisfying(JoinFailedException.class, e -> {
                    assertThat(e.disconnectReason()).isEqualTo(DisconnectReasons.TOO_MANY_PASSWORD_ATTEMPTS);
                    assertNormalClose(e.termination());
                });
    }

    @Test
    void failedAttemptsSurviveAReconnect() throws Exception {
        UUID uuid = UUID.randomUUID();
        assertThat(wrongPasswordOnce(uuid)).isInstanceOfSatisfying(PasswordRejected.class,
                r -> assertThat(r.attemptsRemaining()).isEqualTo(2));
        assertThat(wrongPasswordOnce(uuid)).isInstanceOfSatisfying(PasswordRejected.class,
                r -> assertThat(r.attemptsRemaining()).isEqualTo(1));
        assertThat(wrongPasswordOnce(uuid)).isInstanceOfSatisfying(Disconnect.class,
                d -> assertThat(d.reason()).isEqualTo(DisconnectReasons.TOO_MANY_PASSWORD_ATTEMPTS));
    }

    private static Packet wrongPasswordOnce(UUID uuid) throws Exception {
        try (HytaleBotConnection client = HytaleBotConnection.open("127.0.0.1", password.port(), 2,
                BotCertificates.generate("henry"), 3)) {
            client.send(new ConnectV2(ProtocolConstants.V2_BUILD_20_CRC, ProtocolConstants.V2_BUILD_20, "test",
                    ClientType.GAME, uuid, "henry", null, "en-US", null, null));
            ConnectAccept accept = (ConnectAccept) client.read();
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(accept.passwordChallenge().toByteArray());
            sha.update("wrong".getBytes());
            client.send(new PasswordResponse(Bytes.adopt(sha.digest())));
            return client.read();
        }
    }

    // ---------------------------------------------------------------------------------------------- authenticated

    @Test
    void authenticatedJoinThroughTheSessionServiceAsARealClient() throws Exception {
        try (HytaleBot.Joined joined = new HytaleBot(options(authenticated).username("ivy"), null).join()) {
            assertThat(joined.stages()).extracting(HytaleBot.Stage::name)
                    .containsSubsequence("auth-grant", "server-auth-token", "world-settings(2 assets)", "join-world");
            assertThat(joined.assets()).isEqualTo(expectedAssets(authenticated));
            assertThat(joined.clientId()).isPositive();
        }
    }

    @Test
    void authenticatedJoinOverV1() throws Exception {
        try (HytaleBot.Joined joined = new HytaleBot(options(authenticated).protocol(1).username("jack"), null).join()) {
            assertThat(joined.clientId()).isPositive();
        }
    }

    @Test
    void anAccessTokenBoundToAnotherCertificateIsRefused() {
        String otherCertificate = BotCertificates.generate("someone-else").fingerprint();
        assertThatThrownBy(() -> new HytaleBot(options(authenticated).username("kate")
                .accessTokenFingerprint(otherCertificate), null).join())
                .isInstanceOfSatisfying(JoinFailedException.class, e -> {
                    assertThat(e.disconnectReason()).isEqualTo("Invalid access token");
                    assertNormalClose(e.termination());
                });
    }

    @Test
    void insecureConnectOnAnAuthenticatedServerIsRefused() {
        assertThatThrownBy(() -> new HytaleBot(options(authenticated).insecure(true).username("leo"), null).join())
                .isInstanceOfSatisfying(JoinFailedException.class, e ->
                        assertThat(e.disconnectReason()).isEqualTo(DisconnectReasons.AUTHENTICATION_REQUIRED));
    }

    @Test
    void aSessionServiceOutageIsAClearDisconnectNotAHang() throws Exception {
        try (HytaleStack stack = new HytaleStack(Files.createDirectories(tempDir.resolve("outage")),
                s -> s.mode = AuthMode.AUTHENTICATED)) {
            HytaleBotOptions options = options(stack);
            SessionServiceApi.GameSession session = new SessionServiceApi(stack.sessionService.baseUrl())
                    .login("mia", null);
            stack.sessionService.close();
            long started = System.nanoTime();
            assertThatThrownBy(() -> new HytaleBot(options.username("mia").session(session), null).join())
                    .isInstanceOfSatisfying(JoinFailedException.class, e -> {
                        assertThat(e.disconnectReason()).isIn(DisconnectReasons.AUTH_GRANT_FAILED,
                                ServiceFailures.AUTH_UNAVAILABLE);
                        assertNormalClose(e.termination());
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
        }
    }

    // ---------------------------------------------------------------------------------------------- timeouts

    @Test
    void aStageTimeoutDisconnectsWithTheOfficialText() throws Exception {
        try (HytaleStack stack = new HytaleStack(Files.createDirectories(tempDir.resolve("timeout")), s -> {
            s.mode = AuthMode.INSECURE;
            s.session = p -> p.getTimeouts().setInitial(Duration.ofMillis(500));
        }); HytaleBotConnection client = HytaleBotConnection.open("127.0.0.1", stack.port(), 2,
                BotCertificates.generate("slow"), 3)) {
            client.sendRaw(new byte[] {1, 0, 0}); // opens the stream, but no complete Connect ever arrives
            Packet packet = client.read();
            assertThat(packet).isInstanceOfSatisfying(Disconnect.class,
                    d -> assertThat(d.reason()).isEqualTo(DisconnectReasons.STAGE_TIMEOUT));
            assertNormalClose(client.termination(Duration.ofSeconds(5)));
            assertThat(stack.manager.metrics().failures("initial", "timeout")).isEqualTo(1.0);
        }
    }
}
