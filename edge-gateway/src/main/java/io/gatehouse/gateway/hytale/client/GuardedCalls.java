package io.gatehouse.gateway.hytale.client;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * How the gateway calls one backend service: every call goes through a circuit breaker, carries a deadline, and is
 * started on {@code executor} rather than the caller's thread. The last point matters because the all-in-one node
 * serves gRPC in-process with a direct executor: without the hop the service's handler would run on the QUIC event
 * loop that made the call.
 *
 * <p>Only transport-level failures (UNAVAILABLE, DEADLINE_EXCEEDED, INTERNAL, UNKNOWN, RESOURCE_EXHAUSTED) count
 * against the breaker; a refusal (UNAUTHENTICATED, NOT_FOUND ...) proves the service is up. An open breaker fails
 * the call at once with UNAVAILABLE.
 */
public final class GuardedCalls {

    private final String service;
    private final CircuitBreaker breaker;
    private final Duration deadline;
    private final Executor executor;

    public GuardedCalls(String service, Duration deadline, Executor executor) {
        this(service, deadline, executor, CircuitBreaker.of("hytale-" + service, breakerConfig()));
    }

    /** Opens at 50 % outages over the last 20 calls (at least 5), for 10 s. */
    public static CircuitBreakerConfig breakerConfig() {
        return CircuitBreakerConfig.custom()
                .slidingWindowSize(20)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(10))
                .permittedNumberOfCallsInHalfOpenState(2)
                .recordException(GuardedCalls::isOutage)
                .build();
    }

    public GuardedCalls(String service, Duration deadline, Executor executor, CircuitBreaker breaker) {
        this.service = Objects.requireNonNull(service);
        this.deadline = Objects.requireNonNull(deadline);
        this.executor = Objects.requireNonNull(executor);
        this.breaker = Objects.requireNonNull(breaker);
    }

    public String service() {
        return service;
    }

    public CircuitBreaker breaker() {
        return breaker;
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

    /** The deadline in the form stubs take. */
    public long deadlineMillis(Duration override) {
        return (override != null ? override : deadline).toMillis();
    }

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
                            breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, t);
                            result.completeExceptionally(t);
                        }

                        @Override
                        public void onCompleted() {
                            breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                            result.complete(value);
                        }
                    });
                } catch (RuntimeException e) {
                    breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, e);
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException overloaded) {
            breaker.releasePermission();
            result.completeExceptionally(Status.RESOURCE_EXHAUSTED
                    .withDescription(service + " call queue is full").asRuntimeException());
        }
        return result;
    }

    /** Records the outcome of a streaming call started with {@link #tryStart}. */
    public void recordSuccess(long startedNanos) {
        breaker.onSuccess(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
    }

    public void recordFailure(long startedNanos, Throwable error) {
        breaker.onError(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS, error);
    }

    /** Permission for a streaming call; false when the breaker is open. */
    public boolean tryStart() {
        return breaker.tryAcquirePermission();
    }
}
