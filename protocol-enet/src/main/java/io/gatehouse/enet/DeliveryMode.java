package io.gatehouse.enet;

/** How a message travels; also reported on receipt. */
public enum DeliveryMode {
    /** Reliable and ordered within its channel (SEND_RELIABLE, or SEND_FRAGMENT when large). */
    RELIABLE,
    /** Sequenced within its channel, may be lost; large messages are sent as reliable fragments, as libenet does. */
    UNRELIABLE,
    /** Neither ordered nor reliable; duplicates suppressed by the unsequenced window. */
    UNSEQUENCED,
    /** Like {@link #UNRELIABLE}, but large messages use SEND_UNRELIABLE_FRAGMENT (ENET_PACKET_FLAG_UNRELIABLE_FRAGMENT). */
    UNRELIABLE_FRAGMENTED
}
