package io.gatehouse.registry.core;

import io.gatehouse.support.metrics.RegistryCallMetrics;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * The registry's own store (Redis or in-memory) with every call measured as {@code gatehouse_registry_call_seconds}
 * and {@code gatehouse_registry_errors_total} (docs/metrics.md): {@code operation} is the call's name as on the
 * wire ({@code create_pending}, {@code bind}...), {@code outcome} {@code ok}, {@code refused}
 * ({@link RegistryException}) or {@code error} (the store failed).
 */
public final class MeteredSessionStore implements SessionStore {

    /** Every operation, as {@code SessionRegistry}'s gRPC methods name them. */
    public static final List<String> OPERATIONS = List.of("create_pending", "set_deferral", "touch_token",
            "find_by_token", "find_by_key", "find_by_token_hash", "gate_connect", "lock_connect_gate",
            "clear_connect_gate", "bind", "heartbeat", "remove", "reap_expired", "counts", "roster", "first_use",
            "record_password_failure", "reset_password_failures");

    private final SessionStore delegate;
    private final RegistryCallMetrics metrics;

    public MeteredSessionStore(SessionStore delegate, RegistryCallMetrics metrics) {
        this.delegate = delegate;
        this.metrics = metrics.preregister(OPERATIONS);
    }

    public SessionStore delegate() {
        return delegate;
    }

    private <T> CompletableFuture<T> timed(String operation, Supplier<CompletableFuture<T>> call) {
        long started = System.nanoTime();
        CompletableFuture<T> future;
        try {
            future = call.get();
        } catch (RuntimeException e) {
            metrics.record(operation, outcome(e), System.nanoTime() - started);
            throw e;
        }
        future.whenComplete((result, failure) -> metrics.record(operation,
                failure == null ? RegistryCallMetrics.OK : outcome(failure), System.nanoTime() - started));
        return future;
    }

    private static String outcome(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof RegistryException || cause instanceof IllegalArgumentException
                ? RegistryCallMetrics.REFUSED : RegistryCallMetrics.ERROR;
    }

    @Override
    public CompletableFuture<PendingCreated> createPending(NewSession request) {
        return timed("create_pending", () -> delegate.createPending(request));
    }

    @Override
    public CompletableFuture<Optional<Session>> setDeferral(String token, DeferralState state) {
        return timed("set_deferral", () -> delegate.setDeferral(token, state));
    }

    @Override
    public CompletableFuture<Boolean> touchByToken(String token) {
        return timed("touch_token", () -> delegate.touchByToken(token));
    }

    @Override
    public CompletableFuture<Optional<Session>> findByToken(String token) {
        return timed("find_by_token", () -> delegate.findByToken(token));
    }

    @Override
    public CompletableFuture<Optional<Session>> findByKey(SessionKey key) {
        return timed("find_by_key", () -> delegate.findByKey(key));
    }

    @Override
    public CompletableFuture<Optional<Session>> findByTokenHash(int tokenHash) {
        return timed("find_by_token_hash", () -> delegate.findByTokenHash(tokenHash));
    }

    @Override
    public CompletableFuture<ConnectGateVerdict> gateConnect(int tokenHash, String sourceAddress) {
        return timed("gate_connect", () -> delegate.gateConnect(tokenHash, sourceAddress));
    }

    @Override
    public CompletableFuture<Void> lockConnectGate(int tokenHash) {
        return timed("lock_connect_gate", () -> delegate.lockConnectGate(tokenHash));
    }

    @Override
    public CompletableFuture<Void> clearConnectGate(int tokenHash) {
        return timed("clear_connect_gate", () -> delegate.clearConnectGate(tokenHash));
    }

    @Override
    public CompletableFuture<BindResult> bind(BindRequest request) {
        return timed("bind", () -> delegate.bind(request));
    }

    @Override
    public CompletableFuture<Set<SessionKey>> heartbeat(String gatewayId, Collection<SessionKey> held) {
        return timed("heartbeat", () -> delegate.heartbeat(gatewayId, held));
    }

    @Override
    public CompletableFuture<Optional<Session>> remove(SessionKey key, String token, Holder expectedHolder) {
        return timed("remove", () -> delegate.remove(key, token, expectedHolder));
    }

    @Override
    public CompletableFuture<List<Session>> reapExpired() {
        return timed("reap_expired", delegate::reapExpired);
    }

    @Override
    public CompletableFuture<PlayerCounts> counts(Game game) {
        return timed("counts", () -> delegate.counts(game));
    }

    @Override
    public CompletableFuture<List<Session>> roster(Game game) {
        return timed("roster", () -> delegate.roster(game));
    }

    @Override
    public CompletableFuture<Boolean> firstUse(String ticketFingerprint, Duration ttl) {
        return timed("first_use", () -> delegate.firstUse(ticketFingerprint, ttl));
    }

    @Override
    public CompletableFuture<Long> recordPasswordFailure(String uuid, Duration ttl) {
        return timed("record_password_failure", () -> delegate.recordPasswordFailure(uuid, ttl));
    }

    @Override
    public CompletableFuture<Void> resetPasswordFailures(String uuid) {
        return timed("reset_password_failures", () -> delegate.resetPasswordFailures(uuid));
    }

    @Override
    public void close() {
        delegate.close();
    }
}
