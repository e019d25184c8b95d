package io.gatehouse.world.fivem;

import com.google.protobuf.ByteString;
import io.gatehouse.contracts.world.v1.FivemJoinReply;
import io.gatehouse.contracts.world.v1.FivemJoinRequest;
import io.gatehouse.contracts.world.v1.FivemLeaveReply;
import io.gatehouse.contracts.world.v1.FivemLeaveRequest;
import io.gatehouse.contracts.world.v1.FivemObjectIdsRequest;
import io.gatehouse.contracts.world.v1.FivemWorldGrpc;
import io.gatehouse.contracts.world.v1.ServerInfoReply;
import io.gatehouse.contracts.world.v1.ServerInfoRequest;
import io.gatehouse.world.fivem.join.FivemJoinGrpcAdapter;
import io.gatehouse.world.fivem.join.FivemJoinService;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;

/**
 * {@code gatehouse.world.v1.FivemWorld}. {@code ServerInfo} serves info.json, dynamic.json, players.json and the
 * numbers OOB {@code getinfo} needs. {@code Join}, {@code RequestObjectIds} and {@code Leave} are the ENet join
 * sequence's, delegated to {@link FivemJoinService} (UNIMPLEMENTED when this process has none).
 */
public final class FivemWorldGrpcService extends FivemWorldGrpc.FivemWorldImplBase {

    private final FivemServerInfo serverInfo;
    private final FivemWorldProperties properties;
    private final FivemJoinService join;

    public FivemWorldGrpcService(FivemServerInfo serverInfo, FivemWorldProperties properties, FivemJoinService join) {
        this.serverInfo = serverInfo;
        this.properties = properties;
        this.join = join;
    }

    @Override
    public void serverInfo(ServerInfoRequest request, StreamObserver<ServerInfoReply> responseObserver) {
        serverInfo.snapshot(request.getIncludePlayers()).whenComplete((s, error) -> {
            if (error != null) {
                responseObserver.onError(Status.UNAVAILABLE.withDescription("session registry unavailable")
                        .withCause(error).asRuntimeException());
                return;
            }
            responseObserver.onNext(ServerInfoReply.newBuilder()
                    .setInfoJson(ByteString.copyFrom(s.info().json(), StandardCharsets.UTF_8))
                    .setDynamicJson(ByteString.copyFrom(s.dynamicJson(), StandardCharsets.UTF_8))
                    .setPlayersJson(ByteString.copyFrom(s.playersJson(), StandardCharsets.UTF_8))
                    .setConnectedClients(s.dynamic().clients())
                    .setMaxClients(properties.getMaxClients())
                    .setHostname(s.dynamic().hostname())
                    .setGametype(s.dynamic().gametype())
                    .setMapname(s.dynamic().mapname())
                    .setInfoVersion(s.dynamic().infoVersion())
                    .build());
            responseObserver.onCompleted();
        });
    }

    @Override
    public void join(FivemJoinRequest request, StreamObserver<FivemJoinReply> responseObserver) {
        if (join == null) {
            unimplemented(responseObserver);
            return;
        }
        FivemJoinGrpcAdapter.answer(responseObserver, () -> join.join(request));
    }

    @Override
    public void requestObjectIds(FivemObjectIdsRequest request, StreamObserver<FivemJoinReply> responseObserver) {
        if (join == null) {
            unimplemented(responseObserver);
            return;
        }
        FivemJoinGrpcAdapter.answer(responseObserver, () -> join.requestObjectIds(request));
    }

    @Override
    public void leave(FivemLeaveRequest request, StreamObserver<FivemLeaveReply> responseObserver) {
        if (join == null) {
            unimplemented(responseObserver);
            return;
        }
        FivemJoinGrpcAdapter.answer(responseObserver, () -> join.leave(request));
    }

    private static void unimplemented(StreamObserver<?> out) {
        out.onError(Status.UNIMPLEMENTED.withDescription("no FiveM join service in this process").asRuntimeException());
    }
}
