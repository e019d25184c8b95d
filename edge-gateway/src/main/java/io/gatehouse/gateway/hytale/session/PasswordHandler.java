package io.gatehouse.gateway.hytale.session;

import com.google.protobuf.ByteString;
import io.gatehouse.contracts.auth.v1.CheckPasswordRequest;
import io.gatehouse.hytale.protocol.io.Bytes;
import io.gatehouse.hytale.protocol.packet.Packet;
import io.gatehouse.hytale.protocol.packet.auth.PasswordAccepted;
import io.gatehouse.hytale.protocol.packet.auth.PasswordRejected;
import io.gatehouse.hytale.protocol.packet.auth.PasswordResponse;

/**
 * Stage "password" ({@code PasswordPacketHandler}): each PasswordResponse is judged by the auth service against the
 * challenge this connection sent last; a rejection carries a fresh challenge and the attempts left (counted
 * cluster-wide, so a reconnect does not reset them); the third failure ends with "Too many failed password attempts".
 */
final class PasswordHandler implements StateHandler {

    private final HytaleConnection connection;
    private byte[] challenge;
    private boolean checking;

    PasswordHandler(HytaleConnection connection, byte[] challenge) {
        this.connection = connection;
        this.challenge = challenge;
    }

    @Override
    public ConnectionState state() {
        return ConnectionState.PASSWORD;
    }

    @Override
    public void activated() {
        connection.stageTimeout(connection.properties().getTimeouts().getPassword());
    }

    @Override
    public void handle(Packet packet) {
        if (!(packet instanceof PasswordResponse response)) {
            connection.unexpected(packet);
            return;
        }
        if (checking) {
            connection.fail(HytaleJoinMetrics.FailureReason.PROTOCOL_ERROR);
            connection.disconnect(ServiceFailures.UNEXPECTED_PASSWORD_RESPONSE);
            return;
        }
        checking = true;
        CheckPasswordRequest request = CheckPasswordRequest.newBuilder()
                .setClient(connection.client())
                .setChallenge(ByteString.copyFrom(challenge))
                .setHash(response.hash() == null ? ByteString.EMPTY : ByteString.copyFrom(response.hash().toByteArray()))
                .build();
        connection.await(connection.manager().auth().checkPassword(request), (reply, error) -> {
            checking = false;
            if (error != null) {
                connection.fail(ServiceFailures.metricReason(error));
                connection.disconnect(ServiceFailures.authReason(error));
                return;
            }
            if (reply.hasAccepted()) {
                connection.sendAndFlush(PasswordAccepted.INSTANCE);
                connection.activate(new SetupHandler(connection));
                return;
            }
            challenge = reply.getRejected().getNewChallenge().toByteArray();
            connection.sendAndFlush(new PasswordRejected(Bytes.of(challenge), reply.getRejected().getAttemptsRemaining()));
            connection.stageTimeout(connection.properties().getTimeouts().getPassword());
        });
    }
}
