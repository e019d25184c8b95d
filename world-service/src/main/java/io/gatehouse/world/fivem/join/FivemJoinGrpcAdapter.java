package io.gatehouse.world.fivem.join;

import io.gatehouse.contracts.world.v1.FivemJoinReply;
import io.gatehouse.contracts.world.v1.FivemJoinRequest;
import io.gatehouse.contracts.world.v1.FivemLeaveReply;
import io.gatehouse.contracts.world.v1.FivemLeaveRequest;
import io.gatehouse.contracts.world.v1.FivemObjectIdsRequest;
import io.gatehouse.contracts.world.v1.FivemWorldGrpc;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;

/**
 * Serves {@code FivemWorld} Join/RequestObjectIds/Leave until the world's own {@code FivemWorldGrpcService}
 * (package {@code io.gatehouse.world.fivem}, which also owns ServerInfo) exists; that class should delegate these
 * three RPCs to {@link FivemJoinService} with {@link #answer}, and this adapter then steps aside
 * ({@code @ConditionalOnMissingClass} in {@link FivemJoinAutoConfiguration}).
 */
public class FivemJoinGrpcAdapter extends FivemWorldGrpc.FivemWorldImplBase {

    private final FivemJoinService join;

    public FivemJoinGrpcAdapter(FivemJoinService join) {
        this.join = join;
    }

    @Override
    public void join(FivemJoinRequest request, StreamObserver<FivemJoinReply> out) {
        answer(out, () -> join.join(request));
    }

    @Override
    public void requestObjectIds(FivemObjectIdsRequest request, StreamObserver<FivemJoinReply> out) {
        answer(out, () -> join.requestObjectIds(request));
    }

    @Override
    public void leave(FivemLeaveRequest request, StreamObserver<FivemLeaveReply> out) {
        answer(out, () -> join.leave(request));
    }

    /** Runs a join-service call and maps bad requests to INVALID_ARGUMENT. */
    public static <T> void answer(StreamObserver<T> out, Supplier<T> call) {
        T reply;
        try {
            reply = call.get();
        } catch (IllegalArgumentException e) {
            out.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        } catch (RuntimeException e) {
            out.onError(Status.INTERNAL.withDescription("join failed").withCause(e).asRuntimeException());
            return;
        }
        out.onNext(reply);
        out.onCompleted();
    }
}
