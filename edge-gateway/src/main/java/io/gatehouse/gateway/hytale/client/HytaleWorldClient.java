package io.gatehouse.gateway.hytale.client;

import io.gatehouse.gateway.client.GuardedCalls;

import io.gatehouse.contracts.world.v1.HytaleAssetChunk;
import io.gatehouse.contracts.world.v1.HytaleJoinRequest;
import io.gatehouse.contracts.world.v1.HytalePackets;
import io.gatehouse.contracts.world.v1.HytaleReadyRequest;
import io.gatehouse.contracts.world.v1.HytaleSetupRequest;
import io.gatehouse.contracts.world.v1.HytaleWorldGrpc;
import io.gatehouse.contracts.world.v1.StreamHytaleAssetRequest;
import io.gatehouse.contracts.world.v1.WorldContentGrpc;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's client of {@code HytaleWorld} (join sequence) and {@code WorldContent.StreamHytaleAsset} (assets,
 * pulled one message at a time so a slow player's QUIC stream back-pressures the world service's disk reads).
 */
public final class HytaleWorldClient {

    /** Receives one asset's messages; the receiver pulls the next with {@link AssetStream#request()}. */
    public interface AssetReceiver {
        void onChunk(HytaleAssetChunk chunk);

        void onError(Throwable error);

        void onCompleted();
    }

    /** A running asset call. */
    public interface AssetStream {
        /** Asks for one more message. */
        void request();

        void cancel(String why);
    }

    private final HytaleWorldGrpc.HytaleWorldStub world;
    private final WorldContentGrpc.WorldContentStub content;
    private final GuardedCalls calls;
    private final Duration assetDeadline;

    public HytaleWorldClient(Channel channel, GuardedCalls calls, Duration assetDeadline) {
        this.world = HytaleWorldGrpc.newStub(channel);
        this.content = WorldContentGrpc.newStub(channel).withExecutor(calls.executor());
        this.calls = calls;
        this.assetDeadline = assetDeadline;
    }

    public GuardedCalls calls() {
        return calls;
    }

    public CompletableFuture<HytalePackets> setup(HytaleSetupRequest request) {
        return calls.unary(o -> world.withDeadlineAfter(calls.deadlineMillis(null), TimeUnit.MILLISECONDS)
                .setup(request, o));
    }

    public CompletableFuture<HytalePackets> join(HytaleJoinRequest request) {
        return calls.unary(o -> world.withDeadlineAfter(calls.deadlineMillis(null), TimeUnit.MILLISECONDS)
                .join(request, o));
    }

    public CompletableFuture<HytalePackets> ready(HytaleReadyRequest request) {
        return calls.unary(o -> world.withDeadlineAfter(calls.deadlineMillis(null), TimeUnit.MILLISECONDS)
                .ready(request, o));
    }

    /**
     * Streams one asset; the first message is delivered without asking, each further one after
     * {@link AssetStream#request()}. Callbacks run on the gRPC executor, never on an event loop.
     */
    public AssetStream streamAsset(String hash, AssetReceiver receiver) {
        if (!calls.tryStart()) {
            receiver.onError(Status.UNAVAILABLE.withDescription("world circuit breaker is open").asRuntimeException());
            return NOOP;
        }
        long started = System.nanoTime();
        CompletableFuture<ClientCallStreamObserver<StreamHytaleAssetRequest>> call = new CompletableFuture<>();
        ClientResponseObserver<StreamHytaleAssetRequest, HytaleAssetChunk> observer = new ClientResponseObserver<>() {
            @Override
            public void beforeStart(ClientCallStreamObserver<StreamHytaleAssetRequest> requestStream) {
                requestStream.disableAutoRequestWithInitial(1);
                call.complete(requestStream);
            }

            @Override
            public void onNext(HytaleAssetChunk chunk) {
                receiver.onChunk(chunk);
            }

            @Override
            public void onError(Throwable t) {
                calls.recordFailure(started, t);
                receiver.onError(t);
            }

            @Override
            public void onCompleted() {
                calls.recordSuccess(started);
                receiver.onCompleted();
            }
        };
        try {
            calls.executor().execute(() -> content
                    .withDeadlineAfter(assetDeadline.toMillis(), TimeUnit.MILLISECONDS)
                    .streamHytaleAsset(StreamHytaleAssetRequest.newBuilder().setHash(hash).build(), observer));
        } catch (RejectedExecutionException e) {
            calls.recordFailure(started, e);
            receiver.onError(Status.RESOURCE_EXHAUSTED.withDescription("world call queue is full").asRuntimeException());
            return NOOP;
        }
        return new AssetStream() {
            @Override
            public void request() {
                call.thenAccept(c -> c.request(1));
            }

            @Override
            public void cancel(String why) {
                call.thenAccept(c -> c.cancel(why, null));
            }
        };
    }

    private static final AssetStream NOOP = new AssetStream() {
        @Override
        public void request() {
        }

        @Override
        public void cancel(String why) {
        }
    };
}
