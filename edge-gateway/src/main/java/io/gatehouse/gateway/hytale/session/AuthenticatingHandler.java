package io.gatehouse.gateway.hytale.session;

import io.gatehouse.contracts.auth.v1.BeginLoginReply;
import io.gatehouse.contracts.auth.v1.BeginLoginRequest;
import io.gatehouse.contracts.auth.v1.CompleteLoginRequest;
import io.gatehouse.hytale.protocol.DisconnectReasons;
import io.gatehouse.hytale.protocol.io.Bytes;
import io.gatehouse.hytale.protocol.packet.Packet;
import io.gatehouse.hytale.protocol.packet.auth.AuthGrant;
import io.gatehouse.hytale.protocol.packet.auth.AuthToken;
import io.gatehouse.hytale.protocol.packet.auth.ConnectAccept;
import io.gatehouse.hytale.protocol.packet.auth.ServerAuthToken;

/**
 * Stage "auth" ({@code HandshakeHandler} / the insecure branch of {@code InitialPacketHandler}):
 * <pre>
 *   REQUESTING_AUTH_GRANT   BeginLogin → AuthGrant(11) sent            (AuthGrantTimeout)
 *                                      → or ConnectAccept(14) sent (insecure) → password or setup
 *   AWAITING_AUTH_TOKEN     AuthToken(12) received                      (AuthTokenTimeout)
 *   EXCHANGING_SERVER_TOKEN CompleteLogin → ServerAuthToken(13) sent    (AuthServerExchangeTimeout)
 *                                      → password (challenge) or setup
 * </pre>
 * Only AuthToken (and Disconnect) is accepted here.
 */
final class AuthenticatingHandler implements StateHandler {

    private enum Step { REQUESTING_AUTH_GRANT, AWAITING_AUTH_TOKEN, EXCHANGING_SERVER_TOKEN, DONE }

    private final HytaleConnection connection;
    private final String identityToken;
    private Step step = Step.REQUESTING_AUTH_GRANT;

    AuthenticatingHandler(HytaleConnection connection, String identityToken) {
        this.connection = connection;
        this.identityToken = identityToken;
    }

    @Override
    public ConnectionState state() {
        return ConnectionState.AUTHENTICATING;
    }

    @Override
    public void activated() {
        connection.stageTimeout(connection.properties().getTimeouts().getAuthGrant());
        BeginLoginRequest request = BeginLoginRequest.newBuilder()
                .setClient(connection.client())
                .setIdentityToken(identityToken == null ? "" : identityToken)
                .build();
        connection.await(connection.manager().auth().beginLogin(request), (reply, error) -> {
            if (error != null) {
                refuse(error);
                return;
            }
            onBeginLogin(reply);
        });
    }

    private void onBeginLogin(BeginLoginReply reply) {
        if (reply.hasAuthGrant()) {
            step = Step.AWAITING_AUTH_TOKEN;
            connection.sendAndFlush(new AuthGrant(reply.getAuthGrant().getAuthorizationGrant(),
                    reply.getAuthGrant().getServerIdentityToken()));
            connection.stageTimeout(connection.properties().getTimeouts().getAuthToken());
            return;
        }
        step = Step.DONE;
        byte[] challenge = reply.getConnectAccept().getPasswordChallenge().toByteArray();
        connection.sendAndFlush(new ConnectAccept(challenge.length == 0 ? null : Bytes.of(challenge)));
        proceed(challenge);
    }

    @Override
    public void handle(Packet packet) {
        if (!(packet instanceof AuthToken token)) {
            connection.unexpected(packet);
            return;
        }
        if (step == Step.EXCHANGING_SERVER_TOKEN) {
            connection.fail(HytaleJoinMetrics.FailureReason.PROTOCOL_ERROR);
            connection.disconnect(ServiceFailures.DUPLICATE_AUTH_TOKEN);
            return;
        }
        if (step != Step.AWAITING_AUTH_TOKEN) {
            connection.fail(HytaleJoinMetrics.FailureReason.PROTOCOL_ERROR);
            connection.disconnect(DisconnectReasons.UNEXPECTED_AUTH_TOKEN);
            return;
        }
        step = Step.EXCHANGING_SERVER_TOKEN;
        connection.stageTimeout(connection.properties().getTimeouts().getAuthServerExchange());
        CompleteLoginRequest request = CompleteLoginRequest.newBuilder()
                .setClient(connection.client())
                .setAccessToken(token.accessToken() == null ? "" : token.accessToken())
                .setServerAuthorizationGrant(token.serverAuthorizationGrant() == null ? ""
                        : token.serverAuthorizationGrant())
                .build();
        connection.await(connection.manager().auth().completeLogin(request), (reply, error) -> {
            if (error != null) {
                refuse(error);
                return;
            }
            step = Step.DONE;
            byte[] challenge = reply.getPasswordChallenge().toByteArray();
            connection.sendAndFlush(new ServerAuthToken(reply.getServerAccessToken(),
                    challenge.length == 0 ? null : Bytes.of(challenge)));
            proceed(challenge);
        });
    }

    private void proceed(byte[] challenge) {
        if (challenge.length > 0) {
            connection.activate(new PasswordHandler(connection, challenge));
        } else {
            connection.activate(new SetupHandler(connection));
        }
    }

    private void refuse(Throwable error) {
        connection.fail(ServiceFailures.metricReason(error));
        connection.disconnect(ServiceFailures.authReason(error));
    }
}
