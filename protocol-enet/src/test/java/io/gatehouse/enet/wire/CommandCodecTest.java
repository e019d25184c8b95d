package io.gatehouse.enet.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Byte layouts from include/enet/protocol.h (packed, big-endian) and decode/encode round trips. */
class CommandCodecTest {

    @Test
    void commandSizesMatchPackedStructs() {
        int[] expected = {0, 8, 48, 44, 8, 4, 6, 8, 24, 8, 12, 16, 24};
        for (int number = 0; number < expected.length; number++) {
            assertThat(Protocol.commandSize(number | Protocol.FLAG_ACKNOWLEDGE)).as("command %d", number)
                .isEqualTo(expected[number]);
        }
        assertThat(Protocol.commandSize(13)).isZero();
        assertThat(Protocol.commandSize(15)).isZero();
    }

    @Test
    void connectIsByteExact() {
        Command c = new Command();
        c.command = Protocol.COMMAND_CONNECT | Protocol.FLAG_ACKNOWLEDGE;
        c.channelId = 0xFF;
        c.reliableSequenceNumber = 1;
        c.outgoingPeerId = 0x0123;
        c.incomingSessionId = 0xFF;
        c.outgoingSessionId = 0xFF;
        c.mtu = 1300;
        c.windowSize = 65536;
        c.channelCount = 2;
        c.incomingBandwidth = 0;
        c.outgoingBandwidth = 0;
        c.packetThrottleInterval = 5000;
        c.packetThrottleAcceleration = 2;
        c.packetThrottleDeceleration = 2;
        c.connectId = 0x01020304;
        c.data = 0xBC2D66BA; // HashString of the FiveM test token (fivem-pipeline.md section 10)
        ByteBuf out = Unpooled.buffer();
        assertThat(c.encode(out)).isEqualTo(48);
        assertThat(ByteBufUtil.hexDump(out)).isEqualTo(
            "82" + "ff" + "0001"            // command header
                + "0123" + "ff" + "ff"      // outgoingPeerID, sessions
                + "00000514"                // mtu 1300
                + "00010000"                // windowSize 65536
                + "00000002"                // channelCount
                + "00000000" + "00000000"   // bandwidths
                + "00001388" + "00000002" + "00000002" // throttle 5000/2/2
                + "01020304"                // connectID, opaque
                + "bc2d66ba");              // data, big-endian
        out.release();
    }

    @Test
    void acknowledgeAndFragmentAreByteExact() {
        Command ack = new Command();
        ack.command = Protocol.COMMAND_ACKNOWLEDGE;
        ack.channelId = 1;
        ack.reliableSequenceNumber = 0xABCD;
        ack.receivedReliableSequenceNumber = 0xABCD;
        ack.receivedSentTime = 0x1234;
        ByteBuf out = Unpooled.buffer();
        ack.encode(out);
        assertThat(ByteBufUtil.hexDump(out)).isEqualTo("0101abcdabcd1234");
        out.clear();

        Command fragment = new Command();
        fragment.command = Protocol.COMMAND_SEND_FRAGMENT | Protocol.FLAG_ACKNOWLEDGE;
        fragment.channelId = 0;
        fragment.reliableSequenceNumber = 7;
        fragment.startSequenceNumber = 5;
        fragment.dataLength = 1372;
        fragment.fragmentCount = 73;
        fragment.fragmentNumber = 2;
        fragment.totalLength = 100000;
        fragment.fragmentOffset = 2744;
        fragment.encode(out);
        assertThat(ByteBufUtil.hexDump(out)).isEqualTo(
            "88000007" + "0005" + "055c" + "00000049" + "00000002" + "000186a0" + "00000ab8");
        out.release();
    }

    @Test
    void headerComposesPeerIdSessionAndFlags() {
        int raw = ProtocolHeader.rawPeerId(0x0ABC, 2, true);
        assertThat(raw).isEqualTo(0x8000 | 0x2000 | 0x0ABC);
        assertThat(ProtocolHeader.peerId(raw)).isEqualTo(0x0ABC);
        assertThat(ProtocolHeader.sessionId(raw)).isEqualTo(2);
        assertThat(ProtocolHeader.size(raw)).isEqualTo(4);
        // a peer that does not know its remote ID yet sends 0xFFF without a session
        assertThat(ProtocolHeader.rawPeerId(Protocol.MAXIMUM_PEER_ID, 3, false)).isEqualTo(0x0FFF);
        assertThat(ProtocolHeader.size(0x0FFF)).isEqualTo(2);
    }

    @Test
    void everyCommandRoundTrips() {
        Random random = new Random(42);
        for (int round = 0; round < 2000; round++) {
            int number = 1 + random.nextInt(12);
            Command c = randomCommand(random, number);
            ByteBuf out = Unpooled.buffer();
            int size = c.encode(out);
            assertThat(out.readableBytes()).isEqualTo(size).isEqualTo(Protocol.commandSize(number));
            Command back = new Command();
            assertThat(back.decode(out, 0, out.writerIndex())).isEqualTo(size);
            ByteBuf again = Unpooled.buffer();
            back.encode(again);
            assertThat(ByteBufUtil.hexDump(again)).isEqualTo(ByteBufUtil.hexDump(out));
            assertThat(back.command).isEqualTo(c.command);
            assertThat(back.reliableSequenceNumber).isEqualTo(c.reliableSequenceNumber);
            out.release();
            again.release();
        }
    }

    @Test
    void truncatedOrUnknownCommandsDoNotDecode() {
        Command c = randomCommand(new Random(1), Protocol.COMMAND_CONNECT);
        ByteBuf out = Unpooled.buffer();
        c.encode(out);
        Command back = new Command();
        for (int limit = 0; limit < 48; limit++) {
            assertThat(back.decode(out, 0, limit)).as("limit %d", limit).isEqualTo(-1);
        }
        out.setByte(0, 13);
        assertThat(back.decode(out, 0, 48)).isEqualTo(-1);
        out.setByte(0, 0);
        assertThat(back.decode(out, 0, 48)).isEqualTo(-1);
        out.release();
    }

    private static Command randomCommand(Random random, int number) {
        Command c = new Command();
        c.command = number | (random.nextBoolean() ? Protocol.FLAG_ACKNOWLEDGE : 0)
            | (random.nextBoolean() ? Protocol.FLAG_UNSEQUENCED : 0);
        c.channelId = random.nextInt(256);
        c.reliableSequenceNumber = random.nextInt(65536);
        c.receivedReliableSequenceNumber = random.nextInt(65536);
        c.receivedSentTime = random.nextInt(65536);
        c.outgoingPeerId = random.nextInt(65536);
        c.incomingSessionId = random.nextInt(256);
        c.outgoingSessionId = random.nextInt(256);
        c.mtu = random.nextInt() & 0xFFFFFFFFL;
        c.windowSize = random.nextInt() & 0xFFFFFFFFL;
        c.channelCount = random.nextInt() & 0xFFFFFFFFL;
        c.incomingBandwidth = random.nextInt() & 0xFFFFFFFFL;
        c.outgoingBandwidth = random.nextInt() & 0xFFFFFFFFL;
        c.packetThrottleInterval = random.nextInt() & 0xFFFFFFFFL;
        c.packetThrottleAcceleration = random.nextInt() & 0xFFFFFFFFL;
        c.packetThrottleDeceleration = random.nextInt() & 0xFFFFFFFFL;
        c.connectId = random.nextInt();
        c.data = random.nextInt();
        c.unreliableSequenceNumber = random.nextInt(65536);
        c.unsequencedGroup = random.nextInt(65536);
        c.dataLength = random.nextInt(65536);
        c.startSequenceNumber = random.nextInt(65536);
        c.fragmentCount = random.nextInt() & 0xFFFFFFFFL;
        c.fragmentNumber = random.nextInt() & 0xFFFFFFFFL;
        c.totalLength = random.nextInt() & 0xFFFFFFFFL;
        c.fragmentOffset = random.nextInt() & 0xFFFFFFFFL;
        return c;
    }
}
