package io.gatehouse.auth.hytale;

import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * Failed server-password attempts per player. Behind an interface because the session registry keeps it
 * cluster-wide (any auth-service replica may judge the next attempt). Asynchronous so a remote store never blocks.
 */
public interface PasswordAttemptCounter {

    /** Records one more failed attempt and returns the failures counted so far (1 after the first). */
    CompletionStage<Integer> increment(UUID player);

    /** Forgets the failures (after a correct password). */
    CompletionStage<Void> reset(UUID player);
}
