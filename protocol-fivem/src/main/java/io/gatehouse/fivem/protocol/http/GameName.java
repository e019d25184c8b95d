package io.gatehouse.fivem.protocol.http;

/** The games FXServer can host, with the {@code gameName}/{@code gn} strings clients use. */
public enum GameName {
    GTA4("gta4"),
    GTA5("gta5"),
    RDR3("rdr3");

    private final String id;

    GameName(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** FXServer's check: GTA5 also accepts an empty (missing) gameName. */
    public boolean accepts(String sentGameName) {
        return id.equals(sentGameName) || (this == GTA5 && sentGameName.isEmpty());
    }

    /** Whether initConnect enforces the game build for this game. */
    public boolean enforcesBuild() {
        return this == GTA5 || this == RDR3;
    }
}
