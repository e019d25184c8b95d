package io.gatehouse.auth.fivem.grpc;

import io.gatehouse.auth.fivem.ChunkSink;
import io.gatehouse.auth.fivem.ClientMethods;
import io.gatehouse.auth.fivem.InitConnectService;
import io.gatehouse.contracts.auth.v1.ClientRequest;
import io.gatehouse.contracts.auth.v1.FivemAuthGrpc;
import io.gatehouse.contracts.auth.v1.JsonChunk;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code gatehouse.auth.v1.FivemAuth}: the FiveM {@code POST /client} methods. Protocol refusals are ordinary chunks;
 * a gRPC error means the service failed. Cancelling {@code InitConnect} (the player closed the HTTP request) clears
 * the deferral. Requests are never logged: they carry tickets and tokens.
 */
public final class FivemAuthGrpcService extends FivemAuthGrpc.FivemAuthImplBase {

    private static final Logger log = LoggerFactory.getLogger(FivemAuthGrpcService.class);

    private final InitConnectService initConnect;
    private final ClientMethods methods;

    public FivemAuthGrpcService(InitConnectService initConnect, ClientMethods methods) {
        this.initConnect = initConnect;
        this.methods = methods;
    }

    @Override
    public void initConnect(ClientRequest request, StreamObserver<JsonChunk> responseObserver) {
        ServerCallStreamObserver<JsonChunk> out = (ServerCallStreamObserver<JsonChunk>) responseObserver;
        InitConnectService.Handle handle = initConnect.start(request.getFormMap(), request.getClientAddress(),
                new ChunkSink() {
                    @Override
                    public void send(String json) {
                        if (!out.isCancelled()) {
                            out.onNext(JsonChunk.newBuilder().setJson(json).build());
                        }
                    }

                    @Override
                    public void complete() {
                        if (!out.isCancelled()) {
                            out.onCompleted();
                        }
                    }

                    @Override
                    public void fail(Throwable error) {
                        log.warn("FiveM initConnect failed", error);
                        if (!out.isCancelled()) {
                            out.onError(Status.UNAVAILABLE.withDescription("initConnect failed").asRuntimeException());
                        }
                    }
                });
        // The call's gRPC Context is cancelled by now; clearing the deferral makes registry calls, which must not inherit it.
        out.setOnCancelHandler(() -> Context.ROOT.run(handle::cancel));
    }

    @Override
    public void clientMethod(ClientRequest request, StreamObserver<JsonChunk> responseObserver) {
        methods.call(request.getFormMap(), request.getTokenHeader(), request.getClientAddress())
                .whenComplete((json, error) -> {
                    if (error != null) {
                        Throwable cause = error instanceof CompletionException && error.getCause() != null
                                ? error.getCause() : error;
                        log.warn("FiveM client method failed: {}", cause.toString());
                        responseObserver.onError(Status.fromThrowable(cause).getCode() == Status.Code.UNKNOWN
                                ? Status.UNAVAILABLE.withDescription("client method failed").asRuntimeException()
                                : Status.fromThrowable(cause).asRuntimeException());
                        return;
                    }
                    responseObserver.onNext(JsonChunk.newBuilder().setJson(json).build());
                    responseObserver.onCompleted();
                });
    }
}
