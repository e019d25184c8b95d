package io.gatehouse.hytale.protocol.io;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;
import io.gatehouse.hytale.protocol.ProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Payload compression as {@code PacketIO} does it: one Zstandard frame per payload, with the content size in the
 * frame header (zstd-jni's simple API writes it). Inflation trusts nothing: the declared content size must be present
 * and within the caller's limit before anything is allocated, and the output must match it exactly.
 */
public final class ZstdPayloads {

    /** {@code Zstd.defaultCompressionLevel()}, the official default ({@code -Dhytale.protocol.compressionLevel}). */
    public static final int DEFAULT_LEVEL = 3;

    private ZstdPayloads() {
    }

    public static ByteBuf compress(ByteBufAllocator alloc, ByteBuf src, int level) {
        byte[] input = readable(src);
        byte[] output = new byte[(int) Zstd.compressBound(input.length)];
        long size = Zstd.compressByteArray(output, 0, output.length, input, 0, input.length, level);
        if (Zstd.isError(size)) {
            throw new ProtocolException("Zstd compression failed: " + Zstd.getErrorName(size));
        }
        ByteBuf out = alloc.heapBuffer((int) size);
        out.writeBytes(output, 0, (int) size);
        return out;
    }

    /** Inflates {@code src}'s readable bytes into a new buffer of at most {@code maxSize} bytes. */
    public static ByteBuf decompress(ByteBufAllocator alloc, ByteBuf src, int maxSize) {
        byte[] input = readable(src);
        long declared;
        try {
            declared = Zstd.getFrameContentSize(input, 0, input.length);
        } catch (ZstdException e) {
            throw new ProtocolException("Invalid zstd frame header: " + e.getMessage(), e);
        }
        if (declared < 0) {
            throw new ProtocolException("Invalid zstd frame or unknown content size");
        }
        if (declared > maxSize) {
            throw new ProtocolException("Zstd content size " + declared + " exceeds the limit " + maxSize);
        }
        byte[] output = new byte[(int) declared];
        long size;
        try {
            size = Zstd.decompressByteArray(output, 0, output.length, input, 0, input.length);
        } catch (ZstdException e) {
            // zstd-jni reports corrupt input by throwing rather than by an error code
            throw new ProtocolException("Zstd decompression failed: " + e.getMessage(), e);
        }
        if (Zstd.isError(size)) {
            throw new ProtocolException("Zstd decompression failed: " + Zstd.getErrorName(size));
        }
        if (size != declared) {
            throw new ProtocolException("Zstd frame inflated to " + size + " bytes, header declared " + declared);
        }
        ByteBuf out = alloc.heapBuffer(output.length);
        out.writeBytes(output);
        return out;
    }

    private static byte[] readable(ByteBuf buf) {
        byte[] bytes = new byte[buf.readableBytes()];
        buf.getBytes(buf.readerIndex(), bytes);
        return bytes;
    }
}
