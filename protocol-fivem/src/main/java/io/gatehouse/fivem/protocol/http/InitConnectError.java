package io.gatehouse.fivem.protocol.http;

/** The initConnect checks that can reject a client, in the order FXServer runs them. */
public enum InitConnectError {
    SERVER_STARTING,
    FIELDS_MISSING,
    PROTOCOL_MISMATCH,
    GAME_MISMATCH,
    NAME_PARSE_FAILED,
    /** Any {@link io.gatehouse.fivem.protocol.ticket.TicketFailure} from the ticket verifier. */
    TICKET,
    TICKET_GAME_NAME,
    TICKET_SERVER_ID,
    /** An identity provider's own error (e.g. Steam), sent verbatim. */
    IDENTITY_PROVIDER,
    INSUFFICIENT_IDENTIFIERS,
    INVALID_GAME_BUILD,
    GAME_BUILD_MISMATCH,
    GAME_BUILD_REVISION_MISMATCH,
    /** {@code playerConnecting} was cancelled or a deferral was rejected. */
    REJECTED_BY_RESOURCE;

    public static final String SERVER_STARTING_TEXT = "The server is starting up.";
    public static final String FIELDS_MISSING_TEXT = "fields missing";
    public static final String PROTOCOL_MISMATCH_TEXT = "Client/server version mismatch. Restart your game client to "
            + "update. If that did not help, this server is using too new a version for the current game client.";
    public static final String NAME_PARSE_FAILED_TEXT = "Parsing name failed.";
    public static final String INSUFFICIENT_IDENTIFIERS_TEXT = "You can not join this server due to your identifiers "
            + "being insufficient. Please try starting Steam or another identity provider and try again.";
    /** The default {@code playerConnecting} cancel reason when no kick reason was set. */
    public static final String RESOURCE_PREVENTED_TEXT = "Resource prevented connection.";

    public static String gameMismatch(String sent, String intended) {
        return "Client/Server game mismatch: " + sent + "/" + intended;
    }

    public static String invalidGameBuild(String field) {
        return "Invalid game build has been passed (" + field + ").";
    }

    public static String gameBuildMismatch(String want, String have, GameName game) {
        return "This server requires a different game build (" + want + ") from the one you're using (" + have + ")."
                + (game == GameName.GTA5 ? " Tell the server owner to remove this check." : "");
    }

    public static String gameBuildRevisionMismatch(int build, int revision, int expectedRevision) {
        return "Client/Server game build revision mismatch: you are running game build " + build + " revision "
                + revision + ", while server expects revision " + expectedRevision + ".\n\nFor more information, "
                + "please <a href=\"https://aka.cfx.re/game-build-revision-mismatch\">click here</a>.";
    }
}
