package io.gatehouse.auth.hytale;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Single-node {@link PasswordAttemptCounter}. A player's count is forgotten {@code window} after the last failure
 * (default 5 minutes), so a lockout ends by itself and memory stays bounded.
 */
public final class InMemoryPasswordAttemptCounter implements PasswordAttemptCounter {

    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);
    private static final int SWEEP_EVERY = 256;

    private record Entry(int failures, Instant expiresAt) {
    }

    private final Map<UUID, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration window;
    private final AtomicInteger operations = new AtomicInteger();

    public InMemoryPasswordAttemptCounter() {
        this(Clock.systemUTC(), DEFAULT_WINDOW);
    }

    public InMemoryPasswordAttemptCounter(Clock clock, Duration window) {
        this.clock = Objects.requireNonNull(clock);
        this.window = Objects.requireNonNull(window);
    }

    @Override
    public CompletionStage<Integer> increment(UUID player) {
        Instant now = clock.instant();
        Entry updated = entries.compute(player, (k, old) -> {
            int previous = old == null || !now.isBefore(old.expiresAt()) ? 0 : old.failures();
            return new Entry(previous + 1, now.plus(window));
        });
        sweepOccasionally(now);
        return CompletableFuture.completedFuture(updated.failures());
    }

    @Override
    public CompletionStage<Void> reset(UUID player) {
        entries.remove(player);
        return CompletableFuture.completedFuture(null);
    }

    private void sweepOccasionally(Instant now) {
        if (operations.incrementAndGet() % SWEEP_EVERY == 0) {
            entries.values().removeIf(e -> !now.isBefore(e.expiresAt()));
        }
    }
}
