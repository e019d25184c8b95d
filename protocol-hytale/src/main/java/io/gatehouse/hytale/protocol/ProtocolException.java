package io.gatehouse.hytale.protocol;

import io.netty.handler.codec.DecoderException;

/**
 * The one failure type of this module: malformed or oversized input, or a value that cannot be encoded.
 *
 * <p>It extends Netty's {@link DecoderException} so that {@code ByteToMessageDecoder} and
 * {@code MessageToMessageDecoder} rethrow it unwrapped: a handler's {@code exceptionCaught} sees this type directly
 * and can close the QUIC connection with PROTOCOL_VIOLATION, as the official server does.
 */
public class ProtocolException extends DecoderException {

    public ProtocolException(String message) {
        super(message);
    }

    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }

    public static ProtocolException stringTooLong(String field, int length, int max) {
        return new ProtocolException(field + " is " + length + " bytes, max " + max);
    }

    public static ProtocolException arrayTooLong(String field, int count, int max) {
        return new ProtocolException(field + " has " + count + " elements, max " + max);
    }

    public static ProtocolException bufferTooSmall(String field, int needed, int available) {
        return new ProtocolException(field + " needs " + needed + " bytes, only " + available + " left");
    }
}
