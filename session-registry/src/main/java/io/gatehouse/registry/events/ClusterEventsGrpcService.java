package io.gatehouse.registry.events;

import io.gatehouse.contracts.session.v1.ClusterEvent;
import io.gatehouse.contracts.session.v1.ClusterEventsGrpc;
import io.gatehouse.contracts.session.v1.PublishResponse;
import io.gatehouse.contracts.session.v1.SubscribeRequest;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code ClusterEvents} gRPC service over a {@link ClusterEvents} bus, so gateways get cluster events without
 * ever talking to Redis. A subscriber whose stream is not ready (a slow or stuck gateway) loses events rather than
 * making the registry buffer them without bound: delivery is at most once anyway, the heartbeat is the safety net.
 */
public final class ClusterEventsGrpcService extends ClusterEventsGrpc.ClusterEventsImplBase {

    private static final Logger log = LoggerFactory.getLogger(ClusterEventsGrpcService.class);

    private final ClusterEvents events;
    private final AtomicLong dropped = new AtomicLong();

    public ClusterEventsGrpcService(ClusterEvents events) {
        this.events = Objects.requireNonNull(events);
    }

    @Override
    public void subscribe(SubscribeRequest request, StreamObserver<ClusterEvent> out) {
        ServerCallStreamObserver<ClusterEvent> call = (ServerCallStreamObserver<ClusterEvent>) out;
        Object lock = new Object(); // onNext is not thread-safe and publishers are many
        ClusterEvents.Subscription subscription = events.subscribe(event -> {
            synchronized (lock) {
                if (call.isCancelled()) {
                    return;
                }
                if (!call.isReady()) {
                    dropped.incrementAndGet();
                    return;
                }
                try {
                    call.onNext(event);
                } catch (RuntimeException gone) {
                    // cancelled between the check and the write
                }
            }
        });
        call.setOnCancelHandler(subscription::close);
        call.setOnCloseHandler(subscription::close);
        log.debug("cluster events subscriber {} attached", request.getSubscriber());
    }

    @Override
    public void publish(ClusterEvent request, StreamObserver<PublishResponse> out) {
        if (request.getEventCase() == ClusterEvent.EventCase.EVENT_NOT_SET) {
            out.onError(Status.INVALID_ARGUMENT.withDescription("event must be set").asRuntimeException());
            return;
        }
        events.publish(request).whenComplete((ignored, error) -> {
            try {
                if (error != null) {
                    out.onError(Status.UNAVAILABLE.withDescription("cluster events unavailable").asRuntimeException());
                } else {
                    out.onNext(PublishResponse.getDefaultInstance());
                    out.onCompleted();
                }
            } catch (RuntimeException callAlreadyGone) {
                // deadline passed or cancelled
            }
        });
    }

    /** Events not delivered because a subscriber's stream was full. */
    public long droppedEvents() {
        return dropped.get();
    }
}
