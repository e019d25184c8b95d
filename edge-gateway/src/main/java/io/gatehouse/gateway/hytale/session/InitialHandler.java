package io.gatehouse.gateway.hytale.session;

import io.gatehouse.gateway.hytale.session.HytaleJoinMetrics.FailureReason;
import io.gatehouse.hytale.protocol.DisconnectReasons;
import io.gatehouse.hytale.protocol.VersionCheck;
import io.gatehouse.hytale.protocol.packet.Packet;
import io.gatehouse.hytale.protocol.packet.connection.ClientType;
import io.gatehouse.hytale.protocol.packet.connection.Connect;
import java.util.Optional;

/**
 * Stage "initial" ({@code InitialPacketHandler}): only Connect is accepted. Version check first (v2 CRC mismatch →
 * application close 5/6 with the server version as reason phrase and no Disconnect; v1 hash mismatch → in-band
 * Disconnect), then editor clients are turned away, then the login begins.
 */
final class InitialHandler implements StateHandler {

    /** Official default when a v1 client omits its language. */
    static final String DEFAULT_LANGUAGE = "en-US";

    private final HytaleConnection connection;

    InitialHandler(HytaleConnection connection) {
        this.connection = connection;
    }

    @Override
    public ConnectionState state() {
        return ConnectionState.HANDSHAKING;
    }

    @Override
    public void activated() {
        connection.stageTimeout(connection.properties().getTimeouts().getInitial());
    }

    @Override
    public void handle(Packet packet) {
        if (!(packet instanceof Connect connect)) {
            connection.unexpected(packet);
            return;
        }
        Optional<VersionCheck.Rejection> rejection = connection.manager().versionCheck().check(connect);
        connection.identify(connect.uuid(), connect.username(),
                connect.language() == null ? DEFAULT_LANGUAGE : connect.language(), connect.clientType().value());
        if (rejection.isPresent()) {
            connection.fail(FailureReason.VERSION_MISMATCH);
            VersionCheck.Rejection r = rejection.get();
            if (r.disconnect().isPresent()) {
                connection.disconnect(r.disconnect().get().reason(), r.closeCode().code());
            } else {
                connection.closeNow(r.closeCode().code(), connection.properties().getServerVersion());
            }
            return;
        }
        if (connect.clientType() == ClientType.EDITOR) {
            connection.fail(FailureReason.REFUSED);
            connection.disconnect(DisconnectReasons.EDITOR_NOT_SUPPORTED);
            return;
        }
        connection.activate(new AuthenticatingHandler(connection, connect.identityToken()));
    }
}
