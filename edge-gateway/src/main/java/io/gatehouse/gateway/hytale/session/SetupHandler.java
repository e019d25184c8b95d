package io.gatehouse.gateway.hytale.session;

import io.gatehouse.contracts.session.v1.Holder;
import io.gatehouse.contracts.world.v1.HytaleJoinRequest;
import io.gatehouse.contracts.world.v1.HytaleSetupRequest;
import io.gatehouse.hytale.protocol.packet.Packet;
import io.gatehouse.hytale.protocol.packet.setup.PlayerOptions;
import io.gatehouse.hytale.protocol.packet.setup.RequestAssets;
import io.gatehouse.hytale.protocol.packet.setup.ViewRadius;
import io.gatehouse.hytale.protocol.types.Asset;
import java.util.List;

/**
 * Stage "setup" ({@code SetupPacketHandler}, §6.5), in the official order:
 * <ol>
 *   <li>register the session (uuid → this gateway); an older session with the same uuid is dropped, and if it is on
 *       this gateway its player gets "You logged in again with the account!";</li>
 *   <li>WorldSettings + ServerInfo (SetupWorldSettings);</li>
 *   <li>RequestAssets (SetupAssetsRequest), then the assets (SetupSendAssets); ViewRadius and PlayerOptions may
 *       arrive meanwhile, PlayerOptions only after RequestAssets;</li>
 *   <li>with the assets sent and PlayerOptions in: WorldLoadFinished and JoinWorld (SetupAddToUniverse) → play.</li>
 * </ol>
 * Accepts only RequestAssets, ViewRadius and PlayerOptions (and Disconnect).
 */
final class SetupHandler implements StateHandler {

    private final HytaleConnection connection;
    private boolean worldSettingsSent;
    private AssetTransfer transfer;
    private boolean assetsDone;
    private int assetsSent;
    private boolean playerOptions;
    private boolean joining;
    private int viewRadius;

    SetupHandler(HytaleConnection connection) {
        this.connection = connection;
    }

    @Override
    public ConnectionState state() {
        return ConnectionState.SETUP;
    }

    @Override
    public void activated() {
        connection.stageTimeout(connection.properties().getTimeouts().getSetupWorldSettings());
        HytaleSessionManager manager = connection.manager();
        Holder holder = Holder.newBuilder()
                .setGatewayId(manager.gatewayId())
                .setPeerId(connection.peerId())
                .setPeerEndpoint(connection.endpoint())
                .build();
        connection.await(manager.registry().register(connection.uuid().toString(), connection.username(),
                connection.endpoint(), holder), (registration, error) -> {
            if (error != null) {
                connection.fail(ServiceFailures.metricReason(error));
                connection.disconnect(ServiceFailures.SERVER_UNAVAILABLE);
                return;
            }
            connection.registration(registration);
            manager.registered(connection);
            registration.replacedHolder().ifPresent(manager::replaced);
            sendWorldSettings();
        });
    }

    private void sendWorldSettings() {
        HytaleSetupRequest request = HytaleSetupRequest.newBuilder()
                .setUuid(connection.uuid().toString())
                .setUsername(connection.username())
                .setProtocolVersion(connection.context().protocolVersion())
                .setGatewayId(connection.manager().gatewayId())
                .setLanguage(connection.language())
                .build();
        connection.await(connection.manager().world().setup(request), (packets, error) -> {
            if (error != null) {
                connection.fail(ServiceFailures.metricReason(error));
                connection.disconnect(ServiceFailures.SERVER_UNAVAILABLE);
                return;
            }
            connection.sendAll(packets);
            worldSettingsSent = true;
            connection.stageTimeout(connection.properties().getTimeouts().getSetupAssetsRequest());
        });
    }

    @Override
    public void handle(Packet packet) {
        if (packet instanceof RequestAssets request && worldSettingsSent && transfer == null) {
            connection.stageTimeout(connection.properties().getTimeouts().getSetupSendAssets());
            List<String> hashes = request.assets().stream().map(Asset::hash).distinct().toList();
            transfer = new AssetTransfer(connection, hashes, this::assetsSent);
            transfer.start();
        } else if (packet instanceof ViewRadius radius) {
            viewRadius = radius.value();
        } else if (packet instanceof PlayerOptions && transfer != null && !playerOptions) {
            playerOptions = true;
            maybeJoin();
        } else {
            connection.unexpected(packet);
        }
    }

    private void assetsSent(int count) {
        assetsDone = true;
        assetsSent = count;
        maybeJoin();
    }

    private void maybeJoin() {
        if (!assetsDone || !playerOptions || joining) {
            return;
        }
        joining = true;
        connection.stageTimeout(connection.properties().getTimeouts().getSetupAddToUniverse());
        HytaleJoinRequest request = HytaleJoinRequest.newBuilder()
                .setUuid(connection.uuid().toString())
                .setProtocolVersion(connection.context().protocolVersion())
                .setViewRadius(viewRadius)
                .setAssetsSent(assetsSent)
                .build();
        connection.await(connection.manager().world().join(request), (packets, error) -> {
            if (error != null) {
                connection.fail(ServiceFailures.metricReason(error));
                connection.disconnect(ServiceFailures.SERVER_UNAVAILABLE);
                return;
            }
            connection.sendAll(packets);
            connection.activate(new PlayHandler(connection));
        });
    }

    @Override
    public void writable() {
        if (transfer != null) {
            transfer.writable();
        }
    }

    @Override
    public void closed() {
        if (transfer != null) {
            transfer.cancel();
        }
    }
}
