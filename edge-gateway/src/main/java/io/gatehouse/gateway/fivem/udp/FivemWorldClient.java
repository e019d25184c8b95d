package io.gatehouse.gateway.fivem.udp;

import io.gatehouse.contracts.world.v1.FivemJoinReply;
import io.gatehouse.contracts.world.v1.FivemJoinRequest;
import io.gatehouse.contracts.world.v1.FivemLeaveReply;
import io.gatehouse.contracts.world.v1.FivemLeaveRequest;
import io.gatehouse.contracts.world.v1.FivemObjectIdsRequest;
import io.gatehouse.contracts.world.v1.FivemWorldGrpc;
import io.gatehouse.contracts.world.v1.ServerInfoReply;
import io.gatehouse.contracts.world.v1.ServerInfoRequest;
import io.gatehouse.gateway.client.GuardedCalls;
import io.grpc.Channel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The FiveM UDP path's calls to the world service ({@code FivemWorld}), guarded like the registry's. */
public final class FivemWorldClient {

    private final FivemWorldGrpc.FivemWorldStub stub;
    private final GuardedCalls calls;
    private final GuardedCalls infoCalls;

    /**
     * @param infoCalls a separate breaker for the once-a-second ServerInfo poll, so an unimplemented or slow
     *                  ServerInfo never opens the breaker that joins go through
     */
    public FivemWorldClient(Channel channel, GuardedCalls calls, GuardedCalls infoCalls) {
        this.stub = FivemWorldGrpc.newStub(channel);
        this.calls = calls;
        this.infoCalls = infoCalls;
    }

    public GuardedCalls calls() {
        return calls;
    }

    private FivemWorldGrpc.FivemWorldStub stub() {
        return stub.withDeadlineAfter(calls.deadlineMillis(null), TimeUnit.MILLISECONDS);
    }

    public CompletableFuture<FivemJoinReply> join(FivemJoinRequest request) {
        return calls.unary(o -> stub().join(request, o));
    }

    public CompletableFuture<FivemJoinReply> requestObjectIds(FivemObjectIdsRequest request) {
        return calls.unary(o -> stub().requestObjectIds(request, o));
    }

    public CompletableFuture<FivemLeaveReply> leave(FivemLeaveRequest request) {
        return calls.unary(o -> stub().leave(request, o));
    }

    public CompletableFuture<ServerInfoReply> serverInfo() {
        return infoCalls.unary(o -> stub().serverInfo(ServerInfoRequest.getDefaultInstance(), o));
    }
}
