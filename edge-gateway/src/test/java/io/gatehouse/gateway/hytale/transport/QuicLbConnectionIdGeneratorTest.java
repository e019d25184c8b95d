package io.gatehouse.gateway.hytale.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QuicLbConnectionIdGeneratorTest {

    @Test
    void everyIdCarriesServerIdRotationAndLength() {
        var generator = new QuicLbConnectionIdGenerator(0xA7, 2);
        Set<ByteBuffer> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            ByteBuffer id = generator.newId(ByteBuffer.allocate(8), 20);
            assertThat(id.remaining()).isEqualTo(20);
            assertThat(id.get(0) & 0x1f).isEqualTo(19);
            assertThat(QuicLbConnectionIdGenerator.serverIdOf(id)).isEqualTo(0xA7);
            assertThat(QuicLbConnectionIdGenerator.configRotationOf(id)).isEqualTo(2);
            seen.add(id);
        }
        assertThat(seen).hasSize(1000);
    }

    @Test
    void rejectsValuesOutsideTheLayout() {
        assertThatThrownBy(() -> new QuicLbConnectionIdGenerator(256, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QuicLbConnectionIdGenerator(1, 7)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QuicLbConnectionIdGenerator(1, 0).newId(5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void foreignIdsAreNotMisread() {
        assertThat(QuicLbConnectionIdGenerator.serverIdOf(ByteBuffer.wrap(new byte[] {0, 1, 2}))).isEqualTo(-1);
        byte[] wrongLength = new byte[8];
        wrongLength[0] = 19;
        assertThat(QuicLbConnectionIdGenerator.serverIdOf(ByteBuffer.wrap(wrongLength))).isEqualTo(-1);
    }
}
