package io.gatehouse.enet;

/**
 * Host-wide counters, written on the event loop and readable from any thread (values may be slightly stale).
 * Plain fields keep the hot path free of atomics; a metrics layer polls them.
 */
public final class HostStats {
    volatile int connectedPeers;
    long datagramsReceived;
    long datagramsSent;
    long bytesReceived;
    long bytesSent;
    long retransmits;
    long malformedDatagrams;
    long interceptedDatagrams;
    long connectsRejected;
    long timeouts;
    long internalErrors;

    HostStats() {
    }

    /** Peers in a connected state (libenet's {@code connectedPeers}). */
    public int connectedPeers() {
        return connectedPeers;
    }

    public long datagramsReceived() {
        return datagramsReceived;
    }

    public long datagramsSent() {
        return datagramsSent;
    }

    public long bytesReceived() {
        return bytesReceived;
    }

    public long bytesSent() {
        return bytesSent;
    }

    /** Reliable commands sent again after their retransmission timeout. */
    public long retransmits() {
        return retransmits;
    }

    /** Datagrams dropped before or while parsing (bad header, unknown peer, bad command). */
    public long malformedDatagrams() {
        return malformedDatagrams;
    }

    public long interceptedDatagrams() {
        return interceptedDatagrams;
    }

    /** CONNECTs refused by the gate, by the peer limit or by a gate timeout. */
    public long connectsRejected() {
        return connectsRejected;
    }

    public long timeouts() {
        return timeouts;
    }

    /** Datagrams dropped because processing them threw: always a bug, expected to stay 0. */
    public long internalErrors() {
        return internalErrors;
    }

    @Override
    public String toString() {
        return "HostStats{peers=" + connectedPeers + ", in=" + datagramsReceived + "/" + bytesReceived + "B, out="
            + datagramsSent + "/" + bytesSent + "B, retransmits=" + retransmits + ", malformed=" + malformedDatagrams
            + ", intercepted=" + interceptedDatagrams + ", rejected=" + connectsRejected + ", timeouts=" + timeouts + "}";
    }
}
