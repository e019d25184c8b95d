package io.gatehouse.gateway.hytale.transport;

import java.util.concurrent.CompletionStage;

/**
 * Gives a connection the chance to say goodbye (e.g. write a {@code Disconnect} packet) before a graceful stop closes
 * it with application code 0. Called on the connection's event loop; must not block. The transport closes the
 * connection when the returned stage completes (successfully or not) or when the grace period ends, whichever is
 * first.
 */
@FunctionalInterface
public interface HytaleDrainHook {

    CompletionStage<?> beforeClose(HytaleConnectionContext connection);
}
