package io.gatehouse.world.hytale;

import com.google.protobuf.ByteString;
import io.gatehouse.contracts.world.v1.HytaleJoinRequest;
import io.gatehouse.contracts.world.v1.HytalePacket;
import io.gatehouse.contracts.world.v1.HytalePackets;
import io.gatehouse.contracts.world.v1.HytaleReadyRequest;
import io.gatehouse.contracts.world.v1.HytaleSetupRequest;
import io.gatehouse.contracts.world.v1.HytaleWorldGrpc;
import io.gatehouse.hytale.protocol.ProtocolException;
import io.gatehouse.hytale.protocol.packet.Packet;
import io.gatehouse.hytale.protocol.packet.join.JoinWorld;
import io.gatehouse.hytale.protocol.packet.join.SetClientId;
import io.gatehouse.hytale.protocol.packet.setup.RequestCommonAssetsRebuild;
import io.gatehouse.hytale.protocol.packet.setup.ServerInfo;
import io.gatehouse.hytale.protocol.packet.setup.ServerTags;
import io.gatehouse.hytale.protocol.packet.setup.ViewRadius;
import io.gatehouse.hytale.protocol.packet.setup.WorldLoadFinished;
import io.gatehouse.hytale.protocol.packet.setup.WorldLoadProgress;
import io.gatehouse.hytale.protocol.packet.setup.WorldLoadProgressV1;
import io.gatehouse.hytale.protocol.packet.setup.WorldSettings;
import io.gatehouse.hytale.protocol.registry.Direction;
import io.gatehouse.hytale.protocol.registry.PacketRegistries;
import io.gatehouse.hytale.protocol.registry.PacketRegistry;
import io.gatehouse.hytale.protocol.registry.ProtocolVersion;
import io.gatehouse.hytale.protocol.types.Asset;
import io.gatehouse.hytale.protocol.types.FormattedMessage;
import io.gatehouse.world.assets.AssetCatalog;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * {@code gatehouse.world.v1.HytaleWorld}: what the world says to a Hytale newcomer, as ready-to-frame payloads
 * encoded by protocol-hytale for the client's protocol version (the gateway applies framing and zstd). Pure and
 * in memory: every call answers on the calling thread without I/O.
 */
public final class HytaleWorldGrpcService extends HytaleWorldGrpc.HytaleWorldImplBase {

    /** Shown while the world loads (the official server uses a translation key; a raw text needs no client pack). */
    static final String LOADING_WORLD = "Loading world...";

    private final AssetCatalog assets;
    private final HytaleWorldProperties properties;
    private final UUID worldUuid;

    public HytaleWorldGrpcService(AssetCatalog assets, HytaleWorldProperties properties) {
        this.assets = Objects.requireNonNull(assets);
        this.properties = Objects.requireNonNull(properties);
        this.worldUuid = properties.getWorldUuid() != null ? properties.getWorldUuid() : UUID.randomUUID();
    }

    @Override
    public void setup(HytaleSetupRequest request, StreamObserver<HytalePackets> responses) {
        ProtocolVersion version = version(request.getProtocolVersion(), responses);
        if (version == null) {
            return;
        }
        List<Asset> required = assets.requiredAssets().stream()
                .map(entry -> new Asset(entry.hash(), entry.name()))
                .toList();
        reply(responses, version,
                new WorldSettings(properties.getWorldHeight(), required),
                new ServerInfo(properties.getServerName(), properties.getMotd(), properties.getMaxPlayers()));
    }

    @Override
    public void join(HytaleJoinRequest request, StreamObserver<HytalePackets> responses) {
        ProtocolVersion version = version(request.getProtocolVersion(), responses);
        if (version == null) {
            return;
        }
        Packet progress = version == ProtocolVersion.V1
                ? new WorldLoadProgressV1(LOADING_WORLD, 0, 0)
                : new WorldLoadProgress(FormattedMessage.raw(LOADING_WORLD), 0, 0);
        Packet[] packets = request.getAssetsSent() > 0
                ? new Packet[] {RequestCommonAssetsRebuild.INSTANCE, progress, WorldLoadFinished.INSTANCE,
                        new ServerTags(Map.of()), new JoinWorld(true, true, worldUuid)}
                : new Packet[] {progress, WorldLoadFinished.INSTANCE, new ServerTags(Map.of()),
                        new JoinWorld(true, true, worldUuid)};
        reply(responses, version, packets);
    }

    @Override
    public void ready(HytaleReadyRequest request, StreamObserver<HytalePackets> responses) {
        ProtocolVersion version = version(request.getProtocolVersion(), responses);
        if (version == null) {
            return;
        }
        reply(responses, version,
                new ViewRadius(properties.getMaxViewRadius() * 32),
                new SetClientId(request.getClientId()));
    }

    public UUID worldUuid() {
        return worldUuid;
    }

    private static ProtocolVersion version(int protocolVersion, StreamObserver<HytalePackets> responses) {
        return switch (protocolVersion) {
            case 1 -> ProtocolVersion.V1;
            case 2 -> ProtocolVersion.V2;
            default -> {
                responses.onError(Status.INVALID_ARGUMENT
                        .withDescription("unsupported Hytale protocol version " + protocolVersion).asRuntimeException());
                yield null;
            }
        };
    }

    private static void reply(StreamObserver<HytalePackets> responses, ProtocolVersion version, Packet... packets) {
        PacketRegistry registry = PacketRegistries.of(version, Direction.TO_CLIENT);
        HytalePackets.Builder out = HytalePackets.newBuilder();
        try {
            for (Packet packet : packets) {
                out.addPackets(HytalePacket.newBuilder()
                        .setId(registry.idFor(packet))
                        .setPayload(encode(packet)));
            }
        } catch (ProtocolException e) {
            responses.onError(Status.INTERNAL.withDescription(e.getMessage()).asRuntimeException());
            return;
        }
        responses.onNext(out.build());
        responses.onCompleted();
    }

    private static ByteString encode(Packet packet) {
        ByteBuf buf = Unpooled.buffer();
        try {
            packet.encode(buf);
            return ByteString.copyFrom(buf.nioBuffer());
        } finally {
            buf.release();
        }
    }
}
