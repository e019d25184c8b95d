package io.gatehouse.hytale.protocol.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.gatehouse.hytale.protocol.ProtocolException;
import io.gatehouse.hytale.protocol.Vectors;
import io.gatehouse.hytale.protocol.packet.Packet;
import io.gatehouse.hytale.protocol.registry.PacketRegistry;
import io.gatehouse.hytale.protocol.registry.ProtocolVersion;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated frames (seeded from the official vectors) into full codec pipelines of both sides and both
 * versions, fed in random chunks. Bounded in time. Properties: the only failure is {@link ProtocolException}; every
 * buffer the pipeline allocated, and every input buffer, ends with refCnt 0; whatever decodes re-encodes and decodes
 * to the same packet.
 */
class CodecFuzzTest {

    static final long FIXED_SEED = 0x5EED_4A7E_C0DEL;
    static final long BUDGET_NANOS = 2_500_000_000L;
    static final CodecLimits FUZZ_LIMITS = new CodecLimits(1 << 20, 1 << 20);
    static final int[] INTERESTING_IDS = {0, 1, 2, 3, 11, 12, 13, 14, 15, 16, 17, 18, 20, 21, 22, 23, 24, 25, 26, 28, 32,
            33, 34, 40, 100, 104, 105, 131, 223, 241, 999};

    final List<byte[]> corpus = Vectors.all().stream().filter(v -> !v.section().equals("C")).map(Vectors.Vector::frame).toList();

    @Test
    void fixedSeed() {
        run(FIXED_SEED);
    }

    @Test
    void randomSeed() {
        run(System.nanoTime());
    }

    void run(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long deadline = System.nanoTime() + BUDGET_NANOS;
        int cases = 0;
        int rejected = 0;
        int decoded = 0;
        while (System.nanoTime() < deadline) {
            byte[] input = nextInput(random);
            int[] counts = feed(seed, input, random);
            rejected += counts[0];
            decoded += counts[1];
            cases++;
        }
        assertThat(cases).as("seed %d", seed).isGreaterThan(1000);
        assertThat(rejected).as("seed %d: some inputs must be refused", seed).isPositive();
        assertThat(decoded).as("seed %d: some inputs must decode", seed).isPositive();
    }

    /** @return {rejected (0/1), packets decoded} */
    int[] feed(long seed, byte[] input, SplittableRandom random) {
        TrackingAllocator alloc = new TrackingAllocator();
        boolean serverSide = random.nextBoolean();
        ProtocolVersion version = random.nextBoolean() ? ProtocolVersion.V1 : ProtocolVersion.V2;
        CodecState state = serverSide ? CodecState.server(version) : CodecState.client(version);
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.config().setAllocator(alloc);
        HytaleCodec.install(channel.pipeline(), state, FUZZ_LIMITS, serverSide ? new RateLimitHandler() : null);

        List<ByteBuf> inputs = new ArrayList<>();
        int rejected = 0;
        int decodedCount = 0;
        try {
            int pos = 0;
            while (pos < input.length) {
                int n = Math.min(input.length - pos, 1 + random.nextInt(random.nextBoolean() ? 4 : 64));
                ByteBuf chunk = alloc.heapBuffer(n).writeBytes(input, pos, n);
                inputs.add(chunk);
                pos += n;
                try {
                    channel.writeInbound(chunk);
                } catch (ProtocolException expected) {
                    rejected = 1;
                    break;
                } catch (Throwable unexpected) {
                    fail("seed " + seed + ", " + state.side() + " " + version + ", input " + HexFormat.of().formatHex(input)
                            + ": unexpected " + unexpected, unexpected);
                }
            }
            Object msg;
            while ((msg = channel.readInbound()) != null) {
                decodedCount++;
                if (msg instanceof Packet packet) {
                    assertReencodes(seed, state.inbound(), packet, input);
                }
                ReferenceCountUtil.release(msg);
            }
        } finally {
            channel.finishAndReleaseAll();
        }
        for (ByteBuf in : inputs) {
            assertThat(in.refCnt()).as("seed %d: input buffer released", seed).isZero();
        }
        assertThat(alloc.unreleased()).as("seed %d, input %s: leaked buffers", seed, HexFormat.of().formatHex(input)).isEmpty();
        return new int[] {rejected, decodedCount};
    }

    void assertReencodes(long seed, PacketRegistry registry, Packet packet, byte[] input) {
        ByteBuf buf = Unpooled.buffer();
        try {
            packet.encode(buf);
            assertThat(registry.decode(registry.idFor(packet), buf)).as("seed %d, input %s", seed,
                    HexFormat.of().formatHex(input)).isEqualTo(packet);
        } finally {
            buf.release();
        }
    }

    byte[] nextInput(SplittableRandom random) {
        int kind = random.nextInt(10);
        if (kind == 0) {
            byte[] noise = new byte[random.nextInt(64)];
            random.nextBytes(noise);
            return noise;
        }
        ByteBuf out = Unpooled.buffer();
        int frames = 1 + random.nextInt(3);
        for (int i = 0; i < frames; i++) {
            byte[] frame = corpus.get(random.nextInt(corpus.size())).clone();
            out.writeBytes(mutate(frame, random));
        }
        byte[] bytes = ByteBufUtil.getBytes(out);
        out.release();
        return bytes;
    }

    byte[] mutate(byte[] frame, SplittableRandom random) {
        switch (random.nextInt(8)) {
            case 0 -> { // intact
            }
            case 1 -> frame[random.nextInt(frame.length)] ^= (byte) (1 << random.nextInt(8));
            case 2 -> frame[random.nextInt(frame.length)] = (byte) random.nextInt(256);
            case 3 -> { // another packet id: the payload meets a foreign layout
                int id = INTERESTING_IDS[random.nextInt(INTERESTING_IDS.length)];
                frame[4] = (byte) id;
                frame[5] = (byte) (id >> 8);
            }
            case 4 -> { // lie about the length
                int len = random.nextBoolean() ? random.nextInt(frame.length + 16) : random.nextInt();
                frame[0] = (byte) len;
                frame[1] = (byte) (len >> 8);
                frame[2] = (byte) (len >> 16);
                frame[3] = (byte) (len >> 24);
            }
            case 5 -> { // several random bytes in the payload
                for (int i = 0; i < 1 + random.nextInt(6) && frame.length > 8; i++) {
                    frame[8 + random.nextInt(frame.length - 8)] = (byte) random.nextInt(256);
                }
            }
            case 6 -> { // truncated (the stream just stops)
                return java.util.Arrays.copyOf(frame, random.nextInt(frame.length + 1));
            }
            default -> { // offsets and counts set to extremes
                if (frame.length > 12) {
                    int at = 8 + random.nextInt(frame.length - 11);
                    int value = switch (random.nextInt(4)) {
                        case 0 -> -1;
                        case 1 -> Integer.MAX_VALUE;
                        case 2 -> Integer.MIN_VALUE;
                        default -> random.nextInt(200);
                    };
                    frame[at] = (byte) value;
                    frame[at + 1] = (byte) (value >> 8);
                    frame[at + 2] = (byte) (value >> 16);
                    frame[at + 3] = (byte) (value >> 24);
                }
            }
        }
        return frame;
    }
}
