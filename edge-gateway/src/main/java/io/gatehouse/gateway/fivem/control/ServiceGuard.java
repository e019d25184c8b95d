package io.gatehouse.gateway.fivem.control;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.reactor.bulkhead.operator.BulkheadOperator;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.function.Consumer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * How the FiveM control plane calls one backend: a circuit breaker (outages only: UNAVAILABLE, DEADLINE_EXCEEDED,
 * INTERNAL, UNKNOWN, RESOURCE_EXHAUSTED, UNIMPLEMENTED; a refusal proves the service is up) and a bulkhead around every
 * call, each call started on {@code scheduler} (the all-in-one's in-process gRPC runs the service's handler on the
 * calling thread, which must not be an event loop), and unsubscribing (the player closed the request) cancels the
 * gRPC call.
 */
public final class ServiceGuard {

    private final CircuitBreaker breaker;
    private final Bulkhead bulkhead;
    private final Scheduler scheduler;

    public ServiceGuard(String name, int maxConcurrentCalls, Scheduler scheduler) {
        this.breaker = CircuitBreaker.of("fivem-" + name, CircuitBreakerConfig.custom()
                .slidingWindowSize(20)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(10))
                .permittedNumberOfCallsInHalfOpenState(2)
                // long deferrals are normal, not a sign of a slow service
                .slowCallDurationThreshold(Duration.ofDays(1))
                .recordException(ServiceGuard::isOutage)
                .build());
        this.bulkhead = Bulkhead.of("fivem-" + name, BulkheadConfig.custom()
                .maxConcurrentCalls(maxConcurrentCalls).maxWaitDuration(Duration.ZERO).build());
        this.scheduler = scheduler;
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    public Bulkhead bulkhead() {
        return bulkhead;
    }

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

    /** A server-streaming call as a Flux; {@code start} issues it with the given observer. */
    public <Q, R> Flux<R> stream(Consumer<StreamObserver<R>> start) {
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
    public <Q, R> Mono<R> unary(Consumer<StreamObserver<R>> start) {
        return stream(start).single(); // waits for completion, so the breaker records the outcome
    }

    /** Guards a Flux built elsewhere (e.g. one with manual flow control). */
    public <R> Flux<R> guard(Flux<R> call) {
        return call.subscribeOn(scheduler)
                .transformDeferred(BulkheadOperator.of(bulkhead))
                .transformDeferred(CircuitBreakerOperator.of(breaker));
    }

    public <R> Mono<R> guard(Mono<R> call) {
        return call.subscribeOn(scheduler)
                .transformDeferred(BulkheadOperator.of(bulkhead))
                .transformDeferred(CircuitBreakerOperator.of(breaker));
    }
}
