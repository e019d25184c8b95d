package io.gatehouse.enet;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;

/**
 * Sees every received datagram before ENet parsing (FiveM's {@code host->intercept}). Runs on the host's event
 * loop. The buffer belongs to the host (retain to keep it); returning {@code true} consumes the datagram.
 */
@FunctionalInterface
public interface DatagramInterceptor {
    boolean intercept(EnetHost host, InetSocketAddress sender, ByteBuf datagram);
}
