package io.gatehouse.fivem.protocol.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.fivem.protocol.FivemProtocolException;
import io.gatehouse.fivem.protocol.Hex;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class NetMessagesTest {

    @Test
    void connectOkMatchesReferenceVector() {
        byte[] packet = new ConnectOk(1, -1, -1, 128, 1719000000000L).encode();
        assertThat(Hex.of(packet)).isEqualTo("01000000" + "2031202d31202d31203132382031373139303030303030303030");
        assertThat(ConnectOk.decode(packet)).isEqualTo(new ConnectOk(1, -1, -1, 128, 1719000000000L));
    }

    @Test
    void connectOkWithoutSlotAndTimeDefaultsToMinusOne() {
        byte[] packet = new LeWriter(16).u32(1).ascii(" 7 -1 -1").toByteArray();
        assertThat(ConnectOk.decode(packet)).isEqualTo(new ConnectOk(7, -1, -1, -1, -1));
    }

    @Test
    void connectOkTooShortIsTypedError() {
        assertThatThrownBy(() -> ConnectOk.decode(Hex.bytes("01000000")))
                .isInstanceOf(FivemProtocolException.class);
        assertThatThrownBy(() -> ConnectOk.decode(new LeWriter(8).u32(1).ascii(" 1").toByteArray()))
                .isInstanceOf(FivemProtocolException.class);
    }

    @Test
    void handshakeStartsWithTypeOneAndTokenField() {
        byte[] packet = Handshake.encode("3f2504e0-4f89-41d3-9a0c-0305e82c3301", 0x0210000100000001L);
        assertThat(Hex.of(packet)).startsWith("01000000" + "746f6b656e3d");
        assertThat(new String(packet, 4, packet.length - 4, StandardCharsets.US_ASCII))
                .isEqualTo("token=3f2504e0-4f89-41d3-9a0c-0305e82c3301&guid=148618791998193665");
        Handshake h = Handshake.decode(packet);
        assertThat(h.token()).contains("3f2504e0-4f89-41d3-9a0c-0305e82c3301");
        assertThat(h.guid()).contains("148618791998193665");
        assertThat(h.toString()).doesNotContain("3f2504e0");
    }

    @Test
    void handshakeWithMissingFieldsDecodesToEmpty() {
        Handshake h = Handshake.decode(new LeWriter(8).u32(1).ascii("guid=5").toByteArray());
        assertThat(h.token()).isEmpty();
        assertThat(h.guid()).contains("5");
        assertThatThrownBy(() -> Handshake.decode(Hex.bytes("020000"))).isInstanceOf(FivemProtocolException.class);
    }

    @Test
    void objectIdsMatchReferenceVector() {
        byte[] packet = ObjectIds.encode(List.of(1, 2, 3, 10));
        assertThat(Hex.of(packet)).isEqualTo("8195e348" + "0200" + "0000" + "0200" + "0500" + "0000");
        assertThat(ObjectIds.compress(List.of(1, 2, 3, 10)))
                .containsExactly(new ObjectIds.Entry(0, 2), new ObjectIds.Entry(5, 0));
        assertThat(ObjectIds.decode(packet)).containsExactly(1, 2, 3, 10);
    }

    @Test
    void objectIdsRoundTripRandomSets() {
        Random rnd = new Random(42);
        for (int round = 0; round < 200; round++) {
            TreeSet<Integer> set = new TreeSet<>();
            int n = rnd.nextInt(40);
            while (set.size() < n) {
                set.add(rnd.nextInt(65536));
            }
            List<Integer> ids = new ArrayList<>(set);
            assertThat(ObjectIds.decode(ObjectIds.encode(ids))).isEqualTo(ids);
        }
        assertThat(ObjectIds.decode(ObjectIds.encode(List.of(0, 1, 65535)))).containsExactly(0, 1, 65535);
    }

    @Test
    void objectIdsRejectTooManyRunsAndTruncation() {
        byte[] seven = new LeWriter(40).u32(MessageType.MSG_OBJECT_IDS.hash()).u16(7)
                .bytes(new byte[28]).toByteArray();
        assertThatThrownBy(() -> ObjectIds.decode(seven, ObjectIds.MAX_ENTRIES_BIG))
                .isInstanceOf(FivemProtocolException.class);
        assertThat(ObjectIds.decode(seven)).hasSize(7);
        assertThatThrownBy(() -> ObjectIds.decode(Hex.bytes("8195e348 0200 0000")))
                .isInstanceOf(FivemProtocolException.class);
    }

    @Test
    void msgEndAndFrameMatchReferenceVectors() {
        assertThat(Hex.of(ClientMessages.end())).isEqualTo("639e56ca");
        assertThat(Hex.of(ServerMessages.frame(0, 0))).isEqualTo("3ffaff53" + "00000000" + "00" + "00");
        assertThat(ClientMessages.decode(ClientMessages.end())).isInstanceOf(ClientMessages.End.class);
    }

    @Test
    void timeSyncRequestAndResponse() {
        byte[] req = ClientMessages.timeSyncRequest(1000, 7);
        assertThat(Hex.of(req)).isEqualTo("f803131c" + "e8030000" + "07000000");
        assertThat(ClientMessages.decode(req)).isEqualTo(new ClientMessages.TimeSyncRequest(1000, 7));
        byte[] resp = ServerMessages.timeSync(1000, 7, 123456);
        assertThat(Hex.of(resp)).isEqualTo("ed376ee5" + "e8030000" + "07000000" + "40e20100");
        assertThat(ServerMessageDecoder.decode(resp))
                .isEqualTo(new ServerMessageDecoder.TimeSyncMessage(1000, 7, 123456));
        assertThatThrownBy(() -> ClientMessages.decode(Hex.bytes("f803131c e8030000")))
                .isInstanceOf(FivemProtocolException.class);
    }

    @Test
    void requestObjectIdsAndQuit() {
        assertThat(ClientMessages.decode(ClientMessages.requestObjectIds()))
                .isInstanceOf(ClientMessages.RequestObjectIds.class);
        byte[] quit = ClientMessages.iQuit("Exiting");
        assertThat(Hex.of(quit)).isEqualTo("d1ad2c52" + Hex.of("Exiting".getBytes(StandardCharsets.US_ASCII)) + "00");
        assertThat(ClientMessages.decode(quit)).isEqualTo(new ClientMessages.IQuit("Exiting"));
        // a bare NUL is one byte: below the 2-byte minimum
        assertThatThrownBy(() -> ClientMessages.decode(Hex.bytes("d1ad2c52 00")))
                .isInstanceOf(FivemProtocolException.class);
        byte[] tooLong = new LeWriter(1100).u32(MessageType.MSG_I_QUIT.hash()).bytes(new byte[1025]).toByteArray();
        assertThatThrownBy(() -> ClientMessages.decode(tooLong)).isInstanceOf(FivemProtocolException.class);
    }

    @Test
    void onPlayerJoiningNetEventBytes() {
        byte[] packet = NetEvents.onPlayerJoining(1, "bob", 128);
        String expected = "7afd3773" + "ffff" + "1000" + Hex.of("onPlayerJoining".getBytes(StandardCharsets.US_ASCII))
                + "00" + "93" + "01" + "a3626f62" + "cc80";
        assertThat(Hex.of(packet)).isEqualTo(expected);
        ServerMessageDecoder.ServerMessage m = ServerMessageDecoder.decode(packet);
        assertThat(m).isInstanceOf(ServerMessageDecoder.NetEventMessage.class);
        NetEvents.NetEvent ev = ((ServerMessageDecoder.NetEventMessage) m).event();
        assertThat(ev.sourceNetId()).isEqualTo(0xFFFF);
        assertThat(ev.name()).isEqualTo("onPlayerJoining");
        assertThat(ev.argsAsList()).containsExactly(1L, "bob", 128L);
        // unconnected players have netId 0xFFFFFFFF and slot -1: uint32 and negative fixint
        assertThat(Hex.of(NetEvents.args(-1, "", -1))).isEqualTo("93" + "ceffffffff" + "a0" + "ff");
    }

    @Test
    void onPlayerDroppedNetEvent() {
        byte[] packet = NetEvents.onPlayerDropped(300, "x", 5);
        NetEvents.NetEvent ev = ((ServerMessageDecoder.NetEventMessage) ServerMessageDecoder.decode(packet)).event();
        assertThat(ev.name()).isEqualTo("onPlayerDropped");
        assertThat(Hex.of(ev.args())).isEqualTo("93" + "cd012c" + "a178" + "05");
    }

    @Test
    void conVarsAreASortedMsgpackStringMap() {
        byte[] packet = ServerMessages.conVars(Map.of("sv_b", "2", "sv_a", "1"));
        assertThat(Hex.of(packet)).isEqualTo("83d5cb6a" + "82" + "a4" + Hex.of("sv_a".getBytes()) + "a131"
                + "a4" + Hex.of("sv_b".getBytes()) + "a132");
        ServerMessageDecoder.ServerMessage m = ServerMessageDecoder.decode(packet);
        assertThat(((ServerMessageDecoder.ConVarsMessage) m).convars()).containsExactly(
                Map.entry("sv_a", "1"), Map.entry("sv_b", "2"));
    }

    @Test
    void msgpackIntegerAndStringForms() {
        MsgPack.Writer w = new MsgPack.Writer();
        w.integer(127).integer(128).integer(256).integer(65536).integer(-32).integer(-33).integer(-129)
                .integer(-32769).integer(1L << 32);
        assertThat(Hex.of(w.toByteArray())).isEqualTo("7f" + "cc80" + "cd0100" + "ce00010000" + "e0" + "d0df"
                + "d1ff7f" + "d2ffff7fff" + "cf0000000100000000");
        assertThat(Hex.of(MsgPack.pack("a".repeat(32))).substring(0, 4)).isEqualTo("d920");
        assertThat(MsgPack.unpack(MsgPack.pack(List.of(1L, "x", List.of(true), Map.of("k", -5L)))))
                .isEqualTo(List.of(1L, "x", List.of(true), Map.of("k", -5L)));
        assertThatThrownBy(() -> MsgPack.unpack(Hex.bytes("dd7fffffff"))).isInstanceOf(FivemProtocolException.class);
    }

    @Test
    void routeAndServerEventAndUnknown() {
        byte[] route = ServerMessages.route(3, new byte[] {9, 8});
        ClientMessages.ClientMessage m = ClientMessages.decode(route);
        assertThat(m).isInstanceOf(ClientMessages.Route.class);
        assertThat(((ClientMessages.Route) m).netId()).isEqualTo(3);
        assertThat(((ClientMessages.Route) m).payload()).containsExactly(9, 8);

        byte[] ev = ClientMessages.serverEvent("chat:msg", MsgPack.pack(List.of("hi")));
        ClientMessages.ServerEvent se = (ClientMessages.ServerEvent) ClientMessages.decode(ev);
        assertThat(se.name()).isEqualTo("chat:msg");

        ClientMessages.ClientMessage unknown = ClientMessages.decode(Hex.bytes("35c8e181 0102"));
        assertThat(unknown).isInstanceOf(ClientMessages.Unknown.class);
        assertThat(ClientMessages.decode(Hex.bytes("deadbeef"))).isInstanceOf(ClientMessages.Unknown.class);
        assertThatThrownBy(() -> ClientMessages.decode(Hex.bytes("dead"))).isInstanceOf(FivemProtocolException.class);
        assertThat(Optional.of(ServerMessages.iHost(0xFFFF, 0xFFFF)).map(Hex::of))
                .contains("de30eab3" + "ffff" + "ffff0000");
    }
}
