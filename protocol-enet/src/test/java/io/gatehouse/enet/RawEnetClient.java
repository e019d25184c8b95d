package io.gatehouse.enet;

import io.gatehouse.enet.wire.Command;
import io.gatehouse.enet.wire.Protocol;
import io.gatehouse.enet.wire.ProtocolHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;

/** A hand-driven ENet endpoint on a plain socket, for crafting exact (or broken) datagrams. */
final class RawEnetClient implements AutoCloseable {
    final DatagramSocket socket;
    final InetSocketAddress server;
    /** The server's ID for us, learned from VERIFY_CONNECT. */
    int remotePeerId = Protocol.MAXIMUM_PEER_ID;
    /** The session we must write in our headers. */
    int session;
    int reliableSeq;

    RawEnetClient(InetSocketAddress server) throws IOException {
        this.server = server;
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    static byte[] connectDatagram(int connectId, int data) {
        ByteBuf out = Unpooled.buffer();
        ProtocolHeader.write(out, Protocol.MAXIMUM_PEER_ID | Protocol.HEADER_FLAG_SENT_TIME, 1);
        Command c = new Command();
        c.command = Protocol.COMMAND_CONNECT | Protocol.FLAG_ACKNOWLEDGE;
        c.channelId = Protocol.CONTROL_CHANNEL;
        c.reliableSequenceNumber = 1;
        c.outgoingPeerId = 0;
        c.incomingSessionId = 0xFF;
        c.outgoingSessionId = 0xFF;
        c.mtu = 1400;
        c.windowSize = 65536;
        c.channelCount = 2;
        c.packetThrottleInterval = 5000;
        c.packetThrottleAcceleration = 2;
        c.packetThrottleDeceleration = 2;
        c.connectId = connectId;
        c.data = data;
        c.encode(out);
        byte[] bytes = ByteBufUtil.getBytes(out);
        out.release();
        return bytes;
    }

    void send(byte[] datagram) throws IOException {
        socket.send(new DatagramPacket(datagram, datagram.length, server));
    }

    /** The next datagram, or null after {@code millis} of silence. */
    byte[] receive(int millis) throws IOException {
        socket.setSoTimeout(millis);
        byte[] buffer = new byte[8192];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return java.util.Arrays.copyOf(buffer, packet.getLength());
    }

    /** First command of a datagram from the server, decoded. */
    static Command firstCommand(byte[] datagram) {
        ByteBuf in = Unpooled.wrappedBuffer(datagram);
        int header = ProtocolHeader.size(in.getUnsignedShort(0));
        Command c = new Command();
        if (c.decode(in, header, datagram.length) < 0) {
            return null;
        }
        return c;
    }

    /** The first command of the given number in a datagram from the server, decoded; null if there is none. */
    static Command command(byte[] datagram, int number) {
        ByteBuf in = Unpooled.wrappedBuffer(datagram);
        int pos = ProtocolHeader.size(in.getUnsignedShort(0));
        while (pos < datagram.length) {
            Command c = new Command();
            int size = c.decode(in, pos, datagram.length);
            if (size < 0) {
                return null;
            }
            if (c.number() == number) {
                return c;
            }
            pos += size;
            switch (c.number()) {
                case Protocol.COMMAND_SEND_RELIABLE, Protocol.COMMAND_SEND_UNRELIABLE, Protocol.COMMAND_SEND_UNSEQUENCED,
                    Protocol.COMMAND_SEND_FRAGMENT, Protocol.COMMAND_SEND_UNRELIABLE_FRAGMENT -> pos += c.dataLength;
                default -> {
                }
            }
        }
        return null;
    }

    /** CONNECT, wait for VERIFY_CONNECT, acknowledge it: afterwards the server sees us as connected. */
    boolean handshake(int connectId, int data, int millis) throws IOException {
        send(connectDatagram(connectId, data));
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            byte[] reply = receive(Math.max(1, (int) (deadline - System.currentTimeMillis())));
            if (reply == null) {
                return false;
            }
            Command verify = command(reply, Protocol.COMMAND_VERIFY_CONNECT);
            if (verify == null) {
                continue;
            }
            remotePeerId = verify.outgoingPeerId;
            session = verify.outgoingSessionId;
            int sentTime = ((reply[2] & 0xFF) << 8) | (reply[3] & 0xFF);
            ByteBuf out = Unpooled.buffer();
            ProtocolHeader.write(out, ProtocolHeader.rawPeerId(remotePeerId, session, false), 0);
            Command ack = new Command();
            ack.command = Protocol.COMMAND_ACKNOWLEDGE;
            ack.channelId = Protocol.CONTROL_CHANNEL;
            ack.reliableSequenceNumber = verify.reliableSequenceNumber;
            ack.receivedReliableSequenceNumber = verify.reliableSequenceNumber;
            ack.receivedSentTime = sentTime;
            ack.encode(out);
            send(ByteBufUtil.getBytes(out));
            out.release();
            return true;
        }
        return false;
    }

    /** A header for this connection, with a sent time so that acknowledged commands are accepted. */
    void writeHeader(ByteBuf out, int sentTime) {
        ProtocolHeader.write(out, ProtocolHeader.rawPeerId(remotePeerId, session, true), sentTime);
    }

    @Override
    public void close() {
        socket.close();
    }
}
