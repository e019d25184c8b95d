package io.gatehouse.auth.fivem.admission;

import java.util.concurrent.CompletionStage;

/**
 * FXServer's {@code deferrals} object for one hook. Thread-safe; every method is a no-op once the player is gone.
 */
public interface Deferral {

    /** {@code deferrals.defer()}: the player waits; keep-alives ({@code "message":null}) go out every second. */
    void defer();

    /** {@code deferrals.update(message)}: shows {@code message} (implies {@link #defer()}). */
    void update(String message);

    /**
     * {@code deferrals.presentCard(card, cb)}: shows an Adaptive Card (its JSON text); the stage completes with the
     * {@code data} of the player's {@code submitCard}. Presenting another card replaces this one (its stage is
     * cancelled).
     */
    CompletionStage<String> presentCard(String cardJson);

    /** {@code deferrals.handover(key, value)}: {@code json} ends up in the final object's {@code handover}. */
    void handover(String key, String json);

    /** True once the player closed the request. */
    boolean isCancelled();
}
