package io.gatehouse.fivem.protocol.ticket;

import java.time.Duration;

/**
 * FXServer's anti-replay set of {@code (expiry, guid)} pairs, cleared every 30 minutes. Implementations may be
 * cluster-wide (the session registry provides one); {@link InMemoryTicketReplayGuard} is per process.
 */
public interface TicketReplayGuard {

    Duration WINDOW = Duration.ofMinutes(30);

    /**
     * Records the ticket identity and reports whether it had already been recorded within {@link #WINDOW}.
     * Must be atomic: of two concurrent calls with the same pair, at most one returns {@code false}.
     *
     * @return {@code true} when this is a reuse
     */
    boolean checkAndRecord(long expiry, long guid);
}
