package io.gatehouse.registry.core;

/**
 * A session that was dropped because a newer one took its key. If {@code session.holder()} is set,
 * that gateway must drop the peer with {@link #reason()}.
 */
public record Replaced(Session session, String reason) {

    /** FXServer's text for {@code CLIENT_REPLACED} when the same guid connects again. */
    public static final String RECONNECTING = "Reconnecting";

    public static Replaced reconnecting(Session session) {
        return new Replaced(session, RECONNECTING);
    }
}
