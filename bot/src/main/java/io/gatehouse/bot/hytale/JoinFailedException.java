package io.gatehouse.bot.hytale;

/** The join did not complete: what the server said (Disconnect text) and how it closed, at which stage. */
public final class JoinFailedException extends Exception {

    private final String stage;
    private final String disconnectReason;
    private final HytaleBotConnection.Termination termination;

    public JoinFailedException(String stage, String message, String disconnectReason,
            HytaleBotConnection.Termination termination, Throwable cause) {
        super(message, cause);
        this.stage = stage;
        this.disconnectReason = disconnectReason;
        this.termination = termination;
    }

    public String stage() {
        return stage;
    }

    /** The server's Disconnect text, or null if none was received. */
    public String disconnectReason() {
        return disconnectReason;
    }

    /** How the QUIC connection ended, or null if not (yet) known. */
    public HytaleBotConnection.Termination termination() {
        return termination;
    }

    public Long applicationCode() {
        return termination == null ? null : termination.applicationCode();
    }

    public Long transportCode() {
        return termination == null ? null : termination.transportCode();
    }
}
