package io.gatehouse.gateway.fivem.udp;

import io.gatehouse.fivem.protocol.FivemProtocolException;
import io.gatehouse.fivem.protocol.net.ClientMessages;
import io.gatehouse.fivem.protocol.net.MessageType;
import io.gatehouse.fivem.protocol.net.ServerMessages;
import io.gatehouse.enet.DeliveryMode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/**
 * A joined player: every packet already touched the connection (FXServer's {@code Touch()}); msgEnd needs nothing
 * more, msgTimeSyncReq is answered on channel 1, msgRequestObjectIds asks the world, msgIQuit drops the player.
 * The type is read straight from the buffer so the 10-per-second keep-alives allocate nothing. OneSync traffic
 * (routes, clones, events) is not relayed yet and is ignored.
 */
final class ConnectedHandler implements FivemPeerHandler {

    private static final int END = MessageType.MSG_END.hash();
    private static final int TIME_SYNC_REQ = MessageType.MSG_TIME_SYNC_REQ.hash();
    private static final int REQUEST_OBJECT_IDS = MessageType.MSG_REQUEST_OBJECT_IDS.hash();
    private static final int I_QUIT = MessageType.MSG_I_QUIT.hash();

    private final FivemPeerSessions sessions;

    ConnectedHandler(FivemPeerSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public void onMessage(FivemPeerConnection connection, int channelId, ByteBuf payload) {
        int start = payload.readerIndex();
        if (payload.readableBytes() < 4) {
            return;
        }
        int type = payload.getIntLE(start);
        if (type == END) {
            return;
        }
        if (type == TIME_SYNC_REQ) {
            if (payload.readableBytes() >= 12) {
                int requestTime = payload.getIntLE(start + 4);
                int requestSequence = payload.getIntLE(start + 8);
                // epoch ms, truncated to u32 like FXServer's msec(); connectOK carries the same clock
                byte[] reply = ServerMessages.timeSync(requestTime, requestSequence, (int) System.currentTimeMillis());
                connection.peer.send(1, Unpooled.wrappedBuffer(reply), DeliveryMode.RELIABLE);
            }
        } else if (type == REQUEST_OBJECT_IDS) {
            sessions.requestObjectIds(connection);
        } else if (type == I_QUIT) {
            String reason;
            try {
                reason = ((ClientMessages.IQuit) ClientMessages.decode(ByteBufUtil.getBytes(payload))).reason();
            } catch (FivemProtocolException | ClassCastException malformed) {
                return; // FXServer ignores a quit whose reason is out of 2..1024 bytes
            }
            sessions.drop(connection, reason);
        }
    }
}
