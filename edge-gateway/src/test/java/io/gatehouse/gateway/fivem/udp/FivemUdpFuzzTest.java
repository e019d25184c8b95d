package io.gatehouse.gateway.fivem.udp;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.enet.DeliveryMode;
import io.gatehouse.fivem.protocol.hash.HashString;
import io.gatehouse.fivem.protocol.net.ClientMessages;
import io.gatehouse.fivem.protocol.net.Handshake;
import io.gatehouse.fivem.protocol.net.ServerMessageDecoder.TimeSyncMessage;
import io.gatehouse.fivem.protocol.oob.OutOfBand;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Malformed datagrams for a bounded time (random bytes, mutated ENet CONNECTs and commands, mutated OOB, mutated
 * handshakes on a real peer) against a running gateway while a joined client keeps exchanging time syncs: no crash,
 * the good client unaffected, no buffer leak, no internal error in the ENet host.
 */
@Timeout(90)
class FivemUdpFuzzTest {

    private static final Duration BUDGET = Duration.ofSeconds(8);

    @Test
    void malformedTrafficDoesNotDisturbAJoinedClient() throws Exception {
        LeakWatcher leaks = LeakWatcher.install();
        Random random = new Random(20260101);
        try (FivemUdpTestNode node = new FivemUdpTestNode(FivemUdpTestNode.Options.defaults()
                .proxyRanges(List.of("10.0.0.0/8")));
             JavaFivemClient good = new JavaFivemClient();
             JavaFivemClient noisy = new JavaFivemClient();
             DatagramSocket fuzzer = new DatagramSocket()) {
            String token = node.provision("148618791998193665", "good", true);
            assertThat(good.connect(node.address(), token, 3000)).isTrue();
            good.handshake(token, "148618791998193665");
            assertThat(good.awaitConnectOk(3000)).isNotNull();
            String noisyToken = node.provision("148618791998193666", "noisy", true);
            assertThat(noisy.connect(node.address(), noisyToken, 3000)).isTrue();

            byte[] connect = RawEnet.connect(HashString.of(noisyToken), 77);
            byte[] handshake = Handshake.encode(noisyToken, "148618791998193666");
            long deadline = System.nanoTime() + BUDGET.toNanos();
            int sent = 0;
            int syncs = 0;
            while (System.nanoTime() < deadline) {
                for (int i = 0; i < 50; i++) {
                    byte[] datagram = switch (random.nextInt(4)) {
                        case 0 -> randomBytes(random, 1 + random.nextInt(1500));
                        case 1 -> mutate(random, connect);
                        case 2 -> mutate(random, OutOfBand.getInfoRequest("xyz" + random.nextInt(100)));
                        default -> mutate(random, OutOfBand.frame(new String(randomBytes(random, 12),
                                java.nio.charset.StandardCharsets.ISO_8859_1)));
                    };
                    fuzzer.send(new DatagramPacket(datagram, datagram.length, node.address()));
                    sent++;
                }
                // well-framed ENet carrying mangled FiveM payloads, from a real peer that never joins
                noisy.send(0, mutate(random, handshake), DeliveryMode.RELIABLE);
                noisy.send(1, randomBytes(random, 1 + random.nextInt(64)), DeliveryMode.UNSEQUENCED);
                good.keepAlive();
                good.send(0, ClientMessages.timeSyncRequest(syncs, syncs), DeliveryMode.RELIABLE);
                int expected = syncs;
                var reply = good.awaitMatching(m -> m.message() instanceof TimeSyncMessage t
                        && t.requestSequence() == expected, 2000);
                assertThat(reply).as("time sync %d answered during fuzzing", syncs).isNotNull();
                syncs++;
            }
            assertThat(sent).isGreaterThan(1000);
            assertThat(good.peer.isConnected()).isTrue();
            assertThat(good.oobErrors).isEmpty();
            assertThat(node.listener.host().stats().internalErrors()).isZero();
            assertThat(node.hasSession("148618791998193665")).isTrue();
        } finally {
            List<String> found = leaks.leaksAfterGc();
            leaks.uninstall();
            assertThat(found).isEmpty();
        }
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return b;
    }

    private static byte[] mutate(Random random, byte[] original) {
        byte[] b = original.clone();
        int flips = 1 + random.nextInt(4);
        for (int i = 0; i < flips; i++) {
            int at = random.nextInt(b.length);
            b[at] = (byte) random.nextInt(256);
        }
        if (random.nextInt(4) == 0) {
            b = java.util.Arrays.copyOf(b, random.nextInt(b.length + 8));
        }
        return b;
    }
}
