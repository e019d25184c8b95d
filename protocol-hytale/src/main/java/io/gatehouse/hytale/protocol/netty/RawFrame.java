package io.gatehouse.hytale.protocol.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * One frame between the framing and packet layers: the packet id and its payload. Below the zstd handlers the
 * payload is as on the wire; above them it is always uncompressed, so a gateway can forward frames of packets it does
 * not decode. Reference-counted: whoever consumes it releases it.
 */
public final class RawFrame extends DefaultByteBufHolder {

    private final int packetId;

    public RawFrame(int packetId, ByteBuf payload) {
        super(payload);
        this.packetId = packetId;
    }

    public int packetId() {
        return packetId;
    }

    @Override
    public RawFrame replace(ByteBuf content) {
        return new RawFrame(packetId, content);
    }

    @Override
    public RawFrame retain() {
        super.retain();
        return this;
    }

    @Override
    public RawFrame touch(Object hint) {
        super.touch(hint);
        return this;
    }

    @Override
    public String toString() {
        return "RawFrame[id=" + packetId + ", " + content().readableBytes() + " bytes]";
    }
}
