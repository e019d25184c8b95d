package io.gatehouse.benchmarks;

import io.gatehouse.hytale.protocol.ProtocolConstants;
import io.gatehouse.hytale.protocol.packet.Packet;
import io.gatehouse.hytale.protocol.packet.connection.ClientType;
import io.gatehouse.hytale.protocol.packet.connection.ConnectV2;
import io.gatehouse.hytale.protocol.packet.connection.Pong;
import io.gatehouse.hytale.protocol.packet.connection.PongType;
import io.gatehouse.hytale.protocol.registry.Direction;
import io.gatehouse.hytale.protocol.registry.PacketRegistries;
import io.gatehouse.hytale.protocol.registry.PacketRegistry;
import io.gatehouse.hytale.protocol.registry.ProtocolVersion;
import io.gatehouse.hytale.protocol.types.InstantData;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Hytale frame decode/encode through the server's registry (what the gateway's PacketDecoder/PacketEncoder do per
 * frame): {@code u32 LE length | u32 LE id | payload} with Connect (the first packet of every join) and Pong (the
 * steady-state packet).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HytaleFrameBenchmark {

    private final PacketRegistry fromClient = PacketRegistries.of(ProtocolVersion.V2, Direction.TO_SERVER);
    private final PooledByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private Packet connect;
    private Packet pong;
    private ByteBuf connectFrame;
    private ByteBuf pongFrame;

    @Setup
    public void setup() {
        connect = new ConnectV2(ProtocolConstants.V2_BUILD_20_CRC, ProtocolConstants.V2_BUILD_20, "gatehouse-bench",
                ClientType.GAME, UUID.randomUUID(), "benchplayer", null, "en-US", null, null);
        pong = new Pong(7, new InstantData(1_790_000_000L, 123_456_789), PongType.RAW, (short) 0);
        connectFrame = frame(connect);
        pongFrame = frame(pong);
    }

    private ByteBuf frame(Packet packet) {
        ByteBuf frame = alloc.directBuffer();
        encodeFrame(packet, frame);
        return frame;
    }

    private void encodeFrame(Packet packet, ByteBuf out) {
        int id = fromClient.idFor(packet);
        int start = out.writerIndex();
        out.writeIntLE(0);
        out.writeIntLE(id);
        packet.encode(out);
        out.setIntLE(start, out.writerIndex() - start - ProtocolConstants.FRAME_HEADER_SIZE);
    }

    private Packet decodeFrame(ByteBuf frame) {
        int index = frame.readerIndex();
        int length = frame.getIntLE(index);
        int id = frame.getIntLE(index + 4);
        return fromClient.decode(id, frame.slice(index + ProtocolConstants.FRAME_HEADER_SIZE, length));
    }

    @Benchmark
    public Packet decodeConnect() {
        return decodeFrame(connectFrame);
    }

    @Benchmark
    public Packet decodePong() {
        return decodeFrame(pongFrame);
    }

    @Benchmark
    public int encodeConnect() {
        ByteBuf out = alloc.directBuffer(256);
        try {
            encodeFrame(connect, out);
            return out.readableBytes();
        } finally {
            out.release();
        }
    }

    @Benchmark
    public int encodePong() {
        ByteBuf out = alloc.directBuffer(64);
        try {
            encodeFrame(pong, out);
            return out.readableBytes();
        } finally {
            out.release();
        }
    }
}
