package io.gatehouse.gateway.hytale.session;

import io.gatehouse.hytale.protocol.packet.Packet;

/**
 * One connection state's behaviour (Velocity's session handlers). Every method runs on the connection's event loop.
 * Disconnect(1) from the client is handled by {@link HytaleConnection} before it reaches a handler.
 */
interface StateHandler {

    ConnectionState state();

    /** Became the active handler: arm the stage timeout, start the stage's work. */
    default void activated() {
    }

    void handle(Packet packet);

    /** The QUIC stream can take more bytes again. */
    default void writable() {
    }

    /** The connection closed (either side); release whatever the state holds. */
    default void closed() {
    }
}
