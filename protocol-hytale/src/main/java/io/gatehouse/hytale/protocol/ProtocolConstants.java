package io.gatehouse.hytale.protocol;

/** Protocol identity and framing constants (reference §3, §8; vectors §D2). */
public final class ProtocolConstants {

    private ProtocolConstants() {
    }

    /** {@code ProtocolSettings.MAX_PACKET_SIZE} = 0x64000000: the largest payload any packet may declare. */
    public static final int MAX_PACKET_SIZE = 1_677_721_600;
    /** {@code u32 LE payloadLength | u32 LE packetId}. */
    public static final int FRAME_HEADER_SIZE = 8;
    /** {@code PacketHandler.MAX_PACKET_ID} (build 20). */
    public static final int MAX_PACKET_ID = 512;
    public static final int DEFAULT_PORT = 5520;

    /** v1 {@code ProtocolSettings.PROTOCOL_HASH} ([A]@c44ab5a1). */
    public static final String V1_PROTOCOL_HASH = "6708f121966c1c443f4b0eb525b2f81d0a8dc61f5003a692a8fa157e5e02cea9";

    /** v2 build 2 (servers 2026.01.24 … 2026.02.06). */
    public static final int V2_BUILD_2 = 2;
    public static final int V2_BUILD_2_CRC = 1_789_265_863;
    /** v2 build 20 (server 2026.02.17-255364b8e): the layouts this module implements. */
    public static final int V2_BUILD_20 = 20;
    public static final int V2_BUILD_20_CRC = -1_356_075_132;

    /** Later v2 builds seen in decompiled {@code ProtocolSettings.java} files (vectors §D2); layouts not verified. */
    public static final int V2_BUILD_29_CRC = -1_695_325_721;
    public static final int V2_BUILD_35_CRC = 1_367_909_235;
    public static final int V2_BUILD_45_CRC = -1_273_927_538;
    public static final int V2_BUILD_48_CRC = 1_097_867_039;
    public static final int V2_BUILD_51_CRC = 1_080_406_952;
    public static final int V2_BUILD_53_CRC = 1_230_336_123;
    public static final int V2_BUILD_63_CRC = 1_608_127_164;
}
