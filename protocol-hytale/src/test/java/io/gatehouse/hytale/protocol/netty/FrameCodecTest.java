package io.gatehouse.hytale.protocol.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.hytale.protocol.ProtocolException;
import io.gatehouse.hytale.protocol.Vectors;
import io.gatehouse.hytale.protocol.io.Bytes;
import io.gatehouse.hytale.protocol.io.ZstdPayloads;
import io.gatehouse.hytale.protocol.packet.UnknownPacket;
import io.gatehouse.hytale.protocol.packet.join.ClientReady;
import io.gatehouse.hytale.protocol.packet.setup.ViewRadius;
import io.gatehouse.hytale.protocol.registry.ProtocolVersion;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import com.github.luben.zstd.Zstd;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FrameCodecTest {

    static final byte[] CLIENT_READY = Vectors.hex("02 00 00 00 69 00 00 00 01 00");
    static final byte[] VIEW_RADIUS = Vectors.hex("04 00 00 00 20 00 00 00 c0 00 00 00");

    final TrackingAllocator alloc = new TrackingAllocator();
    EmbeddedChannel server = channel(CodecState.server(ProtocolVersion.V2), CodecLimits.UNTRUSTED_CLIENTS);

    EmbeddedChannel channel(CodecState state, CodecLimits limits) {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.config().setAllocator(alloc);
        HytaleCodec.install(ch.pipeline(), state, limits, null);
        return ch;
    }

    @AfterEach
    void nothingLeaks() {
        server.finishAndReleaseAll();
        assertThat(alloc.unreleased()).isEmpty();
    }

    ByteBuf in(byte[] bytes) {
        return alloc.heapBuffer(bytes.length).writeBytes(bytes);
    }

    @Test
    void framesSplitAcrossReadsWaitForTheirLastByte() {
        byte[] both = concat(CLIENT_READY, VIEW_RADIUS);
        for (int i = 0; i < both.length; i++) {
            server.writeInbound(in(new byte[] {both[i]}));
            if (i < CLIENT_READY.length - 1) {
                assertThat((Object) server.readInbound()).isNull();
            }
        }
        assertThat((Object) server.readInbound()).isEqualTo(new ClientReady(true, false));
        assertThat((Object) server.readInbound()).isEqualTo(new ViewRadius(192));
        assertThat((Object) server.readInbound()).isNull();
    }

    @Test
    void mergedFramesInOneReadAllComeOut() {
        server.writeInbound(in(concat(CLIENT_READY, VIEW_RADIUS, CLIENT_READY)));
        assertThat((Object) server.readInbound()).isEqualTo(new ClientReady(true, false));
        assertThat((Object) server.readInbound()).isEqualTo(new ViewRadius(192));
        assertThat((Object) server.readInbound()).isEqualTo(new ClientReady(true, false));
    }

    @Test
    void lengthAbovePacketMaxIsRejectedFromTheHeaderAlone() {
        // ViewRadius (max 4) declaring 5 bytes: only the 8-byte header is sent, nothing is buffered
        assertThatThrownBy(() -> server.writeInbound(in(Vectors.hex("05 00 00 00 20 00 00 00"))))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("max size 4");
    }

    @Test
    void lengthAboveTheGlobalCapIsRejectedBeforeBuffering() {
        // unknown id, 0x7fffffff bytes declared: refused although no catalogue limit applies
        assertThatThrownBy(() -> server.writeInbound(in(Vectors.hex("ff ff ff 7f e7 03 00 00"))))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("above the limit");
        // a length that is negative as a signed int is refused too
        EmbeddedChannel other = channel(CodecState.server(ProtocolVersion.V2), CodecLimits.OFFICIAL);
        assertThatThrownBy(() -> other.writeInbound(in(Vectors.hex("00 00 00 80 20 00 00 00"))))
                .isInstanceOf(ProtocolException.class);
        other.finishAndReleaseAll();
    }

    @Test
    void unknownIdsPassThroughRawAndReencodeIdentically() {
        byte[] frame = Vectors.hex("03 00 00 00 e7 03 00 00 aa bb cc");
        server.writeInbound(in(frame));
        UnknownPacket packet = server.readInbound();
        assertThat(packet).isEqualTo(new UnknownPacket(999, Bytes.of((byte) 0xaa, (byte) 0xbb, (byte) 0xcc)));

        server.writeOutbound(packet);
        ByteBuf out = server.readOutbound();
        assertThat(ByteBufUtil.getBytes(out)).isEqualTo(frame);
        out.release();
    }

    @Test
    void compressedUnmodelledPacketsAreInflatedAndRecompressedOnForward() {
        // UpdateBlockTypes (40) is zstd-flagged and not modelled: the bot sees its plain payload
        EmbeddedChannel client = channel(CodecState.client(ProtocolVersion.V2), CodecLimits.OFFICIAL);
        byte[] payload = "block types".getBytes();
        byte[] compressed = Zstd.compress(payload);
        client.writeInbound(in(concat(header(compressed.length, 40), compressed)));
        UnknownPacket packet = client.readInbound();
        assertThat(packet.payload().contentEquals(payload)).isTrue();

        server.writeOutbound(packet);
        ByteBuf out = server.readOutbound();
        assertThat(out.getIntLE(4)).isEqualTo(40);
        ByteBuf body = out.slice(8, out.readableBytes() - 8);
        ByteBuf inflated = ZstdPayloads.decompress(alloc, body, 1000);
        assertThat(ByteBufUtil.getBytes(inflated)).isEqualTo(payload);
        inflated.release();
        out.release();
        client.finishAndReleaseAll();
    }

    @Test
    void zstdBombsAreRefusedBeforeInflating() {
        // RequestAssets (23, zstd): content size above the cap
        byte[] bomb = Zstd.compress(new byte[(16 << 20) + 1]);
        assertThatThrownBy(() -> server.writeInbound(in(concat(header(bomb.length, 23), bomb))))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("exceeds the limit");
    }

    @Test
    void zstdFramesWithoutContentSizeOrGarbageAreRefused() {
        byte[] garbage = Vectors.hex("28 b5 2f fd 00 00 01 02 03");
        assertThatThrownBy(() -> server.writeInbound(in(concat(header(garbage.length, 23), garbage))))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void swappingTheVersionChangesTheLayoutsOfBothDirections() {
        CodecState state = CodecState.server(ProtocolVersion.V1);
        assertThat(state.inbound().maxPayloadSize(0)).isEqualTo(38_161);
        state.use(ProtocolVersion.V2);
        assertThat(state.inbound().maxPayloadSize(0)).isEqualTo(38_013);
        assertThat(state.outbound().version()).isEqualTo(ProtocolVersion.V2);
    }

    static byte[] header(int length, int packetId) {
        return ByteBufUtil.getBytes(Unpooled.buffer(8).writeIntLE(length).writeIntLE(packetId));
    }

    static byte[] concat(byte[]... parts) {
        ByteBuf all = Unpooled.buffer();
        for (byte[] p : parts) {
            all.writeBytes(p);
        }
        return ByteBufUtil.getBytes(all);
    }
}
