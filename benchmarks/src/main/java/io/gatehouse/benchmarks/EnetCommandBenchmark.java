package io.gatehouse.benchmarks;

import io.gatehouse.enet.wire.Command;
import io.gatehouse.enet.wire.Protocol;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
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

/** ENet command parse and serialize: the fixed part of SEND_RELIABLE (every message) and ACKNOWLEDGE (every ack). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EnetCommandBenchmark {

    private final Command command = new Command();
    private ByteBuf reliable;
    private ByteBuf ack;
    private ByteBuf out;

    @Setup
    public void setup() {
        Command c = new Command();
        c.command = Protocol.COMMAND_SEND_RELIABLE | Protocol.FLAG_ACKNOWLEDGE;
        c.channelId = 0;
        c.reliableSequenceNumber = 4711;
        c.dataLength = 100;
        reliable = Unpooled.directBuffer(64);
        c.encode(reliable);
        Command a = new Command();
        a.command = Protocol.COMMAND_ACKNOWLEDGE;
        a.channelId = 0xFF;
        a.reliableSequenceNumber = 12;
        a.receivedReliableSequenceNumber = 4711;
        a.receivedSentTime = 1234;
        ack = Unpooled.directBuffer(64);
        a.encode(ack);
        out = Unpooled.directBuffer(64);
    }

    @Benchmark
    public int parseSendReliable() {
        return command.decode(reliable, 0, reliable.writerIndex()) + command.dataLength;
    }

    @Benchmark
    public int parseAcknowledge() {
        return command.decode(ack, 0, ack.writerIndex()) + command.receivedSentTime;
    }

    @Benchmark
    public int serializeSendReliable() {
        command.command = Protocol.COMMAND_SEND_RELIABLE | Protocol.FLAG_ACKNOWLEDGE;
        command.channelId = 0;
        command.reliableSequenceNumber = 4711;
        command.dataLength = 100;
        out.clear();
        return command.encode(out);
    }
}
