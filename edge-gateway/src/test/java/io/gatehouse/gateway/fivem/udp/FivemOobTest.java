package io.gatehouse.gateway.fivem.udp;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.fivem.protocol.oob.InfoResponse;
import io.gatehouse.fivem.protocol.oob.InfoSnapshot;
import io.gatehouse.fivem.protocol.oob.OutOfBand;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Out-of-band UDP on the FiveM port (reference §2). */
@Timeout(60)
class FivemOobTest {

    private static byte[] exchange(DatagramSocket socket, InetSocketAddress to, byte[] request, int timeoutMillis,
                                   InetSocketAddress[] from) throws Exception {
        socket.send(new DatagramPacket(request, request.length, to));
        return receive(socket, timeoutMillis, from);
    }

    private static byte[] receive(DatagramSocket socket, int timeoutMillis, InetSocketAddress[] from) throws Exception {
        socket.setSoTimeout(timeoutMillis);
        DatagramPacket reply = new DatagramPacket(new byte[4096], 4096);
        try {
            socket.receive(reply);
        } catch (SocketTimeoutException e) {
            return null;
        }
        if (from != null) {
            from[0] = (InetSocketAddress) reply.getSocketAddress();
        }
        return Arrays.copyOf(reply.getData(), reply.getLength());
    }

    @Test
    void getinfoIsAnsweredByteExactFromTheTargetedAddress() throws Exception {
        try (FivemUdpTestNode node = new FivemUdpTestNode(); DatagramSocket socket = new DatagramSocket()) {
            String token = node.provision("148618791998193665", "a", true);
            try (JavaFivemClient c = new JavaFivemClient()) {
                assertThat(c.connect(node.address(), token, 3000)).isTrue();
                c.handshake(token, "148618791998193665");
                assertThat(c.awaitConnectOk(3000)).isNotNull();
                Thread.sleep(1500); // the cached answer refreshes every second, never per datagram
                InetSocketAddress[] from = new InetSocketAddress[1];
                byte[] reply = exchange(socket, node.address(), OutOfBand.getInfoRequest("xyz"), 2000, from);
                // the world's ServerInfo is not implemented in this wiring: settings + the registry's count
                byte[] expected = InfoResponse.encode(new InfoSnapshot("48", 1, "Gatehouse ^2test", "", "", "0"),
                        "xyz");
                assertThat(reply).isEqualTo(expected);
                assertThat(new String(reply, 4, reply.length - 4, StandardCharsets.UTF_8)).isEqualTo("infoResponse\n"
                        + "\\sv_maxclients\\48\\clients\\1\\challenge\\xyz\\gamename\\CitizenFX\\protocol\\4"
                        + "\\hostname\\Gatehouse ^2test\\gametype\\\\mapname\\\\iv\\0");
                assertThat(from[0]).isEqualTo(node.address());
            }
            // longer than 8 bytes of data: dropped
            assertThat(exchange(socket, node.address(), OutOfBand.getInfoRequest("123456789"), 500, null)).isNull();
            // empty key swallowed, unknown key falls through to ENet (garbage): no answer either way
            assertThat(exchange(socket, node.address(), OutOfBand.frame(" x"), 300, null)).isNull();
            assertThat(exchange(socket, node.address(), OutOfBand.frame("hello"), 300, null)).isNull();
            assertThat(exchange(socket, node.address(), OutOfBand.frame("rcon pw status"), 300, null)).isNull();
        }
    }

    @Test
    void getinfoIsRateLimitedPerSourceUnlessInProxyRanges() throws Exception {
        try (FivemUdpTestNode node = new FivemUdpTestNode(FivemUdpTestNode.Options.defaults()
                .proxyRanges(List.of("10.0.0.0/8"))); DatagramSocket socket = new DatagramSocket()) {
            assertThat(burst(socket, node.address(), 11)).isEqualTo(10);
            assertThat(node.counter("gatehouse.ratelimit.dropped", "limiter", "getinfo")).isEqualTo(1);
        }
        try (FivemUdpTestNode node = new FivemUdpTestNode(); DatagramSocket socket = new DatagramSocket()) {
            assertThat(burst(socket, node.address(), 11)).isEqualTo(11); // 127.0.0.0/8 is a proxy range
        }
    }

    private static int burst(DatagramSocket socket, InetSocketAddress to, int count) throws Exception {
        byte[] request = OutOfBand.getInfoRequest("xyz");
        for (int i = 0; i < count; i++) {
            socket.send(new DatagramPacket(request, request.length, to));
        }
        int replies = 0;
        while (receive(socket, 700, null) != null) {
            replies++;
        }
        return replies;
    }

    @Test
    void getstatusOnlyWithItsSwitch() throws Exception {
        try (FivemUdpTestNode node = new FivemUdpTestNode(); DatagramSocket socket = new DatagramSocket()) {
            assertThat(exchange(socket, node.address(), OutOfBand.frame("getstatus"), 700, null)).isNull();
        }
        try (FivemUdpTestNode node = new FivemUdpTestNode(FivemUdpTestNode.Options.defaults().getStatus(true));
             DatagramSocket socket = new DatagramSocket()) {
            byte[] reply = exchange(socket, node.address(), OutOfBand.frame("getstatus"), 2000, null);
            assertThat(reply).isNotNull();
            assertThat(new String(reply, 4, reply.length - 4, StandardCharsets.UTF_8))
                    .startsWith("statusResponse\n\\sv_maxclients\\48\\clients\\0\n");
        }
    }
}
