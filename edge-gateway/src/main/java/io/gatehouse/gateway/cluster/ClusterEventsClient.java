package io.gatehouse.gateway.cluster;

import io.gatehouse.contracts.session.v1.ClusterEvent;
import io.gatehouse.contracts.session.v1.ClusterEventsGrpc;
import io.gatehouse.contracts.session.v1.PublishResponse;
import io.gatehouse.contracts.session.v1.SubscribeRequest;
import io.gatehouse.support.grpc.GrpcServerLifecycle;
import io.grpc.Channel;
import io.grpc.Context;
import io.grpc.stub.StreamObserver;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The gateway's side of the registry's {@code ClusterEvents} service: one long-lived {@code Subscribe} stream
 * (re-opened with backoff whenever it ends: registry restart, {@code maxConnectionAge}, outage) fanned out to the
 * gateway's handlers, and {@code Publish} for what this gateway announces. The gateway never talks to Redis.
 *
 * <p>Handlers run on gRPC's threads and must hop to their own event loop. Events missed while the stream was down are
 * lost; the registry heartbeat remains the safety net for everything an event would have said.
 */
public final class ClusterEventsClient implements SmartLifecycle, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClusterEventsClient.class);
    private static final long MIN_BACKOFF_MS = 200;
    private static final long MAX_BACKOFF_MS = 5_000;

    private final ClusterEventsGrpc.ClusterEventsStub stub;
    private final Duration publishDeadline;
    private final String subscriber;
    private final List<Consumer<ClusterEvent>> handlers = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService retry;
    private volatile boolean running;
    private volatile boolean connected;
    private volatile Context.CancellableContext call;
    private long backoffMs = MIN_BACKOFF_MS;

    public ClusterEventsClient(Channel channel, Duration publishDeadline, String subscriber) {
        this.stub = ClusterEventsGrpc.newStub(channel);
        this.publishDeadline = publishDeadline;
        this.subscriber = subscriber;
        this.retry = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("cluster-events", true));
    }

    /** Adds a handler for every event received from now on (including the ones this gateway published). */
    public void addHandler(Consumer<ClusterEvent> handler) {
        handlers.add(handler);
    }

    /** Fire and forget with a deadline; a failure only means the other gateways learn at their next heartbeat. */
    public CompletableFuture<Void> publish(ClusterEvent event) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            stub.withDeadlineAfter(publishDeadline.toMillis(), TimeUnit.MILLISECONDS)
                    .publish(event, new StreamObserver<>() {
                        @Override
                        public void onNext(PublishResponse value) {
                        }

                        @Override
                        public void onError(Throwable t) {
                            done.completeExceptionally(t);
                        }

                        @Override
                        public void onCompleted() {
                            done.complete(null);
                        }
                    });
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    /** Whether the subscription stream is open (it may still be reconnecting). */
    public boolean isSubscribed() {
        return connected;
    }

    @Override
    public synchronized void start() {
        if (!running) {
            running = true;
            subscribe();
        }
    }

    private void subscribe() {
        if (!running) {
            return;
        }
        Context.CancellableContext context = Context.current().withCancellation();
        call = context;
        context.run(() -> stub.subscribe(SubscribeRequest.newBuilder().setSubscriber(subscriber).build(),
                new StreamObserver<>() {
                    @Override
                    public void onNext(ClusterEvent event) {
                        if (!connected) {
                            connected = true;
                        }
                        resetBackoff();
                        for (Consumer<ClusterEvent> handler : handlers) {
                            try {
                                handler.accept(event);
                            } catch (RuntimeException e) {
                                log.warn("cluster event handler failed", e);
                            }
                        }
                    }

                    @Override
                    public void onError(Throwable t) {
                        ended("failed: " + io.grpc.Status.fromThrowable(t).getCode());
                    }

                    @Override
                    public void onCompleted() {
                        ended("completed");
                    }
                }));
        // A server-streaming call sends no response until the first event: count it as up once it has not failed.
        retry.schedule(() -> {
            if (call == context && !context.isCancelled()) {
                connected = true;
            }
        }, 500, TimeUnit.MILLISECONDS);
    }

    private synchronized void resetBackoff() {
        backoffMs = MIN_BACKOFF_MS;
    }

    private void ended(String how) {
        connected = false;
        if (!running) {
            return;
        }
        long delay;
        synchronized (this) {
            delay = backoffMs;
            backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
        }
        log.debug("cluster events subscription {}; resubscribing in {} ms", how, delay);
        try {
            retry.schedule(this::subscribe, delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // shutting down
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        connected = false;
        Context.CancellableContext current = call;
        if (current != null) {
            current.cancel(null);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Subscribes right after the gRPC server (in-process: the registry) and before the listeners start. */
    @Override
    public int getPhase() {
        return GrpcServerLifecycle.PHASE + 1;
    }

    @Override
    public void close() {
        stop();
        retry.shutdownNow();
    }
}
