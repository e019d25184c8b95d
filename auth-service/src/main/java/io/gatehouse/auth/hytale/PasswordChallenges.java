package io.gatehouse.auth.hytale;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.UUID;
import reactor.core.publisher.Mono;

/**
 * The server password (hytale-protocol.md §5.2, official {@code PasswordPacketHandler}): challenges are 32
 * {@link SecureRandom} bytes; the client answers {@code SHA-256(challenge ‖ UTF-8(password))}; answers are compared
 * with {@link MessageDigest#isEqual} (constant time); 3 attempts, each rejection carrying a fresh challenge and the
 * remaining count, then {@value DisconnectReasons#TOO_MANY_PASSWORD_ATTEMPTS}.
 *
 * <p>The challenge a player must answer is connection state: the gateway keeps it and hands it back with the
 * answer, so any auth-service replica can judge it. Failures are counted per player in a
 * {@link PasswordAttemptCounter} (cluster-wide in production); a correct answer resets the count.
 */
public final class PasswordChallenges {

    public static final int CHALLENGE_BYTES = 32;
    public static final int MAX_ATTEMPTS = 3;

    private final byte[] password;
    private final PasswordAttemptCounter counter;
    private final SecureRandom random;

    /** @param password the server password; null or empty means none is required */
    public PasswordChallenges(String password, PasswordAttemptCounter counter) {
        this(password, counter, new SecureRandom());
    }

    PasswordChallenges(String password, PasswordAttemptCounter counter, SecureRandom random) {
        this.password = password == null || password.isEmpty() ? null : password.getBytes(StandardCharsets.UTF_8);
        this.counter = Objects.requireNonNull(counter);
        this.random = Objects.requireNonNull(random);
    }

    public boolean required() {
        return password != null;
    }

    /** A fresh challenge when a password is required, else null (the packets then carry no challenge). */
    public byte[] challengeIfRequired() {
        return required() ? newChallenge() : null;
    }

    public byte[] newChallenge() {
        byte[] challenge = new byte[CHALLENGE_BYTES];
        random.nextBytes(challenge);
        return challenge;
    }

    /** {@code SHA-256(challenge ‖ UTF-8(password))}: what a client sends in PasswordResponse. */
    public static byte[] responseFor(byte[] challenge, String password) {
        return digest(challenge, password.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Judges a PasswordResponse.
     *
     * @param issuedChallenge the challenge last sent to this connection (null if none was sent)
     * @param response        PasswordResponse.hash
     */
    public Mono<PasswordDecision> check(UUID player, byte[] issuedChallenge, byte[] response) {
        if (!required() || issuedChallenge == null || issuedChallenge.length == 0) {
            return Mono.just(new PasswordDecision.Refuse(DisconnectReasons.UNEXPECTED_PASSWORD_RESPONSE));
        }
        if (response == null || response.length == 0) {
            return Mono.just(new PasswordDecision.Refuse(DisconnectReasons.INVALID_PASSWORD_RESPONSE));
        }
        byte[] expected = digest(issuedChallenge, password);
        if (MessageDigest.isEqual(expected, response)) {
            return Mono.fromCompletionStage(() -> counter.reset(player))
                .then(Mono.<PasswordDecision>just(new PasswordDecision.Accepted()));
        }
        return Mono.fromCompletionStage(() -> counter.increment(player))
            .<PasswordDecision>map(failures -> {
                int remaining = MAX_ATTEMPTS - failures;
                if (remaining <= 0) {
                    return new PasswordDecision.Refuse(DisconnectReasons.TOO_MANY_PASSWORD_ATTEMPTS);
                }
                return new PasswordDecision.Rejected(newChallenge(), remaining);
            });
    }

    private static byte[] digest(byte[] challenge, byte[] passwordBytes) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(challenge);
            sha.update(passwordBytes);
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "PasswordChallenges[required=" + required() + "]";
    }
}
