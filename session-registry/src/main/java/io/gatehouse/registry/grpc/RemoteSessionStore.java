package io.gatehouse.registry.grpc;

import io.gatehouse.contracts.session.v1.ConnectGateRequest;
import io.gatehouse.contracts.session.v1.CountsRequest;
import io.gatehouse.contracts.session.v1.CreatePendingRequest;
import io.gatehouse.contracts.session.v1.FindByKeyRequest;
import io.gatehouse.contracts.session.v1.FindByTokenHashRequest;
import io.gatehouse.contracts.session.v1.FindByTokenRequest;
import io.gatehouse.contracts.session.v1.FirstUseRequest;
import io.gatehouse.contracts.session.v1.GateConnectRequest;
import io.gatehouse.contracts.session.v1.HeartbeatRequest;
import io.gatehouse.contracts.session.v1.ReapExpiredRequest;
import io.gatehouse.contracts.session.v1.RecordPasswordFailureRequest;
import io.gatehouse.contracts.session.v1.RemoveRequest;
import io.gatehouse.contracts.session.v1.ResetPasswordFailuresRequest;
import io.gatehouse.contracts.session.v1.RosterRequest;
import io.gatehouse.contracts.session.v1.SessionRegistryGrpc;
import io.gatehouse.contracts.session.v1.SessionRegistryGrpc.SessionRegistryStub;
import io.gatehouse.contracts.session.v1.SetDeferralRequest;
import io.gatehouse.contracts.session.v1.TouchTokenRequest;
import io.gatehouse.registry.core.BindRequest;
import io.gatehouse.registry.core.BindResult;
import io.gatehouse.registry.core.ConnectGateVerdict;
import io.gatehouse.registry.core.DeferralState;
import io.gatehouse.registry.core.Game;
import io.gatehouse.registry.core.Holder;
import io.gatehouse.registry.core.NewSession;
import io.gatehouse.registry.core.PendingCreated;
import io.gatehouse.registry.core.PlayerCounts;
import io.gatehouse.registry.core.Replaced;
import io.gatehouse.registry.core.Session;
import io.gatehouse.registry.core.SessionKey;
import io.gatehouse.registry.core.SessionStore;
import io.grpc.Channel;
import io.grpc.stub.StreamObserver;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The {@link SessionStore} port over gRPC, for gateways and services that talk to a remote registry. Every call
 * gets its own deadline; refusals come back as the same {@link io.gatehouse.registry.core.RegistryException} an
 * in-process store gives, transport failures as {@link io.grpc.StatusRuntimeException}. The channel is the
 * caller's to configure (TLS, retries) and shut down.
 */
public final class RemoteSessionStore implements SessionStore {

    private final SessionRegistryStub stub;
    private final long deadlineMillis;

    public RemoteSessionStore(Channel channel, Duration deadline) {
        this.stub = SessionRegistryGrpc.newStub(Objects.requireNonNull(channel));
        this.deadlineMillis = deadline.toMillis();
        if (deadlineMillis <= 0) {
            throw new IllegalArgumentException("deadline must be positive");
        }
    }

    @Override
    public CompletableFuture<PendingCreated> createPending(NewSession request) {
        return call(SessionRegistryStub::createPending, CreatePendingRequest.newBuilder()
                .setKey(ProtoMapping.toProto(request.key()))
                .setName(request.name())
                .setTcpSourceAddress(request.tcpSourceAddress())
                .addAllIdentifiers(request.identifiers())
                .setPassedValidation(request.passedValidation())
                .build(), response -> new PendingCreated(
                ProtoMapping.fromProto(response.getSession()),
                response.getToken(),
                response.hasReplaced()
                        ? Optional.of(new Replaced(ProtoMapping.fromProto(response.getReplaced().getSession()),
                        response.getReplaced().getReason()))
                        : Optional.empty()));
    }

    @Override
    public CompletableFuture<Optional<Session>> setDeferral(String token, DeferralState state) {
        return call(SessionRegistryStub::setDeferral, SetDeferralRequest.newBuilder()
                .setToken(token).setState(ProtoMapping.toProto(state)).build(), ProtoMapping::fromResponse);
    }

    @Override
    public CompletableFuture<Boolean> touchByToken(String token) {
        return call(SessionRegistryStub::touchToken, TouchTokenRequest.newBuilder().setToken(token).build(),
                response -> response.getAlive());
    }

    @Override
    public CompletableFuture<Optional<Session>> findByToken(String token) {
        return call(SessionRegistryStub::findByToken, FindByTokenRequest.newBuilder().setToken(token).build(),
                ProtoMapping::fromResponse);
    }

    @Override
    public CompletableFuture<Optional<Session>> findByKey(SessionKey key) {
        return call(SessionRegistryStub::findByKey, FindByKeyRequest.newBuilder().setKey(ProtoMapping.toProto(key)).build(),
                ProtoMapping::fromResponse);
    }

    @Override
    public CompletableFuture<Optional<Session>> findByTokenHash(int tokenHash) {
        return call(SessionRegistryStub::findByTokenHash, 
                FindByTokenHashRequest.newBuilder().setTokenHash(tokenHash).build(), ProtoMapping::fromResponse);
    }

    @Override
    public CompletableFuture<ConnectGateVerdict> gateConnect(int tokenHash, String sourceAddress) {
        return call(SessionRegistryStub::gateConnect, GateConnectRequest.newBuilder()
                        .setTokenHash(tokenHash).setSourceAddress(sourceAddress).build(),
                response -> ProtoMapping.fromProto(response.getVerdict()));
    }

    @Override
    public CompletableFuture<Void> lockConnectGate(int tokenHash) {
        return call(SessionRegistryStub::lockConnectGate, ConnectGateRequest.newBuilder().setTokenHash(tokenHash).build(),
                response -> null);
    }

    @Override
    public CompletableFuture<Void> clearConnectGate(int tokenHash) {
        return call(SessionRegistryStub::clearConnectGate, ConnectGateRequest.newBuilder().setTokenHash(tokenHash).build(),
                response -> null);
    }

    @Override
    public CompletableFuture<BindResult> bind(BindRequest request) {
        return call(SessionRegistryStub::bind, io.gatehouse.contracts.session.v1.BindRequest.newBuilder()
                .setKey(ProtoMapping.toProto(request.key()))
                .setToken(request.token())
                .setHolder(ProtoMapping.toProto(request.holder()))
                .setAssignSlot(request.assignSlot())
                .build(), ProtoMapping::fromProto);
    }

    @Override
    public CompletableFuture<Set<SessionKey>> heartbeat(String gatewayId, Collection<SessionKey> held) {
        return call(SessionRegistryStub::heartbeat, HeartbeatRequest.newBuilder()
                .setGatewayId(gatewayId)
                .addAllHeld(held.stream().map(ProtoMapping::toProto).toList())
                .build(), response -> {
            Set<SessionKey> lost = new LinkedHashSet<>();
            response.getLostList().forEach(key -> lost.add(ProtoMapping.fromProto(key)));
            return lost;
        });
    }

    @Override
    public CompletableFuture<Optional<Session>> remove(SessionKey key, String token, Holder expectedHolder) {
        var builder = RemoveRequest.newBuilder().setKey(ProtoMapping.toProto(key)).setToken(token);
        if (expectedHolder != null) {
            builder.setExpectedHolder(ProtoMapping.toProto(expectedHolder));
        }
        return call(SessionRegistryStub::remove, builder.build(), ProtoMapping::fromResponse);
    }

    @Override
    public CompletableFuture<List<Session>> reapExpired() {
        return call(SessionRegistryStub::reapExpired, ReapExpiredRequest.getDefaultInstance(),
                response -> response.getReapedList().stream().map(ProtoMapping::fromProto).toList());
    }

    @Override
    public CompletableFuture<PlayerCounts> counts(Game game) {
        return call(SessionRegistryStub::counts, CountsRequest.newBuilder().setGame(ProtoMapping.toProto(game)).build(),
                ProtoMapping::fromProto);
    }

    @Override
    public CompletableFuture<List<Session>> roster(Game game) {
        return call(SessionRegistryStub::roster, RosterRequest.newBuilder().setGame(ProtoMapping.toProto(game)).build(),
                response -> response.getSessionsList().stream().map(ProtoMapping::fromProto).toList());
    }

    @Override
    public CompletableFuture<Boolean> firstUse(String ticketFingerprint, Duration ttl) {
        return call(SessionRegistryStub::firstUse, FirstUseRequest.newBuilder()
                        .setTicketFingerprint(ticketFingerprint).setTtlMs(ttl.toMillis()).build(),
                response -> response.getFirst());
    }

    @Override
    public CompletableFuture<Long> recordPasswordFailure(String uuid, Duration ttl) {
        return call(SessionRegistryStub::recordPasswordFailure, RecordPasswordFailureRequest.newBuilder()
                .setUuid(uuid).setTtlMs(ttl.toMillis()).build(), response -> response.getCount());
    }

    @Override
    public CompletableFuture<Void> resetPasswordFailures(String uuid) {
        return call(SessionRegistryStub::resetPasswordFailures, 
                ResetPasswordFailuresRequest.newBuilder().setUuid(uuid).build(), response -> null);
    }

    /** A unary method of the async stub, e.g. {@code SessionRegistryStub::bind}. */
    @FunctionalInterface
    private interface Rpc<Q, R> {
        void invoke(SessionRegistryStub stub, Q request, StreamObserver<R> responses);
    }

    private <Q, R, T> CompletableFuture<T> call(Rpc<Q, R> rpc, Q request, Function<R, T> fromResponse) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            rpc.invoke(stub.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS), request, new StreamObserver<>() {
                @Override
                public void onNext(R response) {
                    try {
                        result.complete(fromResponse.apply(response));
                    } catch (RuntimeException e) {
                        result.completeExceptionally(e);
                    }
                }

                @Override
                public void onError(Throwable error) {
                    result.completeExceptionally(RegistryStatus.fromStatus(error));
                }

                @Override
                public void onCompleted() {
                    // unary: onNext already completed the future
                }
            });
        } catch (RuntimeException e) {
            // building the request failed (null argument): same shape as a failed call
            result.completeExceptionally(e);
        }
        return result;
    }
}
