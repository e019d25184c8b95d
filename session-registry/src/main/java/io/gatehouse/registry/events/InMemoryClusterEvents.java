package io.gatehouse.registry.events;

import io.gatehouse.contracts.session.v1.ClusterEvent;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One process's bus (the all-in-one node, tests): delivered synchronously to every subscriber. */
public final class InMemoryClusterEvents implements ClusterEvents {

    private static final Logger log = LoggerFactory.getLogger(InMemoryClusterEvents.class);

    private final List<Consumer<ClusterEvent>> listeners = new CopyOnWriteArrayList<>();

    @Override
    public CompletableFuture<Void> publish(ClusterEvent event) {
        try {
            Family.of(event); // same validation as the Redis bus
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        for (Consumer<ClusterEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                log.warn("cluster event listener failed", e);
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public Subscription subscribe(Consumer<ClusterEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void close() {
        listeners.clear();
    }
}
