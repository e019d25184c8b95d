package io.gatehouse.fivem.protocol.hash;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.fivem.protocol.Hex;
import io.gatehouse.fivem.protocol.net.MessageType;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HashTest {

    @Test
    void hashStringOfTokenMatchesReferenceVector() {
        assertThat(HashString.of("3f2504e0-4f89-41d3-9a0c-0305e82c3301")).isEqualTo(0xbc2d66ba);
        assertThat(Hex.of(HashString.enetConnectData("3f2504e0-4f89-41d3-9a0c-0305e82c3301"))).isEqualTo("bc2d66ba");
    }

    @Test
    void hashStringLowerCasesAsciiOnly() {
        assertThat(HashString.of("3F2504E0-4F89-41D3-9A0C-0305E82C3301")).isEqualTo(0xbc2d66ba);
        assertThat(HashRageString.of("3F2504E0-4F89-41D3-9A0C-0305E82C3301")).isNotEqualTo(0xbc2d66ba);
    }

    @Test
    void hashRageStringIsCaseSensitive() {
        assertThat(HashRageString.of("msgEnd")).isNotEqualTo(HashRageString.of("msgend"));
    }

    @Test
    void emptyStringHashesToZero() {
        assertThat(HashRageString.of("")).isZero();
        assertThat(HashString.of("")).isZero();
    }

    @Test
    void highBytesAreSignExtendedLikeTheCppSignedChar() {
        // one byte 0xC3: hash = -61 (0xFFFFFFC3) then the mixing steps
        int h = 0xFFFFFFC3;
        h += h << 10;
        h ^= h >>> 6;
        h += h << 3;
        h ^= h >>> 11;
        h += h << 15;
        assertThat(HashRageString.of(new byte[] {(byte) 0xC3})).isEqualTo(h);
    }

    @Test
    void messageTypeHashesMatchTheReferenceTable() {
        Map<MessageType, Long> expected = Map.ofEntries(
                Map.entry(MessageType.MSG_OBJECT_IDS, 0x48E39581L),
                Map.entry(MessageType.MSG_REQUEST_OBJECT_IDS, 0xB8E611CFL),
                Map.entry(MessageType.MSG_FRAME, 0x53FFFA3FL),
                Map.entry(MessageType.MSG_CON_VARS, 0x6ACBD583L),
                Map.entry(MessageType.MSG_NET_EVENT, 0x7337FD7AL),
                Map.entry(MessageType.MSG_SERVER_EVENT, 0xFA776E18L),
                Map.entry(MessageType.MSG_TIME_SYNC_REQ, 0x1C1303F8L),
                Map.entry(MessageType.MSG_TIME_SYNC, 0xE56E37EDL),
                Map.entry(MessageType.MSG_I_HOST, 0xB3EA30DEL),
                Map.entry(MessageType.MSG_HE_HOST, 0x86E9F87BL),
                Map.entry(MessageType.MSG_I_QUIT, 0x522CADD1L),
                Map.entry(MessageType.MSG_END, 0xCA569E63L),
                Map.entry(MessageType.MSG_ROUTE, 0xE938445BL),
                Map.entry(MessageType.MSG_PACKED_CLONES, 0x81E1C835L),
                Map.entry(MessageType.MSG_PACKED_ACKS, 0x258DFDB4L),
                Map.entry(MessageType.MSG_STATE_BAG, 0xDE3D1A59L),
                Map.entry(MessageType.MSG_STATE_BAG_V2, 0x376201A7L),
                Map.entry(MessageType.MSG_NET_GAME_EVENT, 0x100D66A8L),
                Map.entry(MessageType.MSG_NET_GAME_EVENT_V2, 0x2B513E19L),
                Map.entry(MessageType.MSG_REASSEMBLED_EVENT, 0x2E17545DL),
                Map.entry(MessageType.MSG_ARRAY_UPDATE, 0x0976E783L),
                Map.entry(MessageType.MSG_RES_START, 0xAFE4CD4AL),
                Map.entry(MessageType.MSG_RES_STOP, 0x45E855D7L),
                Map.entry(MessageType.MSG_SERVER_COMMAND, 0xB18D4FC4L),
                Map.entry(MessageType.MSG_RPC_NATIVE, 0x211CAB17L),
                Map.entry(MessageType.MSG_WORLD_GRID3, 0x852C1561L),
                Map.entry(MessageType.GAME_STATE_ACK, 0xA5D4E2BCL),
                Map.entry(MessageType.GAME_STATE_NACK, 0xD2F86A6EL),
                Map.entry(MessageType.MSG_CONFIRM, 0xBA96192AL));
        assertThat(expected).hasSize(MessageType.values().length);
        expected.forEach((type, hash) -> assertThat(HashRageString.unsigned(type.hash()))
                .as(type.wireName()).isEqualTo(hash));
        assertThat(MessageType.fromHash((int) 0xCA569E63L)).contains(MessageType.MSG_END);
    }
}
