package io.gatehouse.gateway.hytale.session;

import io.gatehouse.gateway.hytale.transport.HytaleCloseCodes;
import io.gatehouse.gateway.hytale.transport.HytaleConnectionContext;
import io.gatehouse.gateway.hytale.transport.HytaleStreamInitializer;
import io.gatehouse.hytale.protocol.DisconnectReasons;
import io.gatehouse.hytale.protocol.netty.CodecState;
import io.gatehouse.hytale.protocol.netty.HytaleCodec;
import io.gatehouse.hytale.protocol.packet.connection.Disconnect;
import io.gatehouse.hytale.protocol.registry.ProtocolVersion;
import io.netty.handler.codec.quic.QuicStreamChannel;
import java.util.concurrent.TimeUnit;

/**
 * Installs the Hytale codec for the negotiated version and the connection's state machine on the client's stream.
 *
 * <p>This edge serves {@code hytale/1} with the v1 layout (the seed's) as well as {@code hytale/2}, so ALPN 1 is not
 * turned away as on the official build 20. An ALPN this edge has no registry for (misconfigured list) is answered
 * as the official server answers a too-old one: Disconnect("Your game client needs to be updated.") and 100 ms
 * later application close 5 (6 for a version newer than ours).
 */
public final class HytaleSessionStreamInitializer implements HytaleStreamInitializer {

    public static final String SESSION_HANDLER = "hytale-session";
    static final long UNSUPPORTED_VERSION_CLOSE_DELAY_MS = 100;

    private final HytaleSessionManager manager;

    public HytaleSessionStreamInitializer(HytaleSessionManager manager) {
        this.manager = manager;
    }

    @Override
    public void initStream(QuicStreamChannel stream, HytaleConnectionContext context) {
        int version = context.protocolVersion();
        if (version != 1 && version != 2) {
            rejectVersion(stream, context, version);
            return;
        }
        CodecState codec = HytaleCodec.installServer(stream.pipeline(),
                version == 1 ? ProtocolVersion.V1 : ProtocolVersion.V2);
        HytaleConnection connection = manager.open(stream, context, codec);
        stream.pipeline().addLast(SESSION_HANDLER, new HytalePacketHandler(connection));
        connection.activate(new InitialHandler(connection));
    }

    private static void rejectVersion(QuicStreamChannel stream, HytaleConnectionContext context, int version) {
        HytaleCodec.installServer(stream.pipeline(), ProtocolVersion.V2);
        int code = version > 2 ? HytaleCloseCodes.SERVER_OUTDATED : HytaleCloseCodes.CLIENT_OUTDATED;
        stream.writeAndFlush(Disconnect.withReason(DisconnectReasons.CLIENT_NEEDS_UPDATE));
        stream.eventLoop().schedule(() -> context.closeApplication(code, ""), UNSUPPORTED_VERSION_CLOSE_DELAY_MS,
                TimeUnit.MILLISECONDS);
    }
}
