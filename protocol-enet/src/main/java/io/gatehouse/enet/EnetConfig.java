package io.gatehouse.enet;

/** Immutable host settings; defaults are libenet's. */
record EnetConfig(
    int peerLimit,
    int channelLimit,
    long incomingBandwidth,
    long outgoingBandwidth,
    int mtu,
    int duplicatePeers,
    int maximumPacketSize,
    long maximumWaitingData,
    long gateTimeoutMillis,
    int maximumPendingGates) {

    static final int DEFAULT_MTU = 1400;
    static final int DEFAULT_MAXIMUM_PACKET_SIZE = 32 * 1024 * 1024;
    static final long DEFAULT_MAXIMUM_WAITING_DATA = 32L * 1024 * 1024;
}
