package io.gatehouse.registry.events;

import io.gatehouse.contracts.session.v1.ClusterEvent;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Cluster-wide notifications between gateways: player joined/dropped, session replaced, kick
 * ({@link ClusterEvent}'s oneof names the type). Publish/subscribe, at most once: an event published while a
 * subscriber is disconnected is lost to it, which is why the registry heartbeat stays the safety net. Events never
 * carry tokens.
 */
public interface ClusterEvents extends AutoCloseable {

    /** The event families; each is one pub/sub channel ({@code <prefix>events:<family>}). */
    enum Family {
        PLAYER, SESSION, KICK;

        public String channel(String prefix) {
            return prefix + "events:" + name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Family of(ClusterEvent event) {
            return switch (event.getEventCase()) {
                case PLAYER_JOINED, PLAYER_DROPPED -> PLAYER;
                case SESSION_REPLACED -> SESSION;
                case KICK -> KICK;
                case EVENT_NOT_SET -> throw new IllegalArgumentException("cluster event without a type");
            };
        }
    }

    /** Completes when the event is handed to the bus (not when subscribers got it); fails fast when it cannot be. */
    CompletableFuture<Void> publish(ClusterEvent event);

    /**
     * Calls {@code listener} for every event published from now on, in publication order per publisher. The
     * listener runs on the bus's thread: it must not block. Survives reconnects of the underlying transport.
     */
    Subscription subscribe(Consumer<ClusterEvent> listener);

    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    @Override
    default void close() {
    }
}
