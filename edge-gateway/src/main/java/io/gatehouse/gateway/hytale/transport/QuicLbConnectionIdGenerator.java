package io.gatehouse.gateway.hytale.transport;

import io.netty.handler.codec.quic.QuicConnectionIdGenerator;
import java.nio.ByteBuffer;
import java.security.SecureRandom;

/**
 * Issues QUIC connection IDs that carry this node's server id in clear, in the "plaintext" layout of QUIC-LB
 * (draft-ietf-quic-load-balancers-19 §5.2), so a CID-aware UDP balancer (Katran, Envoy's QUIC-LB, an eBPF reuseport
 * program) can route every packet of a connection to this node even after the client's address changes:
 *
 * <pre>
 *   octet 0      : config rotation (3 high bits) | CID length - 1 (5 low bits, "length self-description")
 *   octet 1      : server id (gatehouse.hytale.server-id)
 *   octets 2..L-1: nonce, fresh from SecureRandom for every CID (unlinkable, unguessable)
 * </pre>
 *
 * <p>The client's first Initial carries a DCID it chose; a balancer routes Initials by 4-tuple hash, and every packet
 * after it uses a CID from here. Not idempotent: the server codec keeps the client's original DCID mapped, so
 * retransmitted Initials still find their connection.
 */
public final class QuicLbConnectionIdGenerator implements QuicConnectionIdGenerator {

    /** Longest CID QUIC v1 allows. */
    public static final int MAX_LENGTH = 20;
    /** QUIC-LB wants at least 4 nonce octets; plus the first octet and the server id. */
    public static final int MIN_LENGTH = 6;

    private final SecureRandom random = new SecureRandom();
    private final int serverId;
    private final int configRotation;

    public QuicLbConnectionIdGenerator(int serverId, int configRotation) {
        if (serverId < 0 || serverId > 255) {
            throw new IllegalArgumentException("server id must be 0..255, got " + serverId);
        }
        // 0b111 is reserved by QUIC-LB for unroutable CIDs.
        if (configRotation < 0 || configRotation > 6) {
            throw new IllegalArgumentException("config rotation must be 0..6, got " + configRotation);
        }
        this.serverId = serverId;
        this.configRotation = configRotation;
    }

    @Override
    public ByteBuffer newId(int length) {
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            throw new IllegalArgumentException("connection id length must be " + MIN_LENGTH + ".." + MAX_LENGTH
                    + ", got " + length);
        }
        byte[] id = new byte[length];
        random.nextBytes(id);
        id[0] = (byte) ((configRotation << 5) | (length - 1));
        id[1] = (byte) serverId;
        return ByteBuffer.wrap(id);
    }

    @Override
    public ByteBuffer newId(ByteBuffer input, int length) {
        return newId(length);
    }

    @Override
    public ByteBuffer newId(ByteBuffer scid, ByteBuffer dcid, int length) {
        return newId(length);
    }

    @Override
    public int maxConnectionIdLength() {
        return MAX_LENGTH;
    }

    @Override
    public boolean isIdempotent() {
        return false;
    }

    /** The server id a balancer reads from a CID issued here; -1 if the CID is too short or not self-described. */
    public static int serverIdOf(ByteBuffer connectionId) {
        if (connectionId.remaining() < MIN_LENGTH) {
            return -1;
        }
        int first = connectionId.get(connectionId.position()) & 0xff;
        if ((first & 0x1f) + 1 != connectionId.remaining()) {
            return -1;
        }
        return connectionId.get(connectionId.position() + 1) & 0xff;
    }

    /** The config rotation codepoint of a CID. */
    public static int configRotationOf(ByteBuffer connectionId) {
        return (connectionId.get(connectionId.position()) & 0xff) >>> 5;
    }
}
