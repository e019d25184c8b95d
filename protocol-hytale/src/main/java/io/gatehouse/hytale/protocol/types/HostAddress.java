package io.gatehouse.hytale.protocol.types;

import io.gatehouse.hytale.protocol.ProtocolException;
import io.gatehouse.hytale.protocol.io.PayloadReader;
import io.gatehouse.hytale.protocol.io.PayloadWriter;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * {@code protocol/HostAddress.java}: {@code port} int16 LE first, then {@code host} VarString UTF-8 (at most 256 bytes).
 * The port is a Java short on the wire; ports above 32767 are carried as their unsigned value here.
 */
public record HostAddress(String host, int port) {

    public static final int MAX_HOST_BYTES = 256;

    public HostAddress {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 0xFFFF) {
            throw new ProtocolException("Port out of range: " + port);
        }
    }

    public static HostAddress read(PayloadReader in) {
        int port = in.readShortLE("HostAddress.port") & 0xFFFF;
        return new HostAddress(in.readVarString("HostAddress.host", MAX_HOST_BYTES), port);
    }

    public void write(ByteBuf buf) {
        buf.writeShortLE(port);
        PayloadWriter.writeVarString(buf, host, MAX_HOST_BYTES, "HostAddress.host");
    }
}
