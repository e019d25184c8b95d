package io.gatehouse.registry.core;

/** Which game protocol a session belongs to. Net IDs, slots and rosters are kept per game. */
public enum Game {
    FIVEM("fivem"),
    HYTALE("hytale");

    private final String code;

    Game(String code) {
        this.code = code;
    }

    /** Short stable name used in storage keys. */
    public String code() {
        return code;
    }

    public static Game fromCode(String code) {
        for (Game game : values()) {
            if (game.code.equals(code)) {
                return game;
            }
        }
        throw new IllegalArgumentException("unknown game code: " + code);
    }
}
