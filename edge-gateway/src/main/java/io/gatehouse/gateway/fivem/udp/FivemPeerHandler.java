package io.gatehouse.gateway.fivem.udp;

import io.netty.buffer.ByteBuf;

/** What a connection does with a message in its current phase (one handler per phase, Velocity style). */
interface FivemPeerHandler {

    /** Called on the ENet loop; {@code payload} is released after the call returns. */
    void onMessage(FivemPeerConnection connection, int channelId, ByteBuf payload);

    /** Every phase ignores messages that mean nothing in it (FXServer does the same). */
    FivemPeerHandler IGNORE = (connection, channelId, payload) -> { };
}
