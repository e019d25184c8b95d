package io.gatehouse.auth.hytale.grpc;

import io.gatehouse.auth.hytale.InMemoryPasswordAttemptCounter;
import io.gatehouse.auth.hytale.PasswordAttemptCounter;
import io.gatehouse.contracts.session.v1.RecordPasswordFailureRequest;
import io.gatehouse.contracts.session.v1.RecordPasswordFailureResponse;
import io.gatehouse.contracts.session.v1.ResetPasswordFailuresRequest;
import io.gatehouse.contracts.session.v1.ResetPasswordFailuresResponse;
import io.gatehouse.contracts.session.v1.SessionRegistryGrpc;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failed password attempts counted by the session registry, so every auth replica and every gateway sees the same
 * count and a reconnect does not reset it. If the process has no registry to talk to (the call is UNIMPLEMENTED)
 * it falls back to counting in memory and says so once; any other failure fails the attempt, which the façade turns
 * into a refusal rather than a free retry.
 */
public final class RegistryPasswordAttemptCounter implements PasswordAttemptCounter {

    private static final Logger log = LoggerFactory.getLogger(RegistryPasswordAttemptCounter.class);

    private final SessionRegistryGrpc.SessionRegistryStub stub;
    private final Duration deadline;
    private final Duration window;
    private final PasswordAttemptCounter fallback = new InMemoryPasswordAttemptCounter();
    private volatile boolean registryMissing;

    public RegistryPasswordAttemptCounter(Channel sessionRegistry, Duration deadline, Duration window) {
        this.stub = SessionRegistryGrpc.newStub(Objects.requireNonNull(sessionRegistry));
        this.deadline = Objects.requireNonNull(deadline);
        this.window = Objects.requireNonNull(window);
    }

    @Override
    public CompletionStage<Integer> increment(UUID player) {
        if (registryMissing) {
            return fallback.increment(player);
        }
        CompletableFuture<Integer> result = new CompletableFuture<>();
        stub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS).recordPasswordFailure(
                RecordPasswordFailureRequest.newBuilder().setUuid(player.toString()).setTtlMs(window.toMillis()).build(),
                new Unary<RecordPasswordFailureResponse>(result::completeExceptionally) {
                    @Override
                    public void onNext(RecordPasswordFailureResponse response) {
                        result.complete((int) Math.min(Integer.MAX_VALUE, response.getCount()));
                    }
                });
        return result.exceptionallyCompose(e -> unimplemented(e) ? fallback.increment(player)
                : CompletableFuture.failedFuture(e));
    }

    @Override
    public CompletionStage<Void> reset(UUID player) {
        if (registryMissing) {
            return fallback.reset(player);
        }
        CompletableFuture<Void> result = new CompletableFuture<>();
        stub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS).resetPasswordFailures(
                ResetPasswordFailuresRequest.newBuilder().setUuid(player.toString()).build(),
                new Unary<ResetPasswordFailuresResponse>(result::completeExceptionally) {
                    @Override
                    public void onNext(ResetPasswordFailuresResponse response) {
                        result.complete(null);
                    }
                });
        return result.exceptionallyCompose(e -> unimplemented(e) ? fallback.reset(player)
                : CompletableFuture.failedFuture(e));
    }

    private boolean unimplemented(Throwable error) {
        if (error instanceof StatusRuntimeException s && s.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
            if (!registryMissing) {
                registryMissing = true;
                log.warn("No session registry serves this process: Hytale password attempts are counted in memory "
                        + "(per auth replica)");
            }
            return true;
        }
        return false;
    }

    private abstract static class Unary<T> implements StreamObserver<T> {
        private final java.util.function.Consumer<Throwable> failure;

        Unary(java.util.function.Consumer<Throwable> failure) {
            this.failure = failure;
        }

        @Override
        public void onError(Throwable t) {
            failure.accept(t);
        }

        @Override
        public void onCompleted() {
        }
    }
}
