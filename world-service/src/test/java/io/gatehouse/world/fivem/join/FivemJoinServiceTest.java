package io.gatehouse.world.fivem.join;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.contracts.world.v1.EnetMessage;
import io.gatehouse.contracts.world.v1.FivemJoinReply;
import io.gatehouse.contracts.world.v1.FivemJoinRequest;
import io.gatehouse.contracts.world.v1.FivemLeaveRequest;
import io.gatehouse.contracts.world.v1.FivemObjectIdsRequest;
import io.gatehouse.contracts.world.v1.FivemPlayer;
import io.gatehouse.fivem.protocol.net.ConnectOk;
import io.gatehouse.fivem.protocol.net.ServerMessageDecoder;
import io.gatehouse.fivem.protocol.net.ServerMessageDecoder.ConVarsMessage;
import io.gatehouse.fivem.protocol.net.ServerMessageDecoder.ConnectOkMessage;
import io.gatehouse.fivem.protocol.net.ServerMessageDecoder.FrameMessage;
import io.gatehouse.fivem.protocol.net.ServerMessageDecoder.NetEventMessage;
import io.gatehouse.fivem.protocol.net.ServerMessageDecoder.ObjectIdsMessage;
import io.gatehouse.fivem.protocol.net.ServerMessageDecoder.ServerMessage;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FivemJoinServiceTest {

    private static final long NOW = 1719000000000L;

    private static FivemJoinService service(boolean bigMode) {
        return new FivemJoinService(new FivemJoinSettings(bigMode, "gta5", Map.of("sv_scriptHookAllowed", "false")),
                new ObjectIdAllocator(), () -> NOW);
    }

    private static List<ServerMessage> decode(List<EnetMessage> messages) {
        return messages.stream().map(m -> ServerMessageDecoder.decode(m.getPayload().toByteArray())).toList();
    }

    @Test
    void firstJoinFollowsFxServerOrderAndChannels() {
        FivemJoinReply reply = service(false).join(FivemJoinRequest.newBuilder().setGuid("148618791998193665")
                .setNetId(1).setSlotId(128).setName("alice")
                .addOthers(FivemPlayer.newBuilder().setNetId(2).setName("bob").setSlotId(127)).build());
        // connectOK byte-exact (reference §10 vector)
        assertThat(HexFormat.of().formatHex(reply.getMessages(0).getPayload().toByteArray()))
                .isEqualTo("01000000" + "2031202d31202d31203132382031373139303030303030303030");
        List<ServerMessage> decoded = decode(reply.getMessagesList());
        assertThat(decoded.get(0)).isEqualTo(new ConnectOkMessage(new ConnectOk(1, -1, -1, 128, NOW)));
        assertThat(decoded.get(1)).isInstanceOfSatisfying(ObjectIdsMessage.class,
                m -> assertThat(m.ids()).hasSize(64).startsWith(1, 2, 3).endsWith(64));
        assertThat(reply.getMessages(1).getChannel()).isEqualTo(1);
        assertThat(decoded.get(2)).isInstanceOfSatisfying(ConVarsMessage.class,
                m -> assertThat(m.convars()).containsEntry("sv_scriptHookAllowed", "false"));
        assertThat(decoded.get(3)).isInstanceOfSatisfying(NetEventMessage.class, m -> {
            assertThat(m.event().name()).isEqualTo("onPlayerJoining");
            assertThat(m.event().argsAsList()).containsExactly(1L, "alice", 128L);
        });
        assertThat(decoded.get(4)).isInstanceOfSatisfying(NetEventMessage.class,
                m -> assertThat(m.event().argsAsList()).containsExactly(2L, "bob", 127L));
        assertThat(decoded.get(5)).isInstanceOf(FrameMessage.class);
        assertThat(reply.getMessagesList()).allMatch(EnetMessage::getReliable);
        assertThat(reply.getMessagesList()).filteredOn(m -> m.getChannel() == 1).hasSize(1);
        assertThat(decode(reply.getAnnounceList())).singleElement().isInstanceOfSatisfying(NetEventMessage.class,
                m -> assertThat(m.event().argsAsList()).containsExactly(1L, "alice", 128L));
    }

    @Test
    void bigModeUsesConstantSlotFourIdsAndNoRoster() {
        FivemJoinReply reply = service(true).join(FivemJoinRequest.newBuilder().setGuid("7").setNetId(3)
                .setSlotId(2048).setName("c").addOthers(FivemPlayer.newBuilder().setNetId(1).setName("x")).build());
        List<ServerMessage> decoded = decode(reply.getMessagesList());
        assertThat(((ConnectOkMessage) decoded.get(0)).connectOk().slot()).isEqualTo(128);
        assertThat(((ObjectIdsMessage) decoded.get(1)).ids()).containsExactly(1, 2, 3, 4);
        assertThat(decoded).filteredOn(NetEventMessage.class::isInstance).singleElement()
                .satisfies(m -> assertThat(((NetEventMessage) m).event().argsAsList()).containsExactly(3L, "c", 128L));
        assertThat(reply.getAnnounceList()).isEmpty();
    }

    @Test
    void reconnectGetsConnectOkAndFrameOnly() {
        FivemJoinService service = service(false);
        service.join(FivemJoinRequest.newBuilder().setGuid("9").setNetId(4).setSlotId(128).setName("d").build());
        FivemJoinReply again = service.join(FivemJoinRequest.newBuilder().setGuid("9").setNetId(4).setSlotId(128)
                .setName("d").setReconnect(true).build());
        assertThat(decode(again.getMessagesList())).hasSize(2).first().isEqualTo(
                new ConnectOkMessage(new ConnectOk(4, -1, -1, 128, NOW)));
        assertThat(again.getAnnounceList()).isEmpty();
        assertThat(service.objectIds().held("9")).isEqualTo(64);
    }

    @Test
    void aLateLeaveOfAnEarlierLifeKeepsTheNewLifesObjectIds() {
        FivemJoinService service = service(false);
        service.join(FivemJoinRequest.newBuilder().setGuid("1").setNetId(1).setSlotId(128).setName("a").build());
        // the player dropped and joined again (new net ID) before the gateway's Leave of the first life arrived
        service.join(FivemJoinRequest.newBuilder().setGuid("1").setNetId(2).setSlotId(128).setName("a").build());
        service.requestObjectIds(FivemObjectIdsRequest.newBuilder().setGuid("1").setNetId(2).build());
        service.leave(FivemLeaveRequest.newBuilder().setGuid("1").setNetId(1).setName("a").setSlotId(128).build());
        assertThat(service.objectIds().held("1")).isEqualTo(64 + 32);
        FivemJoinReply other = service.join(
                FivemJoinRequest.newBuilder().setGuid("2").setNetId(3).setSlotId(127).setName("b").build());
        assertThat(((ObjectIdsMessage) decode(other.getMessagesList()).get(1)).ids()).as("no ID handed out twice")
                .startsWith(97).endsWith(160);
        service.leave(FivemLeaveRequest.newBuilder().setGuid("1").setNetId(2).setName("a").setSlotId(128).build());
        assertThat(service.objectIds().held("1")).isZero();
        assertThat(service.objectIds().inUse()).isEqualTo(64);
    }

    @Test
    void objectIdsAreSharedLowestFirstAndReleasedOnLeave() {
        FivemJoinService service = service(false);
        service.join(FivemJoinRequest.newBuilder().setGuid("1").setNetId(1).setSlotId(128).setName("a").build());
        FivemJoinReply second = service.join(
                FivemJoinRequest.newBuilder().setGuid("2").setNetId(2).setSlotId(127).setName("b").build());
        assertThat(((ObjectIdsMessage) decode(second.getMessagesList()).get(1)).ids()).startsWith(65).endsWith(128);
        FivemJoinReply more = service.requestObjectIds(FivemObjectIdsRequest.newBuilder().setGuid("1").build());
        assertThat(((ObjectIdsMessage) decode(more.getMessagesList()).get(0)).ids()).hasSize(32).startsWith(129);
        var left = service.leave(FivemLeaveRequest.newBuilder().setGuid("1").setNetId(1).setName("a").setSlotId(128)
                .build());
        assertThat(decode(left.getAnnounceList())).singleElement().isInstanceOfSatisfying(NetEventMessage.class, m -> {
            assertThat(m.event().name()).isEqualTo("onPlayerDropped");
            assertThat(m.event().argsAsList()).containsExactly(1L, "a", 128L);
        });
        assertThat(service.objectIds().held("1")).isZero();
        FivemJoinReply third = service.join(
                FivemJoinRequest.newBuilder().setGuid("3").setNetId(3).setSlotId(126).setName("c").build());
        assertThat(((ObjectIdsMessage) decode(third.getMessagesList()).get(1)).ids()).startsWith(1).endsWith(64);
    }

    @Test
    void rejectsTemporaryNetIds() {
        assertThatThrownBy(() -> service(false).join(FivemJoinRequest.newBuilder().setGuid("1").setNetId(0x10000)
                .build())).isInstanceOf(IllegalArgumentException.class);
    }
}
