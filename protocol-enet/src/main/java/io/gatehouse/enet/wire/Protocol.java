package io.gatehouse.enet.wire;

/** Wire constants of stock ENet 1.3 ({@code include/enet/protocol.h}). */
public final class Protocol {
    public static final int MINIMUM_MTU = 576;
    public static final int MAXIMUM_MTU = 4096;
    public static final int MAXIMUM_PACKET_COMMANDS = 32;
    public static final int MINIMUM_WINDOW_SIZE = 4096;
    public static final int MAXIMUM_WINDOW_SIZE = 65536;
    public static final int MINIMUM_CHANNEL_COUNT = 1;
    public static final int MAXIMUM_CHANNEL_COUNT = 255;
    public static final int MAXIMUM_PEER_ID = 0xFFF;
    public static final int MAXIMUM_FRAGMENT_COUNT = 1024 * 1024;

    public static final int COMMAND_NONE = 0;
    public static final int COMMAND_ACKNOWLEDGE = 1;
    public static final int COMMAND_CONNECT = 2;
    public static final int COMMAND_VERIFY_CONNECT = 3;
    public static final int COMMAND_DISCONNECT = 4;
    public static final int COMMAND_PING = 5;
    public static final int COMMAND_SEND_RELIABLE = 6;
    public static final int COMMAND_SEND_UNRELIABLE = 7;
    public static final int COMMAND_SEND_FRAGMENT = 8;
    public static final int COMMAND_SEND_UNSEQUENCED = 9;
    public static final int COMMAND_BANDWIDTH_LIMIT = 10;
    public static final int COMMAND_THROTTLE_CONFIGURE = 11;
    public static final int COMMAND_SEND_UNRELIABLE_FRAGMENT = 12;
    public static final int COMMAND_COUNT = 13;
    public static final int COMMAND_MASK = 0x0F;

    public static final int FLAG_ACKNOWLEDGE = 1 << 7;
    public static final int FLAG_UNSEQUENCED = 1 << 6;

    public static final int HEADER_FLAG_COMPRESSED = 1 << 14;
    public static final int HEADER_FLAG_SENT_TIME = 1 << 15;
    public static final int HEADER_FLAG_MASK = HEADER_FLAG_COMPRESSED | HEADER_FLAG_SENT_TIME;
    public static final int HEADER_SESSION_MASK = 3 << 12;
    public static final int HEADER_SESSION_SHIFT = 12;

    /** {@code sizeof(ENetProtocolHeader)}: peerID plus sentTime. */
    public static final int HEADER_SIZE = 4;
    /** Header without the optional sentTime. */
    public static final int HEADER_SIZE_NO_TIME = 2;
    public static final int COMMAND_HEADER_SIZE = 4;

    /** The channel ID used by connection-level commands. */
    public static final int CONTROL_CHANNEL = 0xFF;

    private static final int[] COMMAND_SIZES = {
        0,  // none
        8,  // acknowledge
        48, // connect
        44, // verify connect
        8,  // disconnect
        4,  // ping
        6,  // send reliable
        8,  // send unreliable
        24, // send fragment
        8,  // send unsequenced
        12, // bandwidth limit
        16, // throttle configure
        24, // send unreliable fragment
    };

    private Protocol() {
    }

    /** Size of a command's fixed part (without payload), from its command byte; 0 for an unknown command. */
    public static int commandSize(int commandByte) {
        int number = commandByte & COMMAND_MASK;
        return number < COMMAND_COUNT ? COMMAND_SIZES[number] : 0;
    }
}
