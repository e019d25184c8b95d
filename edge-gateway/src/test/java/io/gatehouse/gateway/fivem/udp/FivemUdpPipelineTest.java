package io.gatehouse.gateway.fivem.udp;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.enet.DeliveryMode;
import io.gatehouse.fivem.protocol.hash.HashString;
import io.gatehouse.fivem.protocol.net.ClientMessages;
import io.gatehouse.fivem.protocol.net.ConnectOk;
import io.gatehouse.fivem.protocol.net.ServerMessageDecoder.ConVarsMessage;
import io.gatehouse.fivem.protocol.net.ServerMessageDecoder.FrameMessage;
import io.gatehouse.fivem.protocol.net.ServerMessageDecoder.NetEventMessage;
import io.gatehouse.fivem.protocol.net.ServerMessageDecoder.ObjectIdsMessage;
import io.gatehouse.fivem.protocol.net.ServerMessageDecoder.TimeSyncMessage;
import io.gatehouse.registry.core.SessionKey;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The realtime path end to end over real UDP: CONNECT gate, handshake, join sequence, keep-alives and drops. */
@Timeout(60)
class FivemUdpPipelineTest {

    private static final String GUID_A = "148618791998193665";
    private static final String GUID_B = "148618791998193666";
    private static final String GUID_C = "148618791998193667";

    private static NetEventMessage awaitEvent(JavaFivemClient client, String name, long netId) throws Exception {
        var r = client.awaitMatching(m -> m.message() instanceof NetEventMessage e && e.event().name().equals(name)
                && ((Number) e.event().argsAsList().get(0)).longValue() == netId, 3000);
        return r == null ? null : (NetEventMessage) r.message();
    }

    @Test
    void joinRunsTheOneSyncStartThenAnswersTimeSyncObjectIdsAndQuit() throws Exception {
        try (FivemUdpTestNode node = new FivemUdpTestNode(); JavaFivemClient client = new JavaFivemClient()) {
            String token = node.provision(GUID_A, "alice", true);
            assertThat(client.connect(node.address(), token, 3000)).isTrue();
            client.handshake(token, GUID_A);
            ConnectOk ok = client.awaitConnectOk(3000);
            assertThat(ok).isNotNull();
            assertThat(ok.netId()).isEqualTo(1);
            assertThat(ok.slot()).isEqualTo(128); // top-down slot table
            assertThat(ok.hostId()).isEqualTo(-1);
            assertThat(ok.timeMs()).isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(10_000L));
            var ids = client.awaitMatching(m -> m.message() instanceof ObjectIdsMessage, 3000);
            assertThat(ids.channel()).isEqualTo(1);
            assertThat(((ObjectIdsMessage) ids.message()).ids()).hasSize(64).startsWith(1);
            assertThat(client.await(ConVarsMessage.class, 3000).convars()).containsEntry("sv_enforceGameBuild", "3095");
            NetEventMessage self = client.await(NetEventMessage.class, 3000);
            assertThat(self.event().argsAsList()).containsExactly(1L, "alice", 128L);
            assertThat(client.await(FrameMessage.class, 3000)).isNotNull();

            for (int i = 0; i < 5; i++) {
                client.keepAlive(); // msgEnd tolerated
            }
            client.send(0, ClientMessages.timeSyncRequest(1234, 7), DeliveryMode.RELIABLE);
            var sync = client.awaitMatching(m -> m.message() instanceof TimeSyncMessage, 3000);
            assertThat(sync.channel()).isEqualTo(1);
            assertThat(((TimeSyncMessage) sync.message()).requestTime()).isEqualTo(1234);
            assertThat(((TimeSyncMessage) sync.message()).requestSequence()).isEqualTo(7);
            client.send(0, ClientMessages.requestObjectIds(), DeliveryMode.RELIABLE);
            assertThat(((ObjectIdsMessage) client.awaitMatching(m -> m.message() instanceof ObjectIdsMessage, 3000)
                    .message()).ids()).hasSize(32).startsWith(65);
            assertThat(node.store.roster(io.gatehouse.registry.core.Game.FIVEM).join()).hasSize(1);
            assertThat(node.counter("gatehouse.joins.completed", "protocol", "fivem")).isEqualTo(1);

            client.send(0, ClientMessages.iQuit("Disconnected."), DeliveryMode.RELIABLE);
            assertThat(client.awaitOobError(3000)).isEqualTo("Disconnected.");
            await(() -> !node.hasSession(GUID_A));
            // the world's Leave follows the registry's release (asynchronously), so wait for it rather than race it
            await(() -> node.join.objectIds().held(GUID_A) == 0);
            assertThat(node.join.objectIds().inUse()).isZero();
        }
    }

    @Test
    void handshakeRefusalsCarryFxServerTexts() throws Exception {
        try (FivemUdpTestNode node = new FivemUdpTestNode(FivemUdpTestNode.Options.defaults().slots(1))) {
            // wrong token
            String token = node.provision(GUID_A, "a", true);
            try (JavaFivemClient c = new JavaFivemClient()) {
                assertThat(c.connect(node.address(), token, 3000)).isTrue();
                c.handshake("00000000-0000-0000-0000-000000000000", GUID_A);
                assertThat(c.awaitOobError(3000)).isEqualTo("Invalid connection token received.");
                assertThat(node.hasSession(GUID_A)).isFalse(); // FXServer removes the client
            }
            // deferrals not finished
            String pending = node.provision(GUID_B, "b", false);
            try (JavaFivemClient c = new JavaFivemClient()) {
                assertThat(c.connect(node.address(), pending, 3000)).isTrue();
                c.handshake(pending, GUID_B);
                assertThat(c.awaitOobError(3000)).isEqualTo("Invalid connection.");
                assertThat(node.hasSession(GUID_B)).isFalse();
            }
            // a one-slot table: the second player gets no slot
            String first = node.provision(GUID_A, "a", true);
            String second = node.provision(GUID_C, "c", true);
            try (JavaFivemClient a = new JavaFivemClient(); JavaFivemClient c = new JavaFivemClient()) {
                assertThat(a.connect(node.address(), first, 3000)).isTrue();
                a.handshake(first, GUID_A);
                assertThat(a.awaitConnectOk(3000)).isNotNull();
                assertThat(c.connect(node.address(), second, 3000)).isTrue();
                c.handshake(second, GUID_C);
                assertThat(c.awaitOobError(3000)).isEqualTo("Not enough client slot IDs.");
                assertThat(node.hasSession(GUID_C)).isFalse();
            }
            assertThat(node.counter("gatehouse.joins.failed", "protocol", "fivem", "stage", "handshake",
                    "reason", "token")).isEqualTo(1);
        }
    }

    @Test
    void unknownGuidIsIgnoredAndTheSamePeerMayStillHandshake() throws Exception {
        try (FivemUdpTestNode node = new FivemUdpTestNode(); JavaFivemClient c = new JavaFivemClient()) {
            String token = node.provision(GUID_A, "a", true);
            assertThat(c.connect(node.address(), token, 3000)).isTrue();
            c.handshake(token, "999");
            assertThat(c.awaitOobError(1500)).isNull();
            assertThat(c.messages).isEmpty();
            c.handshake(token, GUID_A);
            assertThat(c.awaitConnectOk(3000)).isNotNull();
        }
    }

    @Test
    void connectGateDropsWrongHashOtherSourceAndSecondUseSilently() throws Exception {
        try (FivemUdpTestNode node = new FivemUdpTestNode()) {
            String token = node.provision(GUID_A, "a", true);
            try (JavaFivemClient wrong = new JavaFivemClient()) {
                assertThat(wrong.connectWithData(node.address(), HashString.of(token) ^ 1, 1500)).isFalse();
                assertThat(wrong.oobErrors).isEmpty();
            }
            // first use from 127.0.0.2 (a CONNECT that never completes), then a retry from 127.0.0.1
            try (var raw = new java.net.DatagramSocket(new java.net.InetSocketAddress("127.0.0.2", 0))) {
                byte[] connect = RawEnet.connect(HashString.of(token), 0x1234);
                raw.send(new java.net.DatagramPacket(connect, connect.length, node.address()));
                Thread.sleep(300);
            }
            try (JavaFivemClient other = new JavaFivemClient()) {
                assertThat(other.connect(node.address(), token, 1500)).isFalse();
            }
            // a connected peer holds the token: a second CONNECT with it is exhausted
            String tokenB = node.provision(GUID_B, "b", true);
            try (JavaFivemClient first = new JavaFivemClient(); JavaFivemClient second = new JavaFivemClient()) {
                assertThat(first.connect(node.address(), tokenB, 3000)).isTrue();
                Thread.sleep(200); // the lock is asynchronous
                assertThat(second.connect(node.address(), tokenB, 1500)).isFalse();
            }
            assertThat(node.listener.host().stats().connectsRejected()).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void playersAreIntroducedToEachOtherAndToldOfDrops() throws Exception {
        try (FivemUdpTestNode node = new FivemUdpTestNode();
             JavaFivemClient a = new JavaFivemClient(); JavaFivemClient b = new JavaFivemClient()) {
            String ta = node.provision(GUID_A, "alice", true);
            String tb = node.provision(GUID_B, "bob", true);
            assertThat(a.connect(node.address(), ta, 3000)).isTrue();
            a.handshake(ta, GUID_A);
            ConnectOk okA = a.awaitConnectOk(3000);
            assertThat(b.connect(node.address(), tb, 3000)).isTrue();
            b.handshake(tb, GUID_B);
            ConnectOk okB = b.awaitConnectOk(3000);
            assertThat(okB.netId()).isEqualTo(2);
            assertThat(okB.slot()).isEqualTo(127);
            // both learn of both
            assertThat(awaitEvent(a, "onPlayerJoining", okB.netId()).event().argsAsList())
                    .containsExactly(2L, "bob", 127L);
            assertThat(awaitEvent(b, "onPlayerJoining", okB.netId())).isNotNull();
            assertThat(awaitEvent(b, "onPlayerJoining", okA.netId()).event().argsAsList())
                    .containsExactly(1L, "alice", 128L);
            b.send(0, ClientMessages.iQuit("Exiting"), DeliveryMode.RELIABLE);
            assertThat(awaitEvent(a, "onPlayerDropped", okB.netId()).event().argsAsList())
                    .containsExactly(2L, "bob", 127L);
        }
    }

    @Test
    void reconnectWithSameGuidAndTokenKeepsNetIdAndSlotWithoutJoinEvents() throws Exception {
        try (FivemUdpTestNode node = new FivemUdpTestNode(FivemUdpTestNode.Options.defaults()
                .udp(u -> u.setReconnectGrace(Duration.ofSeconds(10))));
             JavaFivemClient observer = new JavaFivemClient()) {
            String to = node.provision(GUID_C, "observer", true);
            assertThat(observer.connect(node.address(), to, 3000)).isTrue();
            observer.handshake(to, GUID_C);
            assertThat(observer.awaitConnectOk(3000)).isNotNull();
            String token = node.provision(GUID_A, "alice", true);
            ConnectOk first;
            try (JavaFivemClient a = new JavaFivemClient()) {
                assertThat(a.connect(node.address(), token, 3000)).isTrue();
                a.handshake(token, GUID_A);
                first = a.awaitConnectOk(3000);
                assertThat(awaitEvent(observer, "onPlayerJoining", first.netId())).isNotNull();
                a.peer.disconnect(0); // the ENet link goes (DISCONNECT clears the connect gate)
                Thread.sleep(300);
            }
            try (JavaFivemClient again = new JavaFivemClient()) {
                assertThat(again.connect(node.address(), token, 3000)).isTrue();
                again.handshake(token, GUID_A);
                ConnectOk second = again.awaitConnectOk(3000);
                assertThat(second.netId()).isEqualTo(first.netId());
                assertThat(second.slot()).isEqualTo(first.slot());
                assertThat(again.awaitMatching(m -> m.message() instanceof ObjectIdsMessage, 700)).isNull();
                assertThat(observer.awaitMatching(m -> m.message() instanceof NetEventMessage, 1000)).isNull();
                assertThat(node.hasSession(GUID_A)).isTrue();
            }
        }
    }

    @Test
    void deadClientsAreReapedWithFxServerMessage() throws Exception {
        try (FivemUdpTestNode node = new FivemUdpTestNode(FivemUdpTestNode.Options.defaults()
                .udp(u -> u.setDeadTimeout(Duration.ofMillis(1200))));
             JavaFivemClient quiet = new JavaFivemClient(); JavaFivemClient watcher = new JavaFivemClient()) {
            String tw = node.provision(GUID_B, "w", true);
            assertThat(watcher.connect(node.address(), tw, 3000)).isTrue();
            watcher.handshake(tw, GUID_B);
            assertThat(watcher.awaitConnectOk(3000)).isNotNull();
            String token = node.provision(GUID_A, "q", true);
            assertThat(quiet.connect(node.address(), token, 3000)).isTrue();
            quiet.handshake(token, GUID_A);
            ConnectOk ok = quiet.awaitConnectOk(3000);
            // the watcher keeps talking, the quiet one sends nothing (ENet pings are not packets)
            long until = System.nanoTime() + Duration.ofMillis(3000).toNanos();
            String error = null;
            while (error == null && System.nanoTime() < until) {
                watcher.keepAlive();
                error = quiet.awaitOobError(100);
            }
            assertThat(error).matches("Server->client connection timed out\\. Last seen \\d+ msec ago\\.");
            await(() -> !node.hasSession(GUID_A));
            assertThat(awaitEvent(watcher, "onPlayerDropped", ok.netId())).isNotNull();
            assertThat(node.hasSession(GUID_B)).isTrue();
        }
    }

    @Test
    void registryOutageRefusesNewHandshakesQuicklyWhileJoinedPlayersKeepPlaying() throws Exception {
        try (FivemUdpTestNode node = new FivemUdpTestNode();
             JavaFivemClient playing = new JavaFivemClient(); JavaFivemClient late = new JavaFivemClient()) {
            String tp = node.provision(GUID_A, "p", true);
            assertThat(playing.connect(node.address(), tp, 3000)).isTrue();
            playing.handshake(tp, GUID_A);
            assertThat(playing.awaitConnectOk(3000)).isNotNull();
            String tl = node.provision(GUID_B, "l", true);
            assertThat(late.connect(node.address(), tl, 3000)).isTrue();
            node.killRegistry();
            long started = System.nanoTime();
            late.handshake(tl, GUID_B);
            assertThat(late.awaitOobError(3000)).isEqualTo(DropReasons.UNAVAILABLE);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
            for (int i = 0; i < 3; i++) {
                playing.send(0, ClientMessages.timeSyncRequest(i, i), DeliveryMode.RELIABLE);
                assertThat(playing.awaitMatching(m -> m.message() instanceof TimeSyncMessage, 2000)).isNotNull();
            }
            assertThat(playing.peer.isConnected()).isTrue();
        }
    }

    @Test
    void gracefulStopTellsPlayersAndReleasesSessions() throws Exception {
        FivemUdpTestNode node = new FivemUdpTestNode();
        try (node; JavaFivemClient c = new JavaFivemClient()) {
            String token = node.provision(GUID_A, "a", true);
            assertThat(c.connect(node.address(), token, 3000)).isTrue();
            c.handshake(token, GUID_A);
            assertThat(c.awaitConnectOk(3000)).isNotNull();
            node.listener.stop();
            assertThat(c.awaitOobError(3000)).isEqualTo("Server shutting down: Gatehouse node stopping");
            assertThat(node.hasSession(GUID_A)).isFalse();
            assertThat(node.listener.boundAddress()).isNull();
        }
    }

    static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            Thread.sleep(20);
        }
    }

    @SuppressWarnings("unused")
    private static SessionKey key(String guid) {
        return SessionKey.fivem(guid);
    }

    @SuppressWarnings("unused")
    private static List<Integer> none() {
        return List.of();
    }
}
