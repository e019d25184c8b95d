package io.gatehouse.enet.wire;

import io.netty.buffer.ByteBuf;

/** The datagram header: {@code u16 peerID|flags|session} and an optional {@code u16 sentTime}. */
public final class ProtocolHeader {
    private ProtocolHeader() {
    }

    public static int peerId(int rawPeerId) {
        return rawPeerId & ~(Protocol.HEADER_FLAG_MASK | Protocol.HEADER_SESSION_MASK) & 0xFFFF;
    }

    public static int sessionId(int rawPeerId) {
        return (rawPeerId & Protocol.HEADER_SESSION_MASK) >>> Protocol.HEADER_SESSION_SHIFT;
    }

    public static int flags(int rawPeerId) {
        return rawPeerId & Protocol.HEADER_FLAG_MASK;
    }

    /** Header size implied by the flags of a raw peer ID (no checksum: stock ENet has none unless configured). */
    public static int size(int rawPeerId) {
        return (rawPeerId & Protocol.HEADER_FLAG_SENT_TIME) != 0 ? Protocol.HEADER_SIZE : Protocol.HEADER_SIZE_NO_TIME;
    }

    /** Composes the raw peer ID field; the session is only carried once the remote peer ID is known. */
    public static int rawPeerId(int outgoingPeerId, int sessionId, boolean withSentTime) {
        int raw = outgoingPeerId;
        if (outgoingPeerId < Protocol.MAXIMUM_PEER_ID) {
            raw |= (sessionId << Protocol.HEADER_SESSION_SHIFT) & Protocol.HEADER_SESSION_MASK;
        }
        if (withSentTime) {
            raw |= Protocol.HEADER_FLAG_SENT_TIME;
        }
        return raw;
    }

    public static void write(ByteBuf out, int rawPeerId, int sentTime) {
        out.writeShort(rawPeerId);
        if ((rawPeerId & Protocol.HEADER_FLAG_SENT_TIME) != 0) {
            out.writeShort(sentTime);
        }
    }
}
