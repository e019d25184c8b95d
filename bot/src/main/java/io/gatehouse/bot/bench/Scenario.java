package io.gatehouse.bot.bench;

import java.util.concurrent.CompletableFuture;

/** One kind of simulated join. Implementations are asynchronous: a join never holds a thread while it waits. */
interface Scenario extends AutoCloseable {

    String name();

    /** Work a real client did before the measured part (accounts, tickets, certificates), for {@code count} joins. */
    void prepare(int count) throws Exception;

    /**
     * Starts join number {@code index}; completes when the player is in the world (or failed). With {@code hold}
     * the connection then stays open (keep-alives answered) until {@link #releaseHeld()}; otherwise it leaves
     * cleanly at once.
     */
    CompletableFuture<Void> join(int index, boolean hold);

    /** Players held open right now. */
    int held();

    /** Ends every held connection and waits (bounded) until they are gone. */
    void releaseHeld() throws Exception;

    @Override
    void close() throws Exception;
}
