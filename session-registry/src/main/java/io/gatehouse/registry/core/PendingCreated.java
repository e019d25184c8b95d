package io.gatehouse.registry.core;

import java.util.Objects;
import java.util.Optional;

/**
 * A new pending session and its connection token. The token is returned once, here; the store keeps only
 * a digest. {@link #toString()} leaves the token out so this value is safe to log.
 */
public record PendingCreated(Session session, String token, Optional<Replaced> replaced) {

    public PendingCreated {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(replaced, "replaced");
    }

    @Override
    public String toString() {
        return "PendingCreated[session=" + session + ", token=<redacted>, replaced=" + replaced + "]";
    }
}
