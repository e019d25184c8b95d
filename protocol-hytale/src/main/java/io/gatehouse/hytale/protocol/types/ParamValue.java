package io.gatehouse.hytale.protocol.types;

import io.gatehouse.hytale.protocol.ProtocolException;
import io.gatehouse.hytale.protocol.io.PayloadReader;
import io.gatehouse.hytale.protocol.io.PayloadWriter;
import io.gatehouse.hytale.protocol.io.VarInt;
import io.netty.buffer.ByteBuf;

/**
 * A {@link FormattedMessage} parameter, written with a VarInt type id ({@code ParamValue.serializeWithTypeId}):
 * 0 String (null bits + optional VarString), 1 Bool, 2 Double, 3 Int, 4 Long (fixed little-endian).
 */
public sealed interface ParamValue {

    int MAX_STRING_BYTES = 4_096_000;

    int typeId();

    void writeBody(ByteBuf buf);

    default void write(ByteBuf buf) {
        VarInt.write(buf, typeId());
        writeBody(buf);
    }

    static ParamValue read(PayloadReader in) {
        int typeId = in.readVarInt("ParamValue.typeId");
        return switch (typeId) {
            case 0 -> {
                byte nullBits = in.readByte("StringParamValue.nullBits");
                yield new StringParam((nullBits & 1) != 0 ? in.readVarString("StringParamValue.value", MAX_STRING_BYTES) : null);
            }
            case 1 -> new BoolParam(in.readBool("BoolParamValue.value"));
            case 2 -> new DoubleParam(in.readDoubleLE("DoubleParamValue.value"));
            case 3 -> new IntParam(in.readIntLE("IntParamValue.value"));
            case 4 -> new LongParam(in.readLongLE("LongParamValue.value"));
            default -> throw new ProtocolException("Unknown ParamValue type id " + typeId);
        };
    }

    record StringParam(String value) implements ParamValue {
        public int typeId() {
            return 0;
        }

        public void writeBody(ByteBuf buf) {
            buf.writeByte(value != null ? 1 : 0);
            if (value != null) {
                PayloadWriter.writeVarString(buf, value, MAX_STRING_BYTES, "StringParamValue.value");
            }
        }
    }

    record BoolParam(boolean value) implements ParamValue {
        public int typeId() {
            return 1;
        }

        public void writeBody(ByteBuf buf) {
            PayloadWriter.writeBool(buf, value);
        }
    }

    record DoubleParam(double value) implements ParamValue {
        public int typeId() {
            return 2;
        }

        public void writeBody(ByteBuf buf) {
            buf.writeDoubleLE(value);
        }
    }

    record IntParam(int value) implements ParamValue {
        public int typeId() {
            return 3;
        }

        public void writeBody(ByteBuf buf) {
            buf.writeIntLE(value);
        }
    }

    record LongParam(long value) implements ParamValue {
        public int typeId() {
            return 4;
        }

        public void writeBody(ByteBuf buf) {
            buf.writeLongLE(value);
        }
    }
}
