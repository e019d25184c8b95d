package io.gatehouse.auth.fivem;

import io.gatehouse.fivem.protocol.ticket.TicketReplayGuard;
import io.gatehouse.registry.core.SessionStore;
import java.util.concurrent.TimeUnit;

/**
 * FXServer's {@code (expiry, guid)} anti-replay set, cluster-wide through the session registry's {@code FirstUse}, so a
 * ticket accepted by one auth instance is refused by every other. Blocking (the verifier's interface is synchronous):
 * only ever called from the initConnect worker pool. A registry outage fails closed (the ticket counts as reused).
 */
public final class RegistryTicketReplayGuard implements TicketReplayGuard {

    private final SessionStore store;
    private final long timeoutMillis;

    public RegistryTicketReplayGuard(SessionStore store, long timeoutMillis) {
        this.store = store;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public boolean checkAndRecord(long expiry, long guid) {
        String fingerprint = "fivem-ticket:" + Long.toUnsignedString(expiry) + ":" + Long.toUnsignedString(guid);
        try {
            return !store.firstUse(fingerprint, WINDOW).get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        } catch (Exception e) {
            return true;
        }
    }
}
