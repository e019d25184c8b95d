package io.gatehouse.hytale.protocol;

/**
 * Disconnect reasons as the official server words them, so players see the texts they know. Sources are the
 * decompiled server classes cited in the reference (§1.4, §5.2, §6).
 */
public final class DisconnectReasons {

    private DisconnectReasons() {
    }

    /** ALPN below hytale/2 on a v2 server; followed 100 ms later by app close 5 ({@code HytaleChannelInitializer}). */
    public static final String CLIENT_NEEDS_UPDATE = "Your game client needs to be updated.";
    /** Read inactivity; followed by app close 4 ({@code HytaleChannelInitializer.ExceptionHandler}). */
    public static final String READ_TIMEOUT = "Read timeout";
    /** Stage deadline ({@code PacketHandler.setStageTimeout}). */
    public static final String STAGE_TIMEOUT =
            "Either you took too long to login or we took too long to process your request! Retry again in a moment.";
    /** Authenticated mode, Connect without identity token ({@code InitialPacketHandler}). */
    public static final String AUTHENTICATION_REQUIRED = "This server requires authentication!";
    /** Over the player limit ({@code AuthenticationPacketHandler}). */
    public static final String TOO_MANY_PLAYERS = "Too many players!";
    /** Third wrong password ({@code PasswordPacketHandler}, MAX_PASSWORD_ATTEMPTS = 3). */
    public static final String TOO_MANY_PASSWORD_ATTEMPTS = "Too many failed password attempts";
    /** AuthToken without serverAuthorizationGrant ({@code HandshakeHandler}). */
    public static final String MUTUAL_AUTH_REQUIRED = "Mutual authentication required - please update your client";
    /** Session service refused the grant ({@code HandshakeHandler}). */
    public static final String AUTH_GRANT_FAILED = "Failed to obtain authorization grant from session service";
    /** Editor client on a server without editor support ({@code InitialPacketHandler}). */
    public static final String EDITOR_NOT_SUPPORTED = "Editor isn't supported on this server!";
    /** Same account logged in again from the same origin: the old session is kicked ({@code SetupPacketHandler}). */
    public static final String LOGGED_IN_AGAIN = "You logged in again with the account!";
    /** Same account already online from another origin: the new session is refused ({@code SetupPacketHandler}). */
    public static final String ALREADY_LOGGED_IN = "You are already logged in on that account!";
    /** Identity token over TCP ({@code InitialPacketHandler}). */
    public static final String TCP_INSECURE_ONLY =
            "TCP connections only support insecure authentication. Use QUIC for authenticated connections.";
    /** Duplicate or out-of-state AuthToken ({@code HandshakeHandler}). */
    public static final String UNEXPECTED_AUTH_TOKEN = "Protocol error: unexpected AuthToken packet";

    /** A packet the current stage does not accept ({@code PacketHandler}). */
    public static String unexpectedPacket(int packetId) {
        return "Protocol error: unexpected packet " + packetId;
    }

    /** v1 protocol-hash mismatch, sent in-band ([A]@c44ab5a1 {@code InitialPacketHandler}). */
    public static String incompatibleProtocol(String serverHash, String clientHash) {
        return "Incompatible protocol!\nServer: " + serverHash + "\nClient: " + clientHash;
    }
}
