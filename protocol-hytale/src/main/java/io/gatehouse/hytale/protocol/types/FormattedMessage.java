package io.gatehouse.hytale.protocol.types;

import io.gatehouse.hytale.protocol.ProtocolException;
import io.gatehouse.hytale.protocol.io.OffsetTable;
import io.gatehouse.hytale.protocol.io.PayloadReader;
import io.gatehouse.hytale.protocol.io.PayloadWriter;
import io.netty.buffer.ByteBuf;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code protocol/FormattedMessage.java} (builds 2 and 20): null bits [rawText, messageId, children, params,
 * messageParams, color, link], fixed bytes bold/italic/monospace/underlined ({@link MaybeBool}) and markupEnabled,
 * seven int32 LE offsets, variable block at 34. Strings are UTF-8 of at most 4 096 000 bytes.
 *
 * <p>Maps keep their wire order so that decode → encode is byte-identical. Nesting is capped at
 * {@link #MAX_DEPTH} so hostile input cannot exhaust the stack.
 */
public record FormattedMessage(
        String rawText,
        String messageId,
        List<FormattedMessage> children,
        Map<String, ParamValue> params,
        Map<String, FormattedMessage> messageParams,
        String color,
        MaybeBool bold,
        MaybeBool italic,
        MaybeBool monospace,
        MaybeBool underlined,
        String link,
        boolean markupEnabled) {

    public static final int VARIABLE_BLOCK_START = 34;
    public static final int MAX_STRING_BYTES = 4_096_000;
    public static final int MAX_ELEMENTS = 4_096_000;
    public static final int MAX_DEPTH = 32;

    public FormattedMessage {
        children = children == null ? null : List.copyOf(children);
        params = params == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(params));
        messageParams = messageParams == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(messageParams));
        Objects.requireNonNull(bold, "bold");
        Objects.requireNonNull(italic, "italic");
        Objects.requireNonNull(monospace, "monospace");
        Objects.requireNonNull(underlined, "underlined");
    }

    /** Plain text, as the server's {@code Message.raw(...)} produces. */
    public static FormattedMessage raw(String text) {
        return new FormattedMessage(text, null, null, null, null, null,
                MaybeBool.NULL, MaybeBool.NULL, MaybeBool.NULL, MaybeBool.NULL, null, false);
    }

    /** A translation key, as the server's {@code Message.translation(...)} produces. */
    public static FormattedMessage translation(String messageId) {
        return new FormattedMessage(null, messageId, null, null, null, null,
                MaybeBool.NULL, MaybeBool.NULL, MaybeBool.NULL, MaybeBool.NULL, null, false);
    }

    public static FormattedMessage read(PayloadReader in) {
        return read(in, 0);
    }

    private static FormattedMessage read(PayloadReader in, int depth) {
        if (depth > MAX_DEPTH) {
            throw new ProtocolException("FormattedMessage nested deeper than " + MAX_DEPTH);
        }
        int start = in.position();
        if (in.remaining() < VARIABLE_BLOCK_START) {
            throw ProtocolException.bufferTooSmall("FormattedMessage", VARIABLE_BLOCK_START, in.remaining());
        }
        byte nullBits = in.readByte("FormattedMessage.nullBits");
        MaybeBool bold = MaybeBool.fromValue(in.readUnsignedByte("FormattedMessage.bold"));
        MaybeBool italic = MaybeBool.fromValue(in.readUnsignedByte("FormattedMessage.italic"));
        MaybeBool monospace = MaybeBool.fromValue(in.readUnsignedByte("FormattedMessage.monospace"));
        MaybeBool underlined = MaybeBool.fromValue(in.readUnsignedByte("FormattedMessage.underlined"));
        boolean markupEnabled = in.readBool("FormattedMessage.markupEnabled");
        int varStart = start + VARIABLE_BLOCK_START;
        int end = varStart;

        String rawText = null;
        if ((nullBits & 0x01) != 0) {
            in.seek(in.variableFieldPosition("FormattedMessage.rawText", start + 6, varStart));
            rawText = in.readVarString("FormattedMessage.rawText", MAX_STRING_BYTES);
            end = Math.max(end, in.position());
        }
        String messageId = null;
        if ((nullBits & 0x02) != 0) {
            in.seek(in.variableFieldPosition("FormattedMessage.messageId", start + 10, varStart));
            messageId = in.readVarString("FormattedMessage.messageId", MAX_STRING_BYTES);
            end = Math.max(end, in.position());
        }
        List<FormattedMessage> children = null;
        if ((nullBits & 0x04) != 0) {
            in.seek(in.variableFieldPosition("FormattedMessage.children", start + 14, varStart));
            int count = in.readCount("FormattedMessage.children", MAX_ELEMENTS, VARIABLE_BLOCK_START);
            FormattedMessage[] items = new FormattedMessage[count];
            for (int i = 0; i < count; i++) {
                items[i] = read(in, depth + 1);
            }
            children = List.of(items);
            end = Math.max(end, in.position());
        }
        Map<String, ParamValue> params = null;
        if ((nullBits & 0x08) != 0) {
            in.seek(in.variableFieldPosition("FormattedMessage.params", start + 18, varStart));
            int count = in.readCount("FormattedMessage.params", MAX_ELEMENTS, 2);
            params = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String key = in.readVarString("FormattedMessage.params.key", MAX_STRING_BYTES);
                if (params.put(key, ParamValue.read(in)) != null) {
                    throw new ProtocolException("FormattedMessage.params: duplicate key");
                }
            }
            end = Math.max(end, in.position());
        }
        Map<String, FormattedMessage> messageParams = null;
        if ((nullBits & 0x10) != 0) {
            in.seek(in.variableFieldPosition("FormattedMessage.messageParams", start + 22, varStart));
            int count = in.readCount("FormattedMessage.messageParams", MAX_ELEMENTS, 1 + VARIABLE_BLOCK_START);
            messageParams = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String key = in.readVarString("FormattedMessage.messageParams.key", MAX_STRING_BYTES);
                if (messageParams.put(key, read(in, depth + 1)) != null) {
                    throw new ProtocolException("FormattedMessage.messageParams: duplicate key");
                }
            }
            end = Math.max(end, in.position());
        }
        String color = null;
        if ((nullBits & 0x20) != 0) {
            in.seek(in.variableFieldPosition("FormattedMessage.color", start + 26, varStart));
            color = in.readVarString("FormattedMessage.color", MAX_STRING_BYTES);
            end = Math.max(end, in.position());
        }
        String link = null;
        if ((nullBits & 0x40) != 0) {
            in.seek(in.variableFieldPosition("FormattedMessage.link", start + 30, varStart));
            link = in.readVarString("FormattedMessage.link", MAX_STRING_BYTES);
            end = Math.max(end, in.position());
        }
        in.seek(end);
        return new FormattedMessage(rawText, messageId, children, params, messageParams, color,
                bold, italic, monospace, underlined, link, markupEnabled);
    }

    public void write(ByteBuf buf) {
        int nullBits = 0;
        if (rawText != null) nullBits |= 0x01;
        if (messageId != null) nullBits |= 0x02;
        if (children != null) nullBits |= 0x04;
        if (params != null) nullBits |= 0x08;
        if (messageParams != null) nullBits |= 0x10;
        if (color != null) nullBits |= 0x20;
        if (link != null) nullBits |= 0x40;
        buf.writeByte(nullBits);
        buf.writeByte(bold.value());
        buf.writeByte(italic.value());
        buf.writeByte(monospace.value());
        buf.writeByte(underlined.value());
        PayloadWriter.writeBool(buf, markupEnabled);
        OffsetTable offsets = OffsetTable.reserve(buf, 7);
        if (rawText != null) {
            offsets.present(0);
            PayloadWriter.writeVarString(buf, rawText, MAX_STRING_BYTES, "FormattedMessage.rawText");
        } else {
            offsets.absent(0);
        }
        if (messageId != null) {
            offsets.present(1);
            PayloadWriter.writeVarString(buf, messageId, MAX_STRING_BYTES, "FormattedMessage.messageId");
        } else {
            offsets.absent(1);
        }
        if (children != null) {
            offsets.present(2);
            PayloadWriter.writeCount(buf, children.size(), MAX_ELEMENTS, "FormattedMessage.children");
            for (FormattedMessage child : children) {
                child.write(buf);
            }
        } else {
            offsets.absent(2);
        }
        if (params != null) {
            offsets.present(3);
            PayloadWriter.writeCount(buf, params.size(), MAX_ELEMENTS, "FormattedMessage.params");
            for (Map.Entry<String, ParamValue> e : params.entrySet()) {
                PayloadWriter.writeVarString(buf, e.getKey(), MAX_STRING_BYTES, "FormattedMessage.params.key");
                e.getValue().write(buf);
            }
        } else {
            offsets.absent(3);
        }
        if (messageParams != null) {
            offsets.present(4);
            PayloadWriter.writeCount(buf, messageParams.size(), MAX_ELEMENTS, "FormattedMessage.messageParams");
            for (Map.Entry<String, FormattedMessage> e : messageParams.entrySet()) {
                PayloadWriter.writeVarString(buf, e.getKey(), MAX_STRING_BYTES, "FormattedMessage.messageParams.key");
                e.getValue().write(buf);
            }
        } else {
            offsets.absent(4);
        }
        if (color != null) {
            offsets.present(5);
            PayloadWriter.writeVarString(buf, color, MAX_STRING_BYTES, "FormattedMessage.color");
        } else {
            offsets.absent(5);
        }
        if (link != null) {
            offsets.present(6);
            PayloadWriter.writeVarString(buf, link, MAX_STRING_BYTES, "FormattedMessage.link");
        } else {
            offsets.absent(6);
        }
    }
}
