package io.gatehouse.enet;

import io.netty.buffer.ByteBuf;

/**
 * Events of one host, always called on the host's event loop. Every peer that saw {@link #onConnect} sees
 * exactly one {@link #onDisconnect}.
 */
public interface EnetListener {
    /** A peer completed the handshake; {@code data} is the CONNECT data (FiveM: the token hash). */
    default void onConnect(EnetPeer peer, int data) {
    }

    /**
     * A message arrived. The buffer is released when this method returns: {@code retain()} it to keep it.
     */
    default void onReceive(EnetPeer peer, int channelId, ByteBuf payload, DeliveryMode mode) {
    }

    /** The peer is gone; {@code data} is the DISCONNECT data for {@link DisconnectReason#REMOTE}, else 0. */
    default void onDisconnect(EnetPeer peer, DisconnectReason reason, int data) {
    }
}
