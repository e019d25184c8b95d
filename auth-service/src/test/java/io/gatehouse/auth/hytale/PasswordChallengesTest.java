package io.gatehouse.auth.hytale;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.registry.contract.MutableClock;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class PasswordChallengesTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
    private final InMemoryPasswordAttemptCounter counter = new InMemoryPasswordAttemptCounter(clock, Duration.ofMinutes(5));
    private final PasswordChallenges passwords = new PasswordChallenges("hunter2", counter);
    private final UUID player = UUID.randomUUID();

    @Test
    void responseIsTheReferenceHash() {
        byte[] challenge = new byte[32];
        for (int i = 0; i < 32; i++) {
            challenge[i] = (byte) i;
        }
        // hytale-vectors.md §D3
        assertThat(HexFormat.of().formatHex(PasswordChallenges.responseFor(challenge, "hunter2")))
            .isEqualTo("a4b33000b399abdf65691fba747f10a6b90ac9fe34786d6cdc596567a5e8829c");
    }

    @Test
    void challengesAre32FreshRandomBytes() {
        byte[] a = passwords.newChallenge();
        byte[] b = passwords.newChallenge();
        assertThat(a).hasSize(32);
        assertThat(b).hasSize(32).isNotEqualTo(a);
        assertThat(new PasswordChallenges(null, counter).challengeIfRequired()).isNull();
        assertThat(new PasswordChallenges("", counter).required()).isFalse();
    }

    @Test
    void rightPasswordIsAccepted() {
        byte[] challenge = passwords.newChallenge();
        assertThat(passwords.check(player, challenge, PasswordChallenges.responseFor(challenge, "hunter2")).block())
            .isInstanceOf(PasswordDecision.Accepted.class);
    }

    @Test
    void wrongPasswordsCountDownWithFreshChallengesThenLockOut() {
        byte[] challenge = passwords.newChallenge();

        PasswordDecision first = passwords.check(player, challenge, PasswordChallenges.responseFor(challenge, "nope")).block();
        assertThat(first).isInstanceOf(PasswordDecision.Rejected.class);
        PasswordDecision.Rejected r1 = (PasswordDecision.Rejected) first;
        assertThat(r1.attemptsRemaining()).isEqualTo(2);
        assertThat(r1.newChallenge()).hasSize(32).isNotEqualTo(challenge);

        // The old challenge no longer counts: the right password over it is wrong now.
        PasswordDecision second = passwords.check(player, r1.newChallenge(),
            PasswordChallenges.responseFor(challenge, "hunter2")).block();
        PasswordDecision.Rejected r2 = (PasswordDecision.Rejected) second;
        assertThat(r2.attemptsRemaining()).isEqualTo(1);
        assertThat(r2.newChallenge()).isNotEqualTo(r1.newChallenge());

        PasswordDecision third = passwords.check(player, r2.newChallenge(), new byte[32]).block();
        assertThat(third).isEqualTo(new PasswordDecision.Refuse("Too many failed password attempts"));
    }

    @Test
    void rightPasswordResetsTheCount() {
        byte[] c = passwords.newChallenge();
        passwords.check(player, c, new byte[32]).block();
        passwords.check(player, c, new byte[32]).block();
        assertThat(passwords.check(player, c, PasswordChallenges.responseFor(c, "hunter2")).block())
            .isInstanceOf(PasswordDecision.Accepted.class);
        PasswordDecision next = passwords.check(player, c, new byte[32]).block();
        assertThat(((PasswordDecision.Rejected) next).attemptsRemaining()).isEqualTo(2);
    }

    @Test
    void lockoutWindowExpires() {
        byte[] c = passwords.newChallenge();
        for (int i = 0; i < 3; i++) {
            passwords.check(player, c, new byte[32]).block();
        }
        clock.advance(Duration.ofMinutes(5));
        PasswordDecision after = passwords.check(player, c, new byte[32]).block();
        assertThat(((PasswordDecision.Rejected) after).attemptsRemaining()).isEqualTo(2);
    }

    @Test
    void responsesOutOfPlaceOrEmptyAreProtocolErrors() {
        assertThat(new PasswordChallenges(null, counter).check(player, new byte[32], new byte[32]).block())
            .isEqualTo(new PasswordDecision.Refuse("Protocol error: unexpected PasswordResponse"));
        assertThat(passwords.check(player, null, new byte[32]).block())
            .isEqualTo(new PasswordDecision.Refuse("Protocol error: unexpected PasswordResponse"));
        assertThat(passwords.check(player, passwords.newChallenge(), new byte[0]).block())
            .isEqualTo(new PasswordDecision.Refuse("Invalid password response"));
    }

    @Test
    void utf8PasswordsHashAsUtf8() {
        PasswordChallenges unicode = new PasswordChallenges("pässwörd", counter);
        byte[] c = unicode.newChallenge();
        assertThat(unicode.check(player, c, PasswordChallenges.responseFor(c, "pässwörd")).block())
            .isInstanceOf(PasswordDecision.Accepted.class);
        assertThat(unicode.check(player, c, PasswordChallenges.responseFor(c, "passwort")).block())
            .isInstanceOf(PasswordDecision.Rejected.class);
    }

    /**
     * Timing cannot be asserted reliably on a shared machine, so check the bytecode: the answer is compared with
     * MessageDigest.isEqual (constant time) and no early-exit array comparison is referenced.
     */
    @Test
    void comparisonIsConstantTime() throws Exception {
        String constantPool;
        try (InputStream in = PasswordChallenges.class.getResourceAsStream("PasswordChallenges.class")) {
            constantPool = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        assertThat(constantPool).contains("java/security/MessageDigest").contains("isEqual");
        assertThat(constantPool).doesNotContain("java/util/Arrays");
    }
}
