package io.gatehouse.enet;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;

/** What the protocol core needs from its transport: the loop it runs on and a way to send datagrams. */
interface HostDriver {
    boolean inEventLoop();

    void execute(Runnable task);

    /** Asks for a flush of outgoing commands soon, on the loop (coalesced). */
    void requestFlush();

    /** Queues one datagram; takes ownership of the buffer. */
    void send(InetSocketAddress recipient, ByteBuf datagram);

    /** Pushes queued datagrams to the socket. */
    void flushOutput();
}
