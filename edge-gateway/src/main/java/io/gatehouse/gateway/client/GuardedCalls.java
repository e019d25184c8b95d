package io.gatehouse.gateway.client;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.reactor.bulkhead.operator.BulkheadOperator;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * How the gateway calls one backend service (FiveM control plane, FiveM UDP, Hytale): every call goes through a
 * circuit breaker (and a bulkhead when one is given), carries a deadline, and is started off the caller's thread. The
 * last point matters because the all-in-one node serves gRPC in-process with a direct executor: without the hop the
 * service's handler would run on the event loop that made the call.
 *
 * <p>Only transport-level failures (UNAVAILABLE, DEADLINE_EXCEEDED, INTERNAL, UNKNOWN, RESOURCE_EXHAUSTED,
 * UNIMPLEMENTED) count against the breaker; a refusal (UNAUTHENTICATED, NOT_FOUND ...) proves the service is up.
 *
 * <p>Two call styles: {@link #unary} as a {@link CompletableFuture} (the event-loop handlers of FiveM UDP and Hytale),
 * and {@link #mono}/{@link #flux}/{@link #guard} as Reactor publishers (the FiveM HTTP control plane), where
 * unsubscribing (the player closed the request) cancels the gRPC call.
 */
public final class GuardedCalls {

    private final String service;
    private final CircuitBreaker breaker;
    /** Null when the executor's bounded queue is the only limit. */
    private final Bulkhead bulkhead;
    private final Duration deadline;
    private final Executor executor;
    private final Scheduler scheduler;

    /** A breaker named after the service with {@link #breakerConfig()} (tests). */
    public GuardedCalls(String service, Duration deadline, Executor executor) {
        this(service, deadline, executor, CircuitBreaker.of(service, breakerConfig()));
    }

    /** Calls started on {@code executor}; no bulkhead (a bounded executor rejects instead). */
    public GuardedCalls(String service, Duration deadline, Executor executor, CircuitBreaker breaker) {
        this(service, deadline, executor, Schedulers.fromExecutor(Objects.requireNonNull(executor)), breaker, null);
    }

    /** Calls started on {@code scheduler}, at most as many at once as {@code bulkhead} admits. */
    public GuardedCalls(String service, Duration deadline, Scheduler scheduler, CircuitBreaker breaker,
                        Bulkhead bulkhead) {
        this(service, deadline, task -> scheduler.schedule(task), scheduler, breaker,
                Objects.requireNonNull(bulkhead));
    }

    private GuardedCalls(String service, Duration deadline, Executor executor, Scheduler scheduler,
                         CircuitBreaker breaker, Bulkhead bulkhead) {
        this.service = Objects.requireNonNull(service);
        this.deadline = Objects.requireNonNull(deadline);
        this.executor = Objects.requireNonNull(executor);
        this.scheduler = Objects.requireNonNull(scheduler);
        this.breaker = Objects.requireNonNull(breaker);
        this.bulkhead = bulkhead;
    }

    /** Opens at 50 % outages over the last 20 calls (at least 5), for 10 s. */
    public static CircuitBreakerConfig breakerConfig() {
        return breakerConfigBuilder().build();
    }

    /**
     * As {@link #breakerConfig()}, but a call's duration never counts as slow: for calls that may rightly run long
     * (initConnect deferrals, file downloads).
     */
    public static CircuitBreakerConfig longCallBreakerConfig() {
        return breakerConfigBuilder().slowCallDurationThreshold(Duration.ofDays(1)).build();
    }

    private static CircuitBreakerConfig.Builder breakerConfigBuilder() {
        return CircuitBreakerConfig.custom()
                .slidingWindowSize(20)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(10))
                .permittedNumberOfCallsInHalfOpenState(2)
                .recordException(GuardedCalls::isOutage);
    }

    public String service() {
        return service;
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    /** The bulkhead, or null when there is none. */
    public Bulkhead bulkhead() {
        return bulkhead;
    }

    public Duration deadline() {
        return deadline;
    }

    public Executor executor() {
        return executor;
    }

    /** Whether a failure means the service is down or overloaded (as opposed to a refusal). */
    public static boolean isOutage(Throwable error) {
        if (error instanceof CallNotPermittedException) {
            return true;
        }
        if (error instanceof StatusRuntimeException s) {
            return switch (s.getStatus().getCode()) {
                case UNAVAILABLE, DEADLINE_EXCEEDED, INTERNAL, UNKNOWN, RESOURCE_EXHAUSTED, UNIMPLEMENTED -> true;
                default -> false;
            };
        }
        return true;
    }

    /** The deadline in the form stubs take: {@code override}, else this service's. */
    public long deadlineMillis(Duration override) {
        return (override != null ? override : deadline).toMillis();
    }

    // ------------------------------------------------------------------ CompletableFuture style

    /**
     * One unary call: {@code start} issues it with the observer it is given (apply the deadline with
     * {@link #deadlineMillis}). The future completes on a gRPC or executor thread, never the caller's.
     */
    public <T> CompletableFuture<T> unary(Consumer<StreamObserver<T>> start) {
        CompletableFuture<T> result = new CompletableFuture<>();
        if (!breaker.tryAcquirePermission()) {
            result.completeExceptionally(Status.UNAVAILABLE
                    .withDescription(service + " circuit breaker is open").asRuntimeException());
            return result;
        }
        if (bulkhead != null && !bulkhead.tryAcquirePermission()) {
            breaker.releasePermission();
            result.completeExceptionally(Status.RESOURCE_EXHAUSTED
                    .withDescription(service + " bulkhead is full").asRuntimeException());
            return result;
        }
        long started = System.nanoTime();
        try {
            executor.execute(() -> {
                try {
                    start.accept(new StreamObserver<>() {
                        private T value;

                        @Override
                        public void onNext(T v) {
                            value = v;
                        }

                        @Override
                        public void onError(Throwable t) {
                            finished();
                            breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, t);
                            result.completeExceptionally(t);
                        }

                        @Override
                        public void onCompleted() {
                            finished();
                            breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                            result.complete(value);
                        }
                    });
                } catch (RuntimeException e) {
                    finished();
                    breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, e);
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException overloaded) {
            finished();
            breaker.releasePermission();
            result.completeExceptionally(Status.RESOURCE_EXHAUSTED
                    .withDescription(service + " call queue is full").asRuntimeException());
        }
        return result;
    }

    /**
     * A unary call that bypasses the breaker, for periodic calls that must get through as soon as the service is
     * back (registry heartbeats: a live gateway must vouch for its players before any reaper may judge it dead). Its
     * success proves the service reachable, so an open breaker closes at once instead of after its wait.
     */
    public <T> CompletableFuture<T> unaryUnguarded(Consumer<StreamObserver<T>> start) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    start.accept(new StreamObserver<>() {
                        private T value;

                        @Override
                        public void onNext(T v) {
                            value = v;
                        }

                        @Override
                        public void onError(Throwable t) {
                            result.completeExceptionally(t);
                        }

                        @Override
                        public void onCompleted() {
                            // A completed call is proof the service answers again: close the breaker outright.
                            // Half-open would let only a couple of trial calls through, and on a busy gateway
                            // those go to whatever call comes first (connect gates), not the joins waiting.
                            CircuitBreaker.State state = breaker.getState();
                            if (state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.HALF_OPEN) {
                                try {
                                    breaker.transitionToClosedState();
                                } catch (RuntimeException raced) {
                                    // another thread moved it already
                                }
                            }
                            result.complete(value);
                        }
                    });
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException overloaded) {
            result.completeExceptionally(Status.RESOURCE_EXHAUSTED
                    .withDescription(service + " call queue is full").asRuntimeException());
        }
        return result;
    }

    private void finished() {
        if (bulkhead != null) {
            bulkhead.onComplete();
        }
    }

    /** Permission for a streaming call; false when the breaker is open. */
    public boolean tryStart() {
        return breaker.tryAcquirePermission();
    }

    /** Records the outcome of a streaming call started with {@link #tryStart}. */
    public void recordSuccess(long startedNanos) {
        breaker.onSuccess(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
    }

    public void recordFailure(long startedNanos, Throwable error) {
        breaker.onError(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS, error);
    }

    // ------------------------------------------------------------------ Reactor style

    /** A server-streaming call as a Flux; {@code start} issues it with the given observer. */
    public <Q, R> Flux<R> flux(Consumer<StreamObserver<R>> start) {
        Flux<R> call = Flux.create(sink -> start.accept(new ClientResponseObserver<Q, R>() {
            @Override
            public void beforeStart(ClientCallStreamObserver<Q> requestStream) {
                sink.onCancel(() -> requestStream.cancel("the player closed the request", null));
            }

            @Override
            public void onNext(R value) {
                sink.next(value);
            }

            @Override
            public void onError(Throwable t) {
                sink.error(t);
            }

            @Override
            public void onCompleted() {
                sink.complete();
            }
        }));
        return guard(call);
    }

    /** A unary call as a Mono. */
    public <Q, R> Mono<R> mono(Consumer<StreamObserver<R>> start) {
        return this.<Q, R>flux(start).single(); // waits for completion, so the breaker records the outcome
    }

    /** Guards a Flux built elsewhere (e.g. one with manual flow control). */
    public <R> Flux<R> guard(Flux<R> call) {
        Flux<R> started = call.subscribeOn(scheduler);
        if (bulkhead != null) {
            started = started.transformDeferred(BulkheadOperator.of(bulkhead));
        }
        return started.transformDeferred(CircuitBreakerOperator.of(breaker));
    }

    public <R> Mono<R> guard(Mono<R> call) {
        Mono<R> started = call.subscribeOn(scheduler);
        if (bulkhead != null) {
            started = started.transformDeferred(BulkheadOperator.of(bulkhead));
        }
        return started.transformDeferred(CircuitBreakerOperator.of(breaker));
    }
}
