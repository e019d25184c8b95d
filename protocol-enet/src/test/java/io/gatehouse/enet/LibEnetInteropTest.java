package io.gatehouse.enet;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Interoperability with the stock libenet C library, directly and through a lossy, reordering relay. */
class LibEnetInteropTest {
    /** Drop rate of the lossy relay; {@code -Dgatehouse.enet.dropRate=0.2} runs both lossy tests at 20 %. */
    private static final String DROP_RATE = "gatehouse.enet.dropRate";

    private static double dropRate(double byDefault) {
        return Double.parseDouble(System.getProperty(DROP_RATE, String.valueOf(byDefault)));
    }

    /** Java echo server: records and echoes every message; disconnects the client after the last one. */
    private static final class EchoServer implements EnetListener {
        final List<Integer> reliableOrder = Collections.synchronizedList(new ArrayList<>());
        final Set<Integer> others = Collections.synchronizedSet(new HashSet<>());
        final List<String> problems = Collections.synchronizedList(new ArrayList<>());
        final CompletableFuture<Integer> connectData = new CompletableFuture<>();
        final CompletableFuture<DisconnectReason> disconnected = new CompletableFuture<>();

        @Override
        public void onConnect(EnetPeer peer, int data) {
            // ENet's default timeouts: the client's last ACK (of our DISCONNECT) may be lost on a lossy link, and then
            // only the timeout ends the peer, within about 6 s. A shorter minimum (this test once used 2 s) makes a
            // healthy peer time out whenever one command of ours needs seven attempts, since at a loopback RTT
            // they all fit into 2 s.
            connectData.complete(data);
        }

        @Override
        public void onReceive(EnetPeer peer, int channelId, ByteBuf payload, DeliveryMode mode) {
            int idx = InteropScript.indexOf(ByteBufUtil.getBytes(payload));
            if (idx < 0) {
                problems.add("bad message of " + payload.readableBytes() + " bytes");
                return;
            }
            if (mode != InteropScript.mode(idx) || channelId != InteropScript.channel(idx)) {
                problems.add("message " + idx + " arrived as " + mode + " on channel " + channelId);
            }
            if (mode == DeliveryMode.RELIABLE) {
                reliableOrder.add(idx);
            } else {
                others.add(idx);
            }
            peer.send(channelId, payload.retain(), mode);
            if (idx == InteropScript.LAST_INDEX) {
                peer.disconnectLater(99);
            }
        }

        @Override
        public void onDisconnect(EnetPeer peer, DisconnectReason reason, int data) {
            disconnected.complete(reason);
        }
    }

    private static List<Integer> expectedReliable(boolean full) {
        List<Integer> list = new ArrayList<>(InteropScript.indices(full));
        list.removeIf(i -> i == 1 || i == 2);
        return list;
    }

    private void libenetClientAgainstJavaServer(boolean lossy) throws Exception {
        EchoServer echo = new EchoServer();
        try (EnetHost server = EnetHost.builder().bind(new InetSocketAddress("127.0.0.1", 0)).peerLimit(32)
            .channelLimit(2).listener(echo).build();
             LossyRelay relay = lossy ? new LossyRelay(server.localAddress(), dropRate(0.10), 8, 7) : null) {
            InetSocketAddress target = relay != null ? relay.address() : server.localAddress();
            try (LibEnet.RunningProcess client = new LibEnet.RunningProcess("client", "127.0.0.1",
                String.valueOf(target.getPort()), lossy ? "reliable" : "full")) {
                int exit = client.awaitExit(90);
                assertThat(exit).as("libenet client exit; stdout=%s stderr=%s", client.stdout(), client.stderr())
                    .isZero();
            }
            assertThat(echo.connectData.get(1, TimeUnit.SECONDS)).isEqualTo(InteropScript.CONNECT_DATA);
            assertThat(echo.problems).isEmpty();
            assertThat(echo.reliableOrder).containsExactlyElementsOf(expectedReliable(!lossy));
            if (!lossy) {
                assertThat(echo.others).containsExactlyInAnyOrder(1, 2);
            }
            assertThat(echo.disconnected.get(lossy ? 20 : 5, TimeUnit.SECONDS)).isEqualTo(DisconnectReason.LOCAL);
            if (relay != null) {
                assertThat(relay.dropped.get()).isPositive();
            }
        }
    }

    private void javaClientAgainstLibenetServer(boolean lossy) throws Exception {
        RecordingListener events = new RecordingListener();
        try (LibEnet.RunningProcess server = new LibEnet.RunningProcess("server");
             EnetHost client = EnetHost.builder().bind(new InetSocketAddress("127.0.0.1", 0)).peerLimit(1)
                 .listener(events).build()) {
            int port = Integer.parseInt(server.awaitLine("LISTENING", 10).split(" ")[1]);
            InetSocketAddress serverAddress = new InetSocketAddress("127.0.0.1", port);
            try (LossyRelay relay = lossy ? new LossyRelay(serverAddress, dropRate(0.15), 8, 11) : null) {
                InetSocketAddress target = relay != null ? relay.address() : serverAddress;
                // a lossy link may need more than the default 5 s of CONNECT retransmissions
                EnetPeer peer = client.connect(target, 2, InteropScript.CONNECT_DATA, java.time.Duration.ofSeconds(15))
                    .get(20, TimeUnit.SECONDS);
                assertThat(server.awaitLine("CONNECT", 5)).isEqualTo("CONNECT " + Integer.toUnsignedString(InteropScript.CONNECT_DATA));
                List<Integer> indices = InteropScript.indices(!lossy);
                for (int idx : indices) {
                    peer.send(InteropScript.channel(idx), Unpooled.wrappedBuffer(InteropScript.message(idx)),
                        InteropScript.mode(idx));
                }
                List<Integer> reliable = new ArrayList<>();
                Set<Integer> others = new HashSet<>();
                for (int i = 0; i < indices.size(); i++) {
                    RecordingListener.Received r = events.awaitReceive(60);
                    int idx = InteropScript.indexOf(r.payload());
                    assertThat(idx).as("echo content").isNotNegative();
                    assertThat(r.mode()).isEqualTo(InteropScript.mode(idx));
                    assertThat(r.channelId()).isEqualTo(InteropScript.channel(idx));
                    if (r.mode() == DeliveryMode.RELIABLE) {
                        reliable.add(idx);
                    } else {
                        others.add(idx);
                    }
                }
                assertThat(reliable).containsExactlyElementsOf(expectedReliable(!lossy));
                if (!lossy) {
                    assertThat(others).containsExactlyInAnyOrder(1, 2);
                }
                peer.disconnect(7);
                assertThat(events.awaitDisconnect(15).reason()).isEqualTo(DisconnectReason.LOCAL);
                assertThat(server.awaitLine("DISCONNECT", 10)).isEqualTo("DISCONNECT 7 RECEIVED " + indices.size());
                assertThat(server.awaitExit(10)).isZero();
                if (relay != null) {
                    assertThat(relay.dropped.get()).isPositive();
                }
            }
        }
    }

    @Test
    void libenetClientToJavaServer() throws Exception {
        libenetClientAgainstJavaServer(false);
    }

    @Test
    void javaClientToLibenetServer() throws Exception {
        javaClientAgainstLibenetServer(false);
    }

    @Test
    void libenetClientToJavaServerThroughLossyRelay() throws Exception {
        libenetClientAgainstJavaServer(true);
    }

    @Test
    void javaClientToLibenetServerThroughLossyRelay() throws Exception {
        javaClientAgainstLibenetServer(true);
    }
}
