package io.gatehouse.enet;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JavaToJavaTest {
    private final RecordingListener serverEvents = new RecordingListener();
    private final RecordingListener clientEvents = new RecordingListener();
    private EnetHost server;
    private EnetHost client;

    @BeforeEach
    void start() {
        server = EnetHost.builder().bind(new InetSocketAddress("127.0.0.1", 0)).peerLimit(64).channelLimit(2)
            .listener(serverEvents).build();
        client = EnetHost.builder().bind(new InetSocketAddress("127.0.0.1", 0)).peerLimit(4)
            .listener(clientEvents).build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void connectsExchangesAllModesAndDisconnects() throws Exception {
        EnetPeer clientPeer = client.connect(server.localAddress(), 2, 0xBC2D66BA).get(5, TimeUnit.SECONDS);
        RecordingListener.Connected connected = serverEvents.awaitConnect(5);
        assertThat(connected.data()).isEqualTo(0xBC2D66BA);
        assertThat(clientEvents.awaitConnect(5).peer()).isSameAs(clientPeer);
        EnetPeer serverPeer = connected.peer();
        assertThat(serverPeer.channelCount()).isEqualTo(2);

        clientPeer.send(0, Unpooled.wrappedBuffer("reliable".getBytes()), DeliveryMode.RELIABLE);
        RecordingListener.Received r = serverEvents.awaitReceive(5);
        assertThat(new String(r.payload())).isEqualTo("reliable");
        assertThat(r.mode()).isEqualTo(DeliveryMode.RELIABLE);
        assertThat(r.channelId()).isZero();

        clientPeer.send(1, Unpooled.wrappedBuffer("unreliable".getBytes()), DeliveryMode.UNRELIABLE);
        r = serverEvents.awaitReceive(5);
        assertThat(new String(r.payload())).isEqualTo("unreliable");
        assertThat(r.mode()).isEqualTo(DeliveryMode.UNRELIABLE);
        assertThat(r.channelId()).isEqualTo(1);

        clientPeer.send(1, Unpooled.wrappedBuffer("unsequenced".getBytes()), DeliveryMode.UNSEQUENCED);
        r = serverEvents.awaitReceive(5);
        assertThat(new String(r.payload())).isEqualTo("unsequenced");
        assertThat(r.mode()).isEqualTo(DeliveryMode.UNSEQUENCED);

        byte[] big = new byte[100_000];
        new Random(1).nextBytes(big);
        serverPeer.send(0, Unpooled.wrappedBuffer(big), DeliveryMode.RELIABLE);
        r = clientEvents.awaitReceive(5);
        assertThat(r.payload()).isEqualTo(big);

        // unreliable traffic is subject to ENet's packet throttle; open it fully (as FiveM does) and let
        // one reliable round trip apply the new acceleration before relying on an unreliable delivery
        serverPeer.throttleConfigure(1000, 32, 0);
        serverPeer.send(0, Unpooled.wrappedBuffer("sync".getBytes()), DeliveryMode.RELIABLE);
        assertThat(new String(clientEvents.awaitReceive(5).payload())).isEqualTo("sync");
        Thread.sleep(100);
        byte[] bigUnreliable = new byte[20_000];
        new Random(2).nextBytes(bigUnreliable);
        serverPeer.send(1, Unpooled.wrappedBuffer(bigUnreliable), DeliveryMode.UNRELIABLE_FRAGMENTED);
        r = clientEvents.awaitReceive(5);
        assertThat(r.payload()).isEqualTo(bigUnreliable);
        assertThat(r.mode()).isEqualTo(DeliveryMode.UNRELIABLE_FRAGMENTED);

        for (int i = 0; i < 2000; i++) {
            clientPeer.send(0, Unpooled.wrappedBuffer(("m" + i).getBytes()), DeliveryMode.RELIABLE);
        }
        for (int i = 0; i < 2000; i++) {
            assertThat(new String(serverEvents.awaitReceive(5).payload())).isEqualTo("m" + i);
        }

        clientPeer.disconnect(42);
        RecordingListener.Disconnected d = serverEvents.awaitDisconnect(5);
        assertThat(d.reason()).isEqualTo(DisconnectReason.REMOTE);
        assertThat(d.data()).isEqualTo(42);
        assertThat(clientEvents.awaitDisconnect(5).reason()).isEqualTo(DisconnectReason.LOCAL);
        assertThat(server.stats().connectedPeers()).isZero();
    }
}
