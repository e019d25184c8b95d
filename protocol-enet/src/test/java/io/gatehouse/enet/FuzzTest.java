package io.gatehouse.enet;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.enet.wire.Command;
import io.gatehouse.enet.wire.Protocol;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Bounded fuzzing of a running server: random, mutated and structurally plausible but hostile datagrams from a
 * peer that completed the handshake (so they reach every command handler), while a good peer keeps talking.
 */
class FuzzTest {
    private static final int DATAGRAMS = 200_000;
    private static final long TIME_BUDGET_MILLIS = 12_000;

    @Test
    void hostileDatagramsNeitherCrashLeakNorDisturbOtherPeers() throws Exception {
        LeakWatcher leaks = LeakWatcher.install();
        AtomicInteger echoed = new AtomicInteger();
        EnetListener echo = new EnetListener() {
            @Override
            public void onReceive(EnetPeer peer, int channelId, ByteBuf payload, DeliveryMode mode) {
                peer.send(channelId, payload.retain(), mode);
            }
        };
        RecordingListener clientEvents = new RecordingListener() {
            @Override
            public void onReceive(EnetPeer peer, int channelId, ByteBuf payload, DeliveryMode mode) {
                echoed.incrementAndGet();
            }
        };
        try (EnetHost server = EnetHost.builder().bind(new InetSocketAddress("127.0.0.1", 0)).channelLimit(4)
                 .listener(echo).build();
             EnetHost client = EnetHost.builder().bind(new InetSocketAddress("127.0.0.1", 0)).peerLimit(1)
                 .listener(clientEvents).build();
             RawEnetClient fuzzer = new RawEnetClient(server.localAddress())) {
            EnetPeer good = client.connect(server.localAddress(), 2, 1).get(5, TimeUnit.SECONDS);

            Random random = new Random(20240601);
            byte[][] templates = templates();
            int connectId = 1000;
            assertThat(fuzzer.handshake(connectId, 0, 2000)).isTrue();
            long deadline = System.currentTimeMillis() + TIME_BUDGET_MILLIS;
            int sent = 0;
            int goodSent = 0;
            while (sent < DATAGRAMS && System.currentTimeMillis() < deadline) {
                if (sent % 5000 == 4999) {
                    fuzzer.handshake(++connectId, 0, 500); // a fresh connection in case fuzz closed ours
                }
                fuzzer.send(datagram(random, fuzzer, templates));
                sent++;
                if (sent % 64 == 0) {
                    good.send(sent % 2, Unpooled.wrappedBuffer(new byte[] {1, 2, 3}), DeliveryMode.RELIABLE);
                    goodSent++;
                    drain(fuzzer);
                    Thread.sleep(1);
                }
            }
            assertThat(sent).isGreaterThan(20_000);
            System.out.println("fuzz: " + sent + " datagrams, " + server.stats());

            // the good peer was never dropped and still exchanges reliable data promptly
            int before = echoed.get();
            for (int i = 0; i < 100; i++) {
                good.send(0, Unpooled.wrappedBuffer(new byte[] {9}), DeliveryMode.RELIABLE);
            }
            long until = System.currentTimeMillis() + 10_000;
            while (echoed.get() < goodSent + 100 && System.currentTimeMillis() < until) {
                Thread.sleep(10);
            }
            assertThat(echoed.get()).as("echoes after %d fuzz datagrams (before: %d)", sent, before)
                .isEqualTo(goodSent + 100);
            assertThat(good.isConnected()).isTrue();
            assertThat(clientEvents.disconnects).isEmpty();
            assertThat(server.stats().internalErrors()).isZero();
            assertThat(server.stats().malformedDatagrams()).isPositive();
        } finally {
            try {
                assertThat(leaks.leaksAfterGc()).isEmpty();
            } finally {
                leaks.uninstall();
            }
        }
    }

    private static void drain(RawEnetClient fuzzer) throws java.io.IOException {
        fuzzer.socket.setSoTimeout(1);
        while (fuzzer.receive(1) != null) {
            // discard the server's answers to keep the socket buffer from filling
        }
    }

    /** Well-formed data datagram bodies (no header) to mutate. */
    private static byte[][] templates() {
        byte[][] t = new byte[3][];
        Command c = new Command();
        ByteBuf out = Unpooled.buffer();
        c.command = Protocol.COMMAND_SEND_RELIABLE | Protocol.FLAG_ACKNOWLEDGE;
        c.channelId = 0;
        c.reliableSequenceNumber = 1;
        c.dataLength = 5;
        c.encode(out);
        out.writeBytes(new byte[5]);
        t[0] = ByteBufUtil.getBytes(out);
        out.clear();
        c.command = Protocol.COMMAND_SEND_FRAGMENT | Protocol.FLAG_ACKNOWLEDGE;
        c.startSequenceNumber = 1;
        c.dataLength = 100;
        c.fragmentCount = 3;
        c.fragmentNumber = 1;
        c.totalLength = 300;
        c.fragmentOffset = 100;
        c.encode(out);
        out.writeBytes(new byte[100]);
        t[1] = ByteBufUtil.getBytes(out);
        out.clear();
        c.command = Protocol.COMMAND_SEND_UNRELIABLE_FRAGMENT;
        c.reliableSequenceNumber = 0;
        c.encode(out);
        out.writeBytes(new byte[100]);
        t[2] = ByteBufUtil.getBytes(out);
        out.release();
        return t;
    }

    private static byte[] datagram(Random random, RawEnetClient peer, byte[][] templates) {
        int kind = random.nextInt(10);
        if (kind == 0) {
            byte[] b = new byte[random.nextInt(1500)];
            random.nextBytes(b);
            return b;
        }
        ByteBuf out = Unpooled.buffer();
        if (random.nextInt(20) == 0) {
            // a header for another, nonexistent or mis-sessioned peer
            out.writeShort(random.nextInt(65536));
            out.writeShort(random.nextInt(65536));
        } else {
            peer.writeHeader(out, random.nextInt(65536));
        }
        if (kind == 1) {
            byte[] t = templates[random.nextInt(templates.length)].clone();
            for (int flips = random.nextInt(4) + 1; flips > 0; flips--) {
                t[random.nextInt(t.length)] = (byte) random.nextInt(256);
            }
            out.writeBytes(t, 0, random.nextInt(4) == 0 ? random.nextInt(t.length) : t.length);
        } else {
            for (int n = random.nextInt(4) + 1; n > 0; n--) {
                writeRandomCommand(random, out);
            }
        }
        byte[] bytes = ByteBufUtil.getBytes(out);
        out.release();
        return bytes;
    }

    private static long edge(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> 0;
            case 1 -> 1;
            case 2 -> 0xFFFFFFFFL;
            case 3 -> 0x7FFFFFFFL;
            case 4 -> random.nextInt(5000);
            case 5 -> Protocol.MAXIMUM_FRAGMENT_COUNT + random.nextInt(3) - 1L;
            case 6 -> 32L * 1024 * 1024 + random.nextInt(3) - 1;
            default -> random.nextInt() & 0xFFFFFFFFL;
        };
    }

    private static void writeRandomCommand(Random random, ByteBuf out) {
        Command c = new Command();
        int number;
        do {
            number = 1 + random.nextInt(12);
        } while (number == Protocol.COMMAND_DISCONNECT && random.nextInt(50) != 0);
        c.command = number | (random.nextInt(4) != 0 ? Protocol.FLAG_ACKNOWLEDGE : 0)
            | (random.nextInt(8) == 0 ? Protocol.FLAG_UNSEQUENCED : 0);
        c.channelId = random.nextInt(6) == 0 ? random.nextInt(256) : random.nextInt(3);
        c.reliableSequenceNumber = random.nextBoolean() ? random.nextInt(40) : random.nextInt(65536);
        c.receivedReliableSequenceNumber = random.nextInt(40);
        c.receivedSentTime = random.nextInt(65536);
        c.outgoingPeerId = random.nextInt(65536);
        c.incomingSessionId = random.nextInt(256);
        c.outgoingSessionId = random.nextInt(256);
        c.mtu = edge(random);
        c.windowSize = edge(random);
        c.channelCount = edge(random);
        c.incomingBandwidth = edge(random);
        c.outgoingBandwidth = edge(random);
        c.packetThrottleInterval = edge(random);
        c.packetThrottleAcceleration = edge(random);
        c.packetThrottleDeceleration = edge(random);
        c.connectId = random.nextInt();
        c.data = random.nextInt();
        c.unreliableSequenceNumber = random.nextInt(40);
        c.unsequencedGroup = random.nextInt(65536);
        int payload = random.nextInt(200);
        c.dataLength = random.nextInt(5) == 0 ? random.nextInt(65536) : payload;
        c.startSequenceNumber = random.nextBoolean() ? random.nextInt(40) : random.nextInt(65536);
        c.fragmentCount = random.nextBoolean() ? random.nextInt(8) : edge(random);
        c.fragmentNumber = random.nextBoolean() ? random.nextInt(8) : edge(random);
        c.totalLength = random.nextBoolean() ? random.nextInt(2000) : edge(random);
        c.fragmentOffset = random.nextBoolean() ? random.nextInt(2000) : edge(random);
        c.encode(out);
        if (number >= Protocol.COMMAND_SEND_RELIABLE && number != Protocol.COMMAND_BANDWIDTH_LIMIT
            && number != Protocol.COMMAND_THROTTLE_CONFIGURE) {
            byte[] bytes = new byte[payload];
            random.nextBytes(bytes);
            out.writeBytes(bytes);
        }
    }
}
