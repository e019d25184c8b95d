package io.gatehouse.gateway.fivem.udp;

import io.gatehouse.enet.wire.Command;
import io.gatehouse.enet.wire.Protocol;
import io.gatehouse.enet.wire.ProtocolHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/** Hand-built ENet datagrams for gate and fuzz tests. */
final class RawEnet {

    private RawEnet() {
    }

    /** A CONNECT as {@code enet_host_connect} sends it (2 channels, window 65536, libenet throttle defaults). */
    static byte[] connect(int data, int connectId) {
        Command c = new Command();
        c.command = Protocol.COMMAND_CONNECT | Protocol.FLAG_ACKNOWLEDGE;
        c.channelId = 0xFF;
        c.reliableSequenceNumber = 1;
        c.outgoingPeerId = 0;
        c.incomingSessionId = 0xFF;
        c.outgoingSessionId = 0xFF;
        c.mtu = 1400;
        c.windowSize = Protocol.MAXIMUM_WINDOW_SIZE;
        c.channelCount = 2;
        c.packetThrottleInterval = 5000;
        c.packetThrottleAcceleration = 2;
        c.packetThrottleDeceleration = 2;
        c.connectId = connectId;
        c.data = data;
        ByteBuf out = Unpooled.buffer(64);
        ProtocolHeader.write(out, ProtocolHeader.rawPeerId(Protocol.MAXIMUM_PEER_ID, 0, true), 1234);
        c.encode(out);
        byte[] bytes = ByteBufUtil.getBytes(out);
        out.release();
        return bytes;
    }
}
