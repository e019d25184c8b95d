package io.gatehouse.gateway.fivem.udp;

import io.gatehouse.enet.DeliveryMode;
import io.gatehouse.enet.DisconnectReason;
import io.gatehouse.enet.EnetHost;
import io.gatehouse.enet.EnetListener;
import io.gatehouse.enet.EnetPeer;
import io.gatehouse.fivem.protocol.hash.HashString;
import io.gatehouse.fivem.protocol.net.ClientMessages;
import io.gatehouse.fivem.protocol.net.ConnectOk;
import io.gatehouse.fivem.protocol.net.Handshake;
import io.gatehouse.fivem.protocol.net.ServerMessageDecoder;
import io.gatehouse.fivem.protocol.net.ServerMessageDecoder.ServerMessage;
import io.gatehouse.fivem.protocol.oob.OutOfBand;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A FiveM client on the Java ENet client role, recording what the server sends (messages and OOB errors). */
final class JavaFivemClient implements AutoCloseable {

    record Received(int channel, ServerMessage message, byte[] raw) {
    }

    final EnetHost host;
    final BlockingQueue<Received> messages = new LinkedBlockingQueue<>();
    final BlockingQueue<String> oobErrors = new LinkedBlockingQueue<>();
    final BlockingQueue<DisconnectReason> disconnects = new LinkedBlockingQueue<>();
    volatile EnetPeer peer;

    JavaFivemClient() {
        this(new InetSocketAddress("127.0.0.1", 0));
    }

    JavaFivemClient(InetSocketAddress bind) {
        host = EnetHost.builder().bind(bind).peerLimit(1).channelLimit(2)
                .interceptor((h, sender, datagram) -> {
                    if (datagram.readableBytes() >= 4 && datagram.getInt(datagram.readerIndex()) == -1) {
                        OutOfBand.parseError(ByteBufUtil.getBytes(datagram)).ifPresent(oobErrors::add);
                        return true;
                    }
                    return false;
                })
                .listener(new EnetListener() {
                    @Override
                    public void onReceive(EnetPeer p, int channelId, ByteBuf payload, DeliveryMode mode) {
                        byte[] raw = ByteBufUtil.getBytes(payload);
                        messages.add(new Received(channelId, ServerMessageDecoder.decode(raw), raw));
                    }

                    @Override
                    public void onDisconnect(EnetPeer p, DisconnectReason reason, int data) {
                        disconnects.add(reason);
                    }
                })
                .build();
    }

    /** ENet CONNECT with {@code data = HashString(token)}, 2 channels, as the real client; true when connected. */
    boolean connect(InetSocketAddress server, String token, long timeoutMillis) {
        return connectWithData(server, HashString.of(token), timeoutMillis);
    }

    boolean connectWithData(InetSocketAddress server, int data, long timeoutMillis) {
        try {
            peer = host.connect(server, 2, data).get(timeoutMillis, TimeUnit.MILLISECONDS);
            // the real client: enet_peer_timeout(peer, 10000000, 10000000, 30000)
            peer.setTimeout(10_000_000, 10_000_000, 30_000);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    void handshake(String token, String guid) {
        send(0, Handshake.encode(token, guid), DeliveryMode.RELIABLE);
    }

    void send(int channel, byte[] payload, DeliveryMode mode) {
        peer.send(channel, Unpooled.wrappedBuffer(payload), mode);
    }

    void keepAlive() {
        send(1, ClientMessages.end(), DeliveryMode.UNSEQUENCED);
    }

    <T extends ServerMessage> T await(Class<T> type, long timeoutMillis) throws InterruptedException {
        Received r = awaitMatching(m -> type.isInstance(m.message()), timeoutMillis);
        return r == null ? null : type.cast(r.message());
    }

    Received awaitMatching(Predicate<Received> predicate, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            Received r = messages.poll(left, TimeUnit.NANOSECONDS);
            if (r != null && predicate.test(r)) {
                return r;
            }
        }
    }

    ConnectOk awaitConnectOk(long timeoutMillis) throws InterruptedException {
        ServerMessageDecoder.ConnectOkMessage ok = await(ServerMessageDecoder.ConnectOkMessage.class, timeoutMillis);
        return ok == null ? null : ok.connectOk();
    }

    String awaitOobError(long timeoutMillis) throws InterruptedException {
        return oobErrors.poll(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        host.close();
    }
}
