package io.gatehouse.registry.core;

import java.util.Objects;

/**
 * Identifies a player's session: the FiveM {@code guid} (decimal u64 text) or the Hytale {@code uuid}.
 * A second session with the same key replaces the first.
 */
public record SessionKey(Game game, String id) {

    private static final int MAX_ID_LENGTH = 128;

    public SessionKey {
        Objects.requireNonNull(game, "game");
        Objects.requireNonNull(id, "id");
        if (id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("session id must have 1.." + MAX_ID_LENGTH + " characters");
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            // storage keys embed the id: keep it printable and free of separators that could alias another key
            if (c <= 0x20 || c == 0x7F) {
                throw new IllegalArgumentException("session id contains whitespace or control characters");
            }
        }
    }

    public static SessionKey fivem(String guid) {
        return new SessionKey(Game.FIVEM, guid);
    }

    public static SessionKey hytale(String uuid) {
        return new SessionKey(Game.HYTALE, uuid);
    }

    /** {@code <game>:<id>}, the form used in storage and logs. */
    public String qualified() {
        return game.code() + ':' + id;
    }

    public static SessionKey parseQualified(String qualified) {
        int colon = qualified.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("not a qualified session key: " + qualified);
        }
        return new SessionKey(Game.fromCode(qualified.substring(0, colon)), qualified.substring(colon + 1));
    }

    @Override
    public String toString() {
        return qualified();
    }
}
