package io.gatehouse.fivem.protocol.ids;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void temporaryNetIds() {
        assertThat(NetIds.temporary(0)).isEqualTo(65536);
        assertThat(NetIds.temporary(5)).isEqualTo(65541);
        assertThat(NetIds.isConnected(NetIds.temporary(0))).isFalse();
        assertThat(NetIds.isConnected(1)).isTrue();
        assertThat(NetIds.isConnected(0xFFFF)).isFalse();
    }

    @Test
    void finalNetIdsSkipUsedAndWrap() {
        Set<Integer> used = new HashSet<>(Set.of(1, 2, 4));
        NetIds.Allocation a = NetIds.allocate(1, used::contains);
        assertThat(a).isEqualTo(new NetIds.Allocation(3, 4));
        NetIds.Allocation b = NetIds.allocate(a.nextCounter(), used::contains);
        assertThat(b.netId()).isEqualTo(5);
        NetIds.Allocation wrap = NetIds.allocate(0xFFFE, id -> id == 0xFFFE);
        assertThat(wrap.netId()).isEqualTo(1);
        assertThat(NetIds.allocate(0xFFFF, id -> false).netId()).isEqualTo(1);
        assertThat(NetIds.allocate(1, id -> true)).isNull();
    }

    @Test
    void slotsScanFromTheTopSkipping31() {
        assertThat(SlotIds.assign(false, s -> false)).isEqualTo(128);
        assertThat(SlotIds.assign(true, s -> false)).isEqualTo(2048);
        assertThat(SlotIds.assign(false, s -> s > 31)).isEqualTo(30);
        assertThat(SlotIds.assign(false, s -> s != 31)).isEqualTo(SlotIds.NO_SLOT);
        assertThat(SlotIds.tableSize(false)).isEqualTo(129);
        assertThat(SlotIds.tableSize(true)).isEqualTo(2049);
        assertThat(SlotIds.assignOrKeep(7, false, s -> true)).isEqualTo(7);
        assertThat(SlotIds.connectOkSlot(true, true, false, 2048)).isEqualTo(128);
        assertThat(SlotIds.connectOkSlot(true, true, true, 2048)).isEqualTo(16);
        assertThat(SlotIds.connectOkSlot(true, false, false, 127)).isEqualTo(127);
        assertThat(SlotIds.connectOkSlot(false, false, false, 127)).isEqualTo(-1);
    }

    @Test
    void guidBase() {
        assertThat(ClientGuid.BASE).isEqualTo(148618791998193664L);
        assertThat(ClientGuid.toField(ClientGuid.of(0xFFFFFFFF))).isEqualTo("148618796293160959");
    }
}
