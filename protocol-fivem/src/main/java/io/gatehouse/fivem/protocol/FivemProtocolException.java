package io.gatehouse.fivem.protocol;

/**
 * The only exception this module's decoders and parsers throw for bad input.
 * Messages describe the structural problem only; they never contain tokens, tickets or other secrets.
 */
public class FivemProtocolException extends RuntimeException {

    /** What kind of input was malformed, so callers can choose a close/drop policy without parsing messages. */
    public enum Kind {
        OOB,
        FORM,
        MESSAGE,
        TICKET,
        KEY,
        JSON
    }

    private final Kind kind;

    public FivemProtocolException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public FivemProtocolException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
