package io.gatehouse.bot.hytale;

import io.gatehouse.hytale.protocol.ProtocolConstants;
import io.gatehouse.hytale.protocol.ProtocolException;
import io.gatehouse.hytale.protocol.io.ZstdPayloads;
import io.gatehouse.hytale.protocol.packet.Packet;
import io.gatehouse.hytale.protocol.registry.Direction;
import io.gatehouse.hytale.protocol.registry.PacketRegistries;
import io.gatehouse.hytale.protocol.registry.PacketRegistry;
import io.gatehouse.hytale.protocol.registry.ProtocolVersion;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Hytale framing over blocking streams ({@code u32 LE length | u32 LE id | payload}, per-packet static zstd flag),
 * with protocol-hytale's registries for the client's side: what {@code HytaleCodec.installClient} does in Netty, for
 * a QUIC library that hands out {@link InputStream}/{@link OutputStream}.
 */
public final class FrameIO {

    /** The bot trusts its server less than the protocol does: no legitimate join packet comes near this. */
    public static final int MAX_PAYLOAD = 64 << 20;

    private final DataInputStream in;
    private final OutputStream out;
    private final PacketRegistry inbound;
    private final PacketRegistry outbound;
    private final ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;

    public FrameIO(InputStream in, OutputStream out, ProtocolVersion version) {
        this.in = new DataInputStream(in);
        this.out = out;
        this.inbound = PacketRegistries.of(version, Direction.TO_CLIENT);
        this.outbound = PacketRegistries.of(version, Direction.TO_SERVER);
    }

    /** Encodes, compresses if the packet's flag says so, frames and flushes. */
    public synchronized void write(Packet packet) throws IOException {
        int id = outbound.idFor(packet);
        ByteBuf payload = alloc.heapBuffer();
        try {
            packet.encode(payload);
            ByteBuf wire = outbound.isCompressed(id) && payload.isReadable()
                    ? ZstdPayloads.compress(alloc, payload, ZstdPayloads.DEFAULT_LEVEL) : payload.retain();
            try {
                byte[] frame = new byte[ProtocolConstants.FRAME_HEADER_SIZE + wire.readableBytes()];
                ByteBuf header = Unpooled.wrappedBuffer(frame);
                header.writerIndex(0);
                header.writeIntLE(wire.readableBytes());
                header.writeIntLE(id);
                wire.getBytes(wire.readerIndex(), frame, ProtocolConstants.FRAME_HEADER_SIZE, wire.readableBytes());
                out.write(frame);
                out.flush();
            } finally {
                wire.release();
            }
        } finally {
            payload.release();
        }
    }

    /** Raw bytes as they are: for tests that need malformed frames. */
    public synchronized void writeRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next packet; EOFException when the server ended the stream. */
    public Packet read() throws IOException {
        byte[] header = new byte[ProtocolConstants.FRAME_HEADER_SIZE];
        try {
            in.readFully(header);
        } catch (EOFException e) {
            throw new EOFException("stream closed by the server");
        }
        ByteBuf h = Unpooled.wrappedBuffer(header);
        long length = h.readUnsignedIntLE();
        int id = h.readIntLE();
        if (length > MAX_PAYLOAD || length > inbound.maxPayloadSize(id)) {
            throw new ProtocolException("packet " + id + " declares " + length + " bytes");
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        ByteBuf buf = Unpooled.wrappedBuffer(payload);
        if (inbound.isCompressed(id) && payload.length > 0) {
            ByteBuf inflated = ZstdPayloads.decompress(alloc, buf, inbound.maxPayloadSize(id));
            try {
                return inbound.decode(id, inflated);
            } finally {
                inflated.release();
            }
        }
        return inbound.decode(id, buf);
    }
}
