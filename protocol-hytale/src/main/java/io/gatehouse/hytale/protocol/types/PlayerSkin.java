package io.gatehouse.hytale.protocol.types;

import io.gatehouse.hytale.protocol.ProtocolException;
import io.gatehouse.hytale.protocol.io.OffsetTable;
import io.gatehouse.hytale.protocol.io.PayloadReader;
import io.gatehouse.hytale.protocol.io.PayloadWriter;
import io.netty.buffer.ByteBuf;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * {@code protocol/PlayerSkin.java}: twenty nullable UTF-8 strings (cosmetic ids), three null-bit bytes, twenty int32
 * LE offsets, variable block at 83. The layout is the same in v1 and build 20 (both give PlayerOptions the max size
 * 327 680 184 = 1 + 83 + 20 × (5 + 16 384 000)).
 */
public record PlayerSkin(Map<Part, String> parts) {

    /** The twenty fields in declaration (= wire) order. */
    public enum Part {
        BODY_CHARACTERISTIC, UNDERWEAR, FACE, EYES, EARS, MOUTH, FACIAL_HAIR, HAIRCUT, EYEBROWS, PANTS,
        OVERPANTS, UNDERTOP, OVERTOP, SHOES, HEAD_ACCESSORY, FACE_ACCESSORY, EAR_ACCESSORY, SKIN_FEATURE, GLOVES, CAPE
    }

    private static final Part[] PARTS = Part.values();
    public static final int NULL_BIT_BYTES = 3;
    public static final int VARIABLE_BLOCK_START = NULL_BIT_BYTES + 4 * 20;
    /** The generated code checks the byte length against 4 096 000 (its character limit). */
    public static final int MAX_STRING_BYTES = 4_096_000;

    public PlayerSkin {
        EnumMap<Part, String> copy = new EnumMap<>(Part.class);
        parts.forEach((part, value) -> {
            if (value != null) {
                copy.put(part, value);
            }
        });
        parts = Collections.unmodifiableMap(copy);
    }

    public String get(Part part) {
        return parts.get(part);
    }

    public static PlayerSkin read(PayloadReader in) {
        int start = in.position();
        if (in.remaining() < VARIABLE_BLOCK_START) {
            throw ProtocolException.bufferTooSmall("PlayerSkin", VARIABLE_BLOCK_START, in.remaining());
        }
        int[] nullBits = {in.readUnsignedByte("PlayerSkin.nullBits"), in.readUnsignedByte("PlayerSkin.nullBits"),
                in.readUnsignedByte("PlayerSkin.nullBits")};
        int varStart = start + VARIABLE_BLOCK_START;
        int end = varStart;
        EnumMap<Part, String> parts = new EnumMap<>(Part.class);
        for (Part part : PARTS) {
            int i = part.ordinal();
            if ((nullBits[i >> 3] & (1 << (i & 7))) != 0) {
                String field = "PlayerSkin." + part;
                in.seek(in.variableFieldPosition(field, start + NULL_BIT_BYTES + 4 * i, varStart));
                parts.put(part, in.readVarString(field, MAX_STRING_BYTES));
                end = Math.max(end, in.position());
            }
        }
        in.seek(end);
        return new PlayerSkin(parts);
    }

    public void write(ByteBuf buf) {
        byte[] nullBits = new byte[NULL_BIT_BYTES];
        for (Part part : parts.keySet()) {
            nullBits[part.ordinal() >> 3] |= (byte) (1 << (part.ordinal() & 7));
        }
        buf.writeBytes(nullBits);
        OffsetTable offsets = OffsetTable.reserve(buf, PARTS.length);
        for (Part part : PARTS) {
            String value = parts.get(part);
            if (value != null) {
                offsets.present(part.ordinal());
                PayloadWriter.writeVarString(buf, value, MAX_STRING_BYTES, "PlayerSkin." + part);
            } else {
                offsets.absent(part.ordinal());
            }
        }
    }
}
