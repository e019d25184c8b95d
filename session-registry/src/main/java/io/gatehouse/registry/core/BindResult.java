package io.gatehouse.registry.core;

import java.util.Objects;
import java.util.Optional;

/**
 * @param wasNew         the net ID was assigned by this bind (fire join events); false for a re-bind of an
 *                       already connected player, which keeps its net ID and slot
 * @param previousHolder the peer that held the session before, if a different one; tell it to let go
 */
public record BindResult(Session session, boolean wasNew, Optional<Holder> previousHolder) {

    public BindResult {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(previousHolder, "previousHolder");
    }
}
