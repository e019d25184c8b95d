package io.gatehouse.hytale.protocol.registry;

import io.gatehouse.hytale.protocol.packet.auth.AuthGrant;
import io.gatehouse.hytale.protocol.packet.auth.AuthToken;
import io.gatehouse.hytale.protocol.packet.auth.ClientReferral;
import io.gatehouse.hytale.protocol.packet.auth.ConnectAccept;
import io.gatehouse.hytale.protocol.packet.auth.PasswordAccepted;
import io.gatehouse.hytale.protocol.packet.auth.PasswordRejected;
import io.gatehouse.hytale.protocol.packet.auth.PasswordResponse;
import io.gatehouse.hytale.protocol.packet.auth.ServerAuthToken;
import io.gatehouse.hytale.protocol.packet.connection.Connect;
import io.gatehouse.hytale.protocol.packet.connection.ConnectV1;
import io.gatehouse.hytale.protocol.packet.connection.ConnectV2;
import io.gatehouse.hytale.protocol.packet.connection.Disconnect;
import io.gatehouse.hytale.protocol.packet.connection.Ping;
import io.gatehouse.hytale.protocol.packet.connection.Pong;
import io.gatehouse.hytale.protocol.packet.join.ClientReady;
import io.gatehouse.hytale.protocol.packet.join.JoinWorld;
import io.gatehouse.hytale.protocol.packet.join.SetClientId;
import io.gatehouse.hytale.protocol.packet.setup.AssetFinalize;
import io.gatehouse.hytale.protocol.packet.setup.AssetInitialize;
import io.gatehouse.hytale.protocol.packet.setup.AssetPart;
import io.gatehouse.hytale.protocol.packet.setup.PlayerOptions;
import io.gatehouse.hytale.protocol.packet.setup.RequestAssets;
import io.gatehouse.hytale.protocol.packet.setup.RequestCommonAssetsRebuild;
import io.gatehouse.hytale.protocol.packet.setup.ServerInfo;
import io.gatehouse.hytale.protocol.packet.setup.ServerTags;
import io.gatehouse.hytale.protocol.packet.setup.ViewRadius;
import io.gatehouse.hytale.protocol.packet.setup.WorldLoadFinished;
import io.gatehouse.hytale.protocol.packet.setup.WorldLoadProgress;
import io.gatehouse.hytale.protocol.packet.setup.WorldLoadProgressV1;
import io.gatehouse.hytale.protocol.packet.setup.WorldSettings;

/**
 * The four registries: {v1, v2 build 20} × {to server, to client}. Only Connect and WorldLoadProgress differ between
 * the versions among the modelled packets; the catalogues differ in a few limits of unmodelled ones.
 */
public final class PacketRegistries {

    public static final PacketRegistry V1_TO_SERVER = toServer(ProtocolVersion.V1);
    public static final PacketRegistry V1_TO_CLIENT = toClient(ProtocolVersion.V1);
    public static final PacketRegistry V2_TO_SERVER = toServer(ProtocolVersion.V2);
    public static final PacketRegistry V2_TO_CLIENT = toClient(ProtocolVersion.V2);

    private PacketRegistries() {
    }

    public static PacketRegistry of(ProtocolVersion version, Direction direction) {
        return switch (direction) {
            case TO_SERVER -> version == ProtocolVersion.V1 ? V1_TO_SERVER : V2_TO_SERVER;
            case TO_CLIENT -> version == ProtocolVersion.V1 ? V1_TO_CLIENT : V2_TO_CLIENT;
            case BOTH -> throw new IllegalArgumentException("A registry serves one direction");
        };
    }

    private static PacketRegistry toServer(ProtocolVersion version) {
        PacketRegistry.Builder b = PacketRegistry.builder(version, Direction.TO_SERVER, PacketCatalog.forVersion(version));
        if (version == ProtocolVersion.V1) {
            b.register(Connect.ID, ConnectV1.class, ConnectV1::decode);
        } else {
            b.register(Connect.ID, ConnectV2.class, ConnectV2::decode);
        }
        return b
                .register(Disconnect.ID, Disconnect.class, Disconnect::decode)
                .register(Pong.ID, Pong.class, Pong::decode)
                .register(AuthToken.ID, AuthToken.class, AuthToken::decode)
                .register(PasswordResponse.ID, PasswordResponse.class, PasswordResponse::decode)
                .register(RequestAssets.ID, RequestAssets.class, RequestAssets::decode)
                .register(ViewRadius.ID, ViewRadius.class, ViewRadius::decode)
                .register(PlayerOptions.ID, PlayerOptions.class, PlayerOptions::decode)
                .register(ClientReady.ID, ClientReady.class, ClientReady::decode)
                .build();
    }

    private static PacketRegistry toClient(ProtocolVersion version) {
        PacketRegistry.Builder b = PacketRegistry.builder(version, Direction.TO_CLIENT, PacketCatalog.forVersion(version));
        if (version == ProtocolVersion.V1) {
            b.register(WorldLoadProgressV1.ID, WorldLoadProgressV1.class, WorldLoadProgressV1::decode);
        } else {
            b.register(WorldLoadProgress.ID, WorldLoadProgress.class, WorldLoadProgress::decode);
        }
        return b
                .register(Disconnect.ID, Disconnect.class, Disconnect::decode)
                .register(Ping.ID, Ping.class, Ping::decode)
                .register(AuthGrant.ID, AuthGrant.class, AuthGrant::decode)
                .register(ServerAuthToken.ID, ServerAuthToken.class, ServerAuthToken::decode)
                .register(ConnectAccept.ID, ConnectAccept.class, ConnectAccept::decode)
                .register(PasswordAccepted.ID, PasswordAccepted.class, PasswordAccepted::decode)
                .register(PasswordRejected.ID, PasswordRejected.class, PasswordRejected::decode)
                .register(ClientReferral.ID, ClientReferral.class, ClientReferral::decode)
                .register(WorldSettings.ID, WorldSettings.class, WorldSettings::decode)
                .register(WorldLoadFinished.ID, WorldLoadFinished.class, WorldLoadFinished::decode)
                .register(AssetInitialize.ID, AssetInitialize.class, AssetInitialize::decode)
                .register(AssetPart.ID, AssetPart.class, AssetPart::decode)
                .register(AssetFinalize.ID, AssetFinalize.class, AssetFinalize::decode)
                .register(RequestCommonAssetsRebuild.ID, RequestCommonAssetsRebuild.class, RequestCommonAssetsRebuild::decode)
                .register(ViewRadius.ID, ViewRadius.class, ViewRadius::decode)
                .register(ServerTags.ID, ServerTags.class, ServerTags::decode)
                .register(ServerInfo.ID, ServerInfo.class, ServerInfo::decode)
                .register(SetClientId.ID, SetClientId.class, SetClientId::decode)
                .register(JoinWorld.ID, JoinWorld.class, JoinWorld::decode)
                .build();
    }
}
