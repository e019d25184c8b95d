package io.gatehouse.fivem.protocol.ticket;

import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A per-process {@link TicketReplayGuard}: each pair is remembered for 30 minutes after it was first seen (a rolling
 * window rather than FXServer's wholesale clear every 30 minutes, so a ticket cannot slip through just after a clear).
 */
public final class InMemoryTicketReplayGuard implements TicketReplayGuard {

    private record Key(long expiry, long guid) {
    }

    private final Map<Key, Instant> seen = new ConcurrentHashMap<>();
    private final Clock clock;
    private volatile Instant nextSweep;

    public InMemoryTicketReplayGuard() {
        this(Clock.systemUTC());
    }

    public InMemoryTicketReplayGuard(Clock clock) {
        this.clock = clock;
        this.nextSweep = clock.instant().plus(WINDOW);
    }

    @Override
    public boolean checkAndRecord(long expiry, long guid) {
        Instant now = clock.instant();
        sweepIfDue(now);
        boolean[] reused = {false};
        seen.compute(new Key(expiry, guid), (k, firstSeen) -> {
            if (firstSeen != null && firstSeen.plus(WINDOW).isAfter(now)) {
                reused[0] = true;
                return firstSeen;
            }
            return now;
        });
        return reused[0];
    }

    private void sweepIfDue(Instant now) {
        if (now.isBefore(nextSweep)) {
            return;
        }
        nextSweep = now.plus(WINDOW);
        for (Iterator<Map.Entry<Key, Instant>> it = seen.entrySet().iterator(); it.hasNext(); ) {
            if (!it.next().getValue().plus(WINDOW).isAfter(now)) {
                it.remove();
            }
        }
    }

    public int size() {
        return seen.size();
    }
}
