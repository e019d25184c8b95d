package io.gatehouse.registry.events;

/** One in-memory bus is the whole "cluster" of one process: every instance in the contract is the same bus. */
class InMemoryClusterEventsContractTest extends ClusterEventsContract {

    private final InMemoryClusterEvents shared = new InMemoryClusterEvents();

    @Override
    protected ClusterEvents newBus() {
        return new ClusterEvents() {
            @Override
            public java.util.concurrent.CompletableFuture<Void> publish(io.gatehouse.contracts.session.v1.ClusterEvent event) {
                return shared.publish(event);
            }

            @Override
            public Subscription subscribe(java.util.function.Consumer<io.gatehouse.contracts.session.v1.ClusterEvent> l) {
                return shared.subscribe(l);
            }
        };
    }
}
