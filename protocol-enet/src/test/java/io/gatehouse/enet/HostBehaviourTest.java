package io.gatehouse.enet;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.enet.wire.Command;
import io.gatehouse.enet.wire.Protocol;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Connect gate, interceptor, timeouts and the peer limit, against real sockets. */
class HostBehaviourTest {
    private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 0);
    private EnetHost server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void rejectedConnectGetsNoReplyAndRetransmissionsDoNotReachTheGate() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        server = EnetHost.builder().bind(LOOPBACK).connectGate((from, data) -> {
            calls.incrementAndGet();
            return answer;
        }, java.time.Duration.ofSeconds(5)).build();
        try (RawEnetClient raw = new RawEnetClient(server.localAddress())) {
            byte[] connect = RawEnetClient.connectDatagram(77, 0xDEAD);
            for (int i = 0; i < 5; i++) {
                raw.send(connect);
            }
            Thread.sleep(200);
            assertThat(calls).hasValue(1);
            CompletableFuture.runAsync(() -> answer.complete(false));
            assertThat(raw.receive(1000)).as("reply to a rejected CONNECT").isNull();
            assertThat(server.stats().connectsRejected()).isEqualTo(1);
            assertThat(server.stats().connectedPeers()).isZero();
        }
    }

    @Test
    void acceptedConnectIsAnsweredAfterTheAsyncGate() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        RecordingListener events = new RecordingListener();
        server = EnetHost.builder().bind(LOOPBACK).listener(events).connectGate((from, data) -> {
            calls.incrementAndGet();
            // answered from another thread, later: the host must hop back to its loop
            return CompletableFuture.supplyAsync(() -> data == 0x1234,
                CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));
        }, java.time.Duration.ofSeconds(5)).build();
        try (RawEnetClient raw = new RawEnetClient(server.localAddress())) {
            byte[] connect = RawEnetClient.connectDatagram(99, 0x1234);
            raw.send(connect);
            raw.send(connect);
            byte[] reply = raw.receive(2000);
            assertThat(reply).isNotNull();
            // the CONNECT is acknowledged ahead of VERIFY_CONNECT: the client's first round-trip sample, with the
            // gate's 300 ms left out of it (the ACK echoes the CONNECT's sent time moved on by that long)
            Command ack = RawEnetClient.firstCommand(reply);
            assertThat(ack.command).isEqualTo(Protocol.COMMAND_ACKNOWLEDGE);
            assertThat(ack.channelId).isEqualTo(Protocol.CONTROL_CHANNEL);
            assertThat(ack.receivedReliableSequenceNumber).isEqualTo(1);
            assertThat(ack.receivedSentTime).as("CONNECT sent at 1, held 300 ms by the gate").isBetween(250, 5000);
            Command verify = RawEnetClient.command(reply, Protocol.COMMAND_VERIFY_CONNECT);
            assertThat(verify).isNotNull();
            assertThat(verify.command).isEqualTo(Protocol.COMMAND_VERIFY_CONNECT | Protocol.FLAG_ACKNOWLEDGE);
            assertThat(verify.connectId).isEqualTo(99);
            assertThat(calls).hasValue(1);
        }
        // and a real client gets through end to end
        try (EnetHost client = EnetHost.builder().bind(LOOPBACK).peerLimit(1).build()) {
            EnetPeer peer = client.connect(server.localAddress(), 2, 0x1234).get(5, TimeUnit.SECONDS);
            assertThat(peer.isConnected()).isTrue();
            assertThat(events.awaitConnect(5).data()).isEqualTo(0x1234);
            assertThat(calls).hasValue(2);
        }
    }

    @Test
    void interceptorConsumesOutOfBandDatagramsBeforeEnetParsing() throws Exception {
        RecordingListener events = new RecordingListener();
        server = EnetHost.builder().bind(LOOPBACK).listener(events).interceptor((host, sender, datagram) -> {
            if (datagram.readableBytes() >= 4 && datagram.getInt(datagram.readerIndex()) == -1) {
                ByteBuf reply = Unpooled.buffer();
                reply.writeInt(-1).writeCharSequence("infoResponse\n", StandardCharsets.US_ASCII);
                host.sendRaw(sender, reply);
                return true;
            }
            return false;
        }).build();
        try (RawEnetClient raw = new RawEnetClient(server.localAddress())) {
            byte[] oob = "\u00ff\u00ff\u00ff\u00ffgetinfo xyz".getBytes(StandardCharsets.ISO_8859_1);
            for (int i = 0; i < 10; i++) {
                raw.send(oob);
                byte[] reply = raw.receive(2000);
                assertThat(new String(reply, 4, reply.length - 4, StandardCharsets.US_ASCII)).isEqualTo("infoResponse\n");
            }
            // FF FF as an ENet header would be "compressed" and counted as malformed: it never got there
            long until = System.currentTimeMillis() + 2000;
            while (server.stats().interceptedDatagrams() < 10 && System.currentTimeMillis() < until) {
                Thread.sleep(5); // the counter moves after the interceptor (which already replied) returns
            }
            assertThat(server.stats().interceptedDatagrams()).isEqualTo(10);
            assertThat(server.stats().malformedDatagrams()).isZero();
            // ENet traffic on the same socket is unaffected
            assertThat(raw.handshake(5, 6, 2000)).isTrue();
            assertThat(events.awaitConnect(5).data()).isEqualTo(6);
        }
    }

    @Test
    void vanishedPeerTimesOutWithinItsLimits() throws Exception {
        RecordingListener events = new RecordingListener() {
            @Override
            public void onConnect(EnetPeer peer, int data) {
                peer.setTimeout(32, 1000, 3000);
                super.onConnect(peer, data);
            }
        };
        server = EnetHost.builder().bind(LOOPBACK).listener(events).build();
        try (RawEnetClient raw = new RawEnetClient(server.localAddress())) {
            assertThat(raw.handshake(1, 2, 2000)).isTrue();
            events.awaitConnect(5);
            long start = System.nanoTime();
            // from now on the raw peer never answers: the server's pings go unacknowledged
            RecordingListener.Disconnected d = events.awaitDisconnect(10);
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(d.reason()).isEqualTo(DisconnectReason.TIMEOUT);
            assertThat(elapsedMillis).isBetween(1000L, 3000L + EnetPeer.DEFAULT_PING_INTERVAL + 500L);
            assertThat(server.stats().timeouts()).isEqualTo(1);
            assertThat(server.stats().connectedPeers()).isZero();
        }
    }

    @Test
    void clientSeesTimeoutWhenServerVanishes() throws Exception {
        RecordingListener clientEvents = new RecordingListener();
        server = EnetHost.builder().bind(LOOPBACK).build();
        try (EnetHost client = EnetHost.builder().bind(LOOPBACK).listener(clientEvents).build()) {
            EnetPeer peer = client.connect(server.localAddress(), 1, 0).get(5, TimeUnit.SECONDS);
            peer.setTimeout(0, 500, 1500);
            // stop the server's event loop from answering by closing its socket without telling anyone
            server.eventLoop().submit(() -> {
                server.stats(); // ensure on loop
            }).get();
            closeSilently(server);
            server = null;
            assertThat(clientEvents.awaitDisconnect(10).reason()).isEqualTo(DisconnectReason.TIMEOUT);
        }
    }

    /** Closes the host's socket without the DISCONNECTs that {@link EnetHost#close()} sends. */
    private static void closeSilently(EnetHost host) throws Exception {
        java.lang.reflect.Field channelField = EnetHost.class.getDeclaredField("channel");
        channelField.setAccessible(true);
        ((io.netty.channel.Channel) channelField.get(host)).close().sync();
        host.close();
    }

    @Test
    void peerLimitRefusesExtraConnectsUntilASlotFrees() throws Exception {
        RecordingListener events = new RecordingListener();
        server = EnetHost.builder().bind(LOOPBACK).peerLimit(2).listener(events).build();
        try (RawEnetClient a = new RawEnetClient(server.localAddress());
             RawEnetClient b = new RawEnetClient(server.localAddress());
             RawEnetClient c = new RawEnetClient(server.localAddress())) {
            assertThat(a.handshake(1, 0, 2000)).isTrue();
            assertThat(b.handshake(2, 0, 2000)).isTrue();
            assertThat(c.handshake(3, 0, 1000)).as("third peer beyond the limit").isFalse();
            assertThat(server.stats().connectsRejected()).isPositive();
            events.awaitConnect(5);
            events.awaitConnect(5);
            assertThat(a.remotePeerId).isNotEqualTo(b.remotePeerId);

            // a leaves: DISCONNECT without acknowledgement, as enet_peer_disconnect_now sends it
            ByteBuf out = Unpooled.buffer();
            a.writeHeader(out, 10);
            out.writeByte(Protocol.COMMAND_DISCONNECT | Protocol.FLAG_UNSEQUENCED).writeByte(0xFF).writeShort(0).writeInt(5);
            a.send(io.netty.buffer.ByteBufUtil.getBytes(out));
            out.release();
            RecordingListener.Disconnected d = events.awaitDisconnect(5);
            assertThat(d.reason()).isEqualTo(DisconnectReason.REMOTE);
            assertThat(d.data()).isEqualTo(5);
            assertThat(c.handshake(4, 0, 2000)).isTrue();
            assertThat(c.remotePeerId).isEqualTo(a.remotePeerId);
        }
    }

    @Test
    void connectFailsWithItsTimeoutWhenNobodyAnswers() throws Exception {
        try (java.net.DatagramSocket silent = new java.net.DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
             EnetHost client = EnetHost.builder().bind(LOOPBACK).peerLimit(1).build()) {
            InetSocketAddress nowhere = (InetSocketAddress) silent.getLocalSocketAddress();
            CompletableFuture<EnetPeer> attempt = client.connect(nowhere, 2, 0, java.time.Duration.ofMillis(300));
            assertThat(attempt).failsWithin(5, TimeUnit.SECONDS)
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause().isInstanceOf(EnetConnectException.class).withMessageContaining("timed out");
            // the abandoned attempt gave its slot back (peerLimit 1): the next one gets as far as timing out too
            CompletableFuture<EnetPeer> again = client.connect(nowhere, 2, 0, java.time.Duration.ofMillis(100));
            assertThat(again).failsWithin(5, TimeUnit.SECONDS)
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause().withMessageContaining("timed out");
        }
    }

    @Test
    void aThousandConnectsAtOnceAllComplete() throws Exception {
        server = EnetHost.builder().bind(LOOPBACK).build();
        try (EnetHost client = EnetHost.builder().bind(LOOPBACK).build()) {
            // one burst, no pacing: 1000 CONNECTs, then 1000 VERIFY_CONNECTs back, must fit the socket buffers
            java.util.List<CompletableFuture<EnetPeer>> all = new java.util.ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                all.add(client.connect(server.localAddress(), 2, i, java.time.Duration.ofSeconds(30)));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(40, TimeUnit.SECONDS);
            long until = System.currentTimeMillis() + 5000;
            while (server.stats().connectedPeers() < 1000 && System.currentTimeMillis() < until) {
                Thread.sleep(10); // the server counts a peer once our ACK of its VERIFY_CONNECT (or data) arrives
            }
            assertThat(server.stats().connectedPeers()).isEqualTo(1000);
            assertThat(server.stats().timeouts()).isZero();
        }
    }
}
