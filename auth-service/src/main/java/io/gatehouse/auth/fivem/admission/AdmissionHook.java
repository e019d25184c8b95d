package io.gatehouse.auth.fivem.admission;

import java.util.concurrent.CompletionStage;

/**
 * A {@code playerConnecting} handler: decides whether a player who passed initConnect's checks may join, possibly
 * after deferring (progress messages, adaptive cards, handover data). Hooks are beans; they run one after the other
 * in {@link org.springframework.core.annotation.Order} order and the first refusal wins.
 *
 * <p>Return at once; do slow work asynchronously and complete the stage later. If the player closes the request the
 * stage is cancelled and {@link Deferral#isCancelled()} turns true; nothing the hook sends afterwards reaches anyone.
 */
public interface AdmissionHook {

    /** The resource description FXServer puts before a deferral message when several resources defer. */
    String description();

    CompletionStage<AdmissionVerdict> admit(ConnectingPlayer player, Deferral deferral);
}
