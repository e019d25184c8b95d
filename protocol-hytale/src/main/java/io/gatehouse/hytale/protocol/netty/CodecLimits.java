package io.gatehouse.hytale.protocol.netty;

import io.gatehouse.hytale.protocol.ProtocolConstants;

/**
 * Caps on top of the per-packet limits of the registry. The official limits allow 1.6 GB payloads, which a peer could
 * make us buffer or inflate; an edge facing untrusted clients lowers them.
 *
 * @param maxFrameLength        largest on-wire payload accepted for any id, checked before buffering
 * @param maxDecompressedLength largest zstd content size inflated, checked before allocating
 */
public record CodecLimits(int maxFrameLength, int maxDecompressedLength) {

    /** The official server's limits: only the protocol maximum and each packet's own max size. */
    public static final CodecLimits OFFICIAL = new CodecLimits(ProtocolConstants.MAX_PACKET_SIZE, ProtocolConstants.MAX_PACKET_SIZE);

    /**
     * For a server decoding what clients send: no legitimate client packet of the join flow comes near 16 MiB
     * (the largest, RequestAssets, lists missing asset hashes).
     */
    public static final CodecLimits UNTRUSTED_CLIENTS = new CodecLimits(16 << 20, 16 << 20);

    public CodecLimits {
        if (maxFrameLength < 0 || maxDecompressedLength < 0) {
            throw new IllegalArgumentException("Limits must not be negative");
        }
    }
}
