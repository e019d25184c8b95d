package io.gatehouse.hytale.protocol.packet.setup;

import io.gatehouse.hytale.protocol.ProtocolException;
import io.gatehouse.hytale.protocol.io.PayloadReader;
import io.gatehouse.hytale.protocol.io.PayloadWriter;
import io.gatehouse.hytale.protocol.packet.Packet;
import io.netty.buffer.ByteBuf;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ServerTags (id 34, server → client; {@code packets/setup/ServerTags.java}): nullBits [tags], tags = VarInt count +
 * (VarString UTF-8 key, int32 LE value) pairs @1. Wire order is kept so re-encoding is byte-identical.
 */
public record ServerTags(Map<String, Integer> tags) implements Packet {

    public static final int ID = 34;
    public static final int MIN_SIZE = 1;
    public static final int MAX_SIZE = 1_677_721_600;
    public static final int MAX_TAGS = 4_096_000;
    public static final int MAX_KEY_BYTES = 4_096_000;

    public ServerTags {
        tags = tags == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    public static ServerTags decode(ByteBuf buf) {
        PayloadReader in = PayloadReader.consuming(buf).requireAtLeast(MIN_SIZE, "ServerTags");
        byte nullBits = in.readByte("ServerTags.nullBits");
        if ((nullBits & 0x01) == 0) {
            return new ServerTags(null);
        }
        int count = in.readCount("ServerTags.tags", MAX_TAGS, 5);
        Map<String, Integer> tags = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String key = in.readVarString("ServerTags.key", MAX_KEY_BYTES);
            if (tags.put(key, in.readIntLE("ServerTags.value")) != null) {
                throw new ProtocolException("ServerTags: duplicate key");
            }
        }
        return new ServerTags(tags);
    }

    @Override
    public int id() {
        return ID;
    }

    @Override
    public void encode(ByteBuf buf) {
        buf.writeByte(tags != null ? 0x01 : 0);
        if (tags != null) {
            PayloadWriter.writeCount(buf, tags.size(), MAX_TAGS, "ServerTags.tags");
            for (Map.Entry<String, Integer> e : tags.entrySet()) {
                PayloadWriter.writeVarString(buf, e.getKey(), MAX_KEY_BYTES, "ServerTags.key");
                buf.writeIntLE(e.getValue());
            }
        }
    }
}
