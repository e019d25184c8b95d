package io.gatehouse.gateway.fivem.udp;

import io.gatehouse.fivem.protocol.FivemProtocolException;
import io.gatehouse.fivem.protocol.net.Handshake;
import io.gatehouse.fivem.protocol.net.MessageType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/**
 * Awaiting the client's {@code u32 1} + {@code token=<t>&guid=<g>} (reference §5.4). Anything else is ignored, as
 * FXServer ignores packets of a peer no client is bound to; so is a handshake missing either field.
 */
final class HandshakeHandler implements FivemPeerHandler {

    /** A real handshake is ~80 bytes; anything far larger is not one. */
    private static final int MAX_HANDSHAKE = 1024;
    private static final int MAX_GUID = 128;

    private final FivemPeerSessions sessions;

    HandshakeHandler(FivemPeerSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public void onMessage(FivemPeerConnection connection, int channelId, ByteBuf payload) {
        int length = payload.readableBytes();
        if (length < 4 || length > MAX_HANDSHAKE || payload.getIntLE(payload.readerIndex()) != MessageType.CONNECT_TYPE) {
            return;
        }
        Handshake handshake;
        try {
            handshake = Handshake.decode(ByteBufUtil.getBytes(payload));
        } catch (FivemProtocolException | IllegalArgumentException malformed) {
            return;
        }
        String token = handshake.token().orElse("");
        String guid = handshake.guid().orElse("");
        if (token.isEmpty() || !plausibleGuid(guid)) {
            return; // FXServer: GetClientByGuid finds nothing, so nothing happens
        }
        sessions.beginBind(connection, guid, token);
    }

    /** The registry's key rules (printable, no separators); anything else cannot name a session. */
    static boolean plausibleGuid(String guid) {
        if (guid.isEmpty() || guid.length() > MAX_GUID) {
            return false;
        }
        for (int i = 0; i < guid.length(); i++) {
            char c = guid.charAt(i);
            if (c <= 0x20 || c == 0x7F) {
                return false;
            }
        }
        return true;
    }
}
