package io.gatehouse.enet.wire;

import io.netty.buffer.ByteBuf;

/**
 * One ENet protocol command (the {@code ENetProtocol} union), big-endian on the wire.
 *
 * <p>A mutable flyweight: the receive path decodes every command into one reused instance and the send path
 * keeps queued commands in subclasses, so no command costs an allocation of its own. Only the fields of the
 * command's type are meaningful. Unsigned 32-bit fields are held in {@code long}s so that range checks
 * against the wire values are plain comparisons. The payload that follows data commands is not part of this
 * object.
 */
public class Command {
    /** Command byte: number in the low nibble, ACKNOWLEDGE/UNSEQUENCED flags in the top bits. */
    public int command;
    public int channelId;
    public int reliableSequenceNumber;

    // ACKNOWLEDGE
    public int receivedReliableSequenceNumber;
    public int receivedSentTime;

    // CONNECT and VERIFY_CONNECT
    public int outgoingPeerId;
    public int incomingSessionId;
    public int outgoingSessionId;
    public long mtu;
    public long windowSize;
    public long channelCount;
    /** Also BANDWIDTH_LIMIT. */
    public long incomingBandwidth;
    /** Also BANDWIDTH_LIMIT. */
    public long outgoingBandwidth;
    /** Also THROTTLE_CONFIGURE. */
    public long packetThrottleInterval;
    public long packetThrottleAcceleration;
    public long packetThrottleDeceleration;
    /** Opaque: libenet writes it without byte swapping, so it is only ever compared and echoed. */
    public int connectId;
    /** CONNECT and DISCONNECT user data. */
    public int data;

    // SEND_UNRELIABLE (unreliableSequenceNumber), SEND_UNSEQUENCED (unsequencedGroup)
    public int unreliableSequenceNumber;
    public int unsequencedGroup;
    /** Payload length of data commands (u16). */
    public int dataLength;

    // SEND_FRAGMENT and SEND_UNRELIABLE_FRAGMENT
    public int startSequenceNumber;
    public long fragmentCount;
    public long fragmentNumber;
    public long totalLength;
    public long fragmentOffset;

    public final int number() {
        return command & Protocol.COMMAND_MASK;
    }

    public final boolean isAcknowledged() {
        return (command & Protocol.FLAG_ACKNOWLEDGE) != 0;
    }

    /**
     * Decodes the command at {@code offset} (absolute, reader index untouched).
     *
     * @return the size of the fixed part, or -1 if the command is unknown or truncated before {@code limit}
     */
    public final int decode(ByteBuf in, int offset, int limit) {
        if (offset + Protocol.COMMAND_HEADER_SIZE > limit) {
            return -1;
        }
        int commandByte = in.getUnsignedByte(offset);
        int size = Protocol.commandSize(commandByte);
        if (size == 0 || offset + size > limit) {
            return -1;
        }
        command = commandByte;
        channelId = in.getUnsignedByte(offset + 1);
        reliableSequenceNumber = in.getUnsignedShort(offset + 2);
        int p = offset + Protocol.COMMAND_HEADER_SIZE;
        switch (commandByte & Protocol.COMMAND_MASK) {
            case Protocol.COMMAND_ACKNOWLEDGE -> {
                receivedReliableSequenceNumber = in.getUnsignedShort(p);
                receivedSentTime = in.getUnsignedShort(p + 2);
            }
            case Protocol.COMMAND_CONNECT, Protocol.COMMAND_VERIFY_CONNECT -> {
                outgoingPeerId = in.getUnsignedShort(p);
                incomingSessionId = in.getUnsignedByte(p + 2);
                outgoingSessionId = in.getUnsignedByte(p + 3);
                mtu = in.getUnsignedInt(p + 4);
                windowSize = in.getUnsignedInt(p + 8);
                channelCount = in.getUnsignedInt(p + 12);
                incomingBandwidth = in.getUnsignedInt(p + 16);
                outgoingBandwidth = in.getUnsignedInt(p + 20);
                packetThrottleInterval = in.getUnsignedInt(p + 24);
                packetThrottleAcceleration = in.getUnsignedInt(p + 28);
                packetThrottleDeceleration = in.getUnsignedInt(p + 32);
                connectId = in.getInt(p + 36);
                if ((commandByte & Protocol.COMMAND_MASK) == Protocol.COMMAND_CONNECT) {
                    data = in.getInt(p + 40);
                }
            }
            case Protocol.COMMAND_DISCONNECT -> data = in.getInt(p);
            case Protocol.COMMAND_PING -> {
                // header only
            }
            case Protocol.COMMAND_SEND_RELIABLE -> dataLength = in.getUnsignedShort(p);
            case Protocol.COMMAND_SEND_UNRELIABLE -> {
                unreliableSequenceNumber = in.getUnsignedShort(p);
                dataLength = in.getUnsignedShort(p + 2);
            }
            case Protocol.COMMAND_SEND_UNSEQUENCED -> {
                unsequencedGroup = in.getUnsignedShort(p);
                dataLength = in.getUnsignedShort(p + 2);
            }
            case Protocol.COMMAND_SEND_FRAGMENT, Protocol.COMMAND_SEND_UNRELIABLE_FRAGMENT -> {
                startSequenceNumber = in.getUnsignedShort(p);
                dataLength = in.getUnsignedShort(p + 2);
                fragmentCount = in.getUnsignedInt(p + 4);
                fragmentNumber = in.getUnsignedInt(p + 8);
                totalLength = in.getUnsignedInt(p + 12);
                fragmentOffset = in.getUnsignedInt(p + 16);
            }
            case Protocol.COMMAND_BANDWIDTH_LIMIT -> {
                incomingBandwidth = in.getUnsignedInt(p);
                outgoingBandwidth = in.getUnsignedInt(p + 4);
            }
            case Protocol.COMMAND_THROTTLE_CONFIGURE -> {
                packetThrottleInterval = in.getUnsignedInt(p);
                packetThrottleAcceleration = in.getUnsignedInt(p + 4);
                packetThrottleDeceleration = in.getUnsignedInt(p + 8);
            }
            default -> {
                return -1;
            }
        }
        return size;
    }

    /** Writes the fixed part of this command at the writer index; returns the number of bytes written. */
    public final int encode(ByteBuf out) {
        int size = Protocol.commandSize(command);
        if (size == 0) {
            throw new IllegalStateException("unknown command " + command);
        }
        out.writeByte(command);
        out.writeByte(channelId);
        out.writeShort(reliableSequenceNumber);
        switch (command & Protocol.COMMAND_MASK) {
            case Protocol.COMMAND_ACKNOWLEDGE -> {
                out.writeShort(receivedReliableSequenceNumber);
                out.writeShort(receivedSentTime);
            }
            case Protocol.COMMAND_CONNECT, Protocol.COMMAND_VERIFY_CONNECT -> {
                out.writeShort(outgoingPeerId);
                out.writeByte(incomingSessionId);
                out.writeByte(outgoingSessionId);
                out.writeInt((int) mtu);
                out.writeInt((int) windowSize);
                out.writeInt((int) channelCount);
                out.writeInt((int) incomingBandwidth);
                out.writeInt((int) outgoingBandwidth);
                out.writeInt((int) packetThrottleInterval);
                out.writeInt((int) packetThrottleAcceleration);
                out.writeInt((int) packetThrottleDeceleration);
                out.writeInt(connectId);
                if ((command & Protocol.COMMAND_MASK) == Protocol.COMMAND_CONNECT) {
                    out.writeInt(data);
                }
            }
            case Protocol.COMMAND_DISCONNECT -> out.writeInt(data);
            case Protocol.COMMAND_PING -> {
                // header only
            }
            case Protocol.COMMAND_SEND_RELIABLE -> out.writeShort(dataLength);
            case Protocol.COMMAND_SEND_UNRELIABLE -> {
                out.writeShort(unreliableSequenceNumber);
                out.writeShort(dataLength);
            }
            case Protocol.COMMAND_SEND_UNSEQUENCED -> {
                out.writeShort(unsequencedGroup);
                out.writeShort(dataLength);
            }
            case Protocol.COMMAND_SEND_FRAGMENT, Protocol.COMMAND_SEND_UNRELIABLE_FRAGMENT -> {
                out.writeShort(startSequenceNumber);
                out.writeShort(dataLength);
                out.writeInt((int) fragmentCount);
                out.writeInt((int) fragmentNumber);
                out.writeInt((int) totalLength);
                out.writeInt((int) fragmentOffset);
            }
            case Protocol.COMMAND_BANDWIDTH_LIMIT -> {
                out.writeInt((int) incomingBandwidth);
                out.writeInt((int) outgoingBandwidth);
            }
            case Protocol.COMMAND_THROTTLE_CONFIGURE -> {
                out.writeInt((int) packetThrottleInterval);
                out.writeInt((int) packetThrottleAcceleration);
                out.writeInt((int) packetThrottleDeceleration);
            }
            default -> throw new IllegalStateException("unknown command " + command);
        }
        return size;
    }

    /** Copies every field of {@code other} into this command. */
    public final void copyFrom(Command other) {
        command = other.command;
        channelId = other.channelId;
        reliableSequenceNumber = other.reliableSequenceNumber;
        receivedReliableSequenceNumber = other.receivedReliableSequenceNumber;
        receivedSentTime = other.receivedSentTime;
        outgoingPeerId = other.outgoingPeerId;
        incomingSessionId = other.incomingSessionId;
        outgoingSessionId = other.outgoingSessionId;
        mtu = other.mtu;
        windowSize = other.windowSize;
        channelCount = other.channelCount;
        incomingBandwidth = other.incomingBandwidth;
        outgoingBandwidth = other.outgoingBandwidth;
        packetThrottleInterval = other.packetThrottleInterval;
        packetThrottleAcceleration = other.packetThrottleAcceleration;
        packetThrottleDeceleration = other.packetThrottleDeceleration;
        connectId = other.connectId;
        data = other.data;
        unreliableSequenceNumber = other.unreliableSequenceNumber;
        unsequencedGroup = other.unsequencedGroup;
        dataLength = other.dataLength;
        startSequenceNumber = other.startSequenceNumber;
        fragmentCount = other.fragmentCount;
        fragmentNumber = other.fragmentNumber;
        totalLength = other.totalLength;
        fragmentOffset = other.fragmentOffset;
    }
}
