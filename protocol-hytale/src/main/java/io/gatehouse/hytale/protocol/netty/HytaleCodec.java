package io.gatehouse.hytale.protocol.netty;

import io.gatehouse.hytale.protocol.io.ZstdPayloads;
import io.gatehouse.hytale.protocol.registry.ProtocolVersion;
import io.netty.channel.ChannelPipeline;

/**
 * Installs the codec on one stream's pipeline, one concern per handler:
 * <pre>
 *   inbound:  frame-decoder → [rate-limit] → zstd-decoder → packet-decoder → (your handler gets Packet)
 *   outbound: (you write Packet or RawFrame) → packet-encoder → zstd-encoder → frame-encoder
 * </pre>
 * A {@link RawFrame} written directly (a forwarded frame) must carry an uncompressed payload.
 */
public final class HytaleCodec {

    public static final String FRAME_DECODER = "hytale-frame-decoder";
    public static final String FRAME_ENCODER = "hytale-frame-encoder";
    public static final String RATE_LIMIT = "hytale-rate-limit";
    public static final String ZSTD_DECODER = "hytale-zstd-decoder";
    public static final String ZSTD_ENCODER = "hytale-zstd-encoder";
    public static final String PACKET_DECODER = "hytale-packet-decoder";
    public static final String PACKET_ENCODER = "hytale-packet-encoder";

    private HytaleCodec() {
    }

    /**
     * @param rateLimit null for no rate limit (the official server limits only what clients send)
     */
    public static void install(ChannelPipeline pipeline, CodecState state, CodecLimits limits, RateLimitHandler rateLimit) {
        pipeline.addLast(FRAME_DECODER, new FrameDecoder(state, limits));
        pipeline.addLast(FRAME_ENCODER, FrameEncoder.INSTANCE);
        if (rateLimit != null) {
            pipeline.addLast(RATE_LIMIT, rateLimit);
        }
        pipeline.addLast(ZSTD_DECODER, new ZstdDecompressor(state, limits));
        pipeline.addLast(ZSTD_ENCODER, new ZstdCompressor(state, ZstdPayloads.DEFAULT_LEVEL));
        pipeline.addLast(PACKET_DECODER, new PacketDecoder(state));
        pipeline.addLast(PACKET_ENCODER, new PacketEncoder(state));
    }

    /** The gateway's side: decodes what clients send, rate-limited, with caps for untrusted input. */
    public static CodecState installServer(ChannelPipeline pipeline, ProtocolVersion version) {
        CodecState state = CodecState.server(version);
        install(pipeline, state, CodecLimits.UNTRUSTED_CLIENTS, new RateLimitHandler());
        return state;
    }

    /** The bot's side: decodes what servers send, with the official limits. */
    public static CodecState installClient(ChannelPipeline pipeline, ProtocolVersion version) {
        CodecState state = CodecState.client(version);
        install(pipeline, state, CodecLimits.OFFICIAL, null);
        return state;
    }
}
