package io.gatehouse.registry.grpc;

import io.gatehouse.contracts.session.v1.BindResponse;
import io.gatehouse.contracts.session.v1.ConnectGateRequest;
import io.gatehouse.contracts.session.v1.ConnectGateResponse;
import io.gatehouse.contracts.session.v1.CountsRequest;
import io.gatehouse.contracts.session.v1.CountsResponse;
import io.gatehouse.contracts.session.v1.CreatePendingRequest;
import io.gatehouse.contracts.session.v1.CreatePendingResponse;
import io.gatehouse.contracts.session.v1.FindByKeyRequest;
import io.gatehouse.contracts.session.v1.FindByTokenHashRequest;
import io.gatehouse.contracts.session.v1.FindByTokenRequest;
import io.gatehouse.contracts.session.v1.FirstUseRequest;
import io.gatehouse.contracts.session.v1.FirstUseResponse;
import io.gatehouse.contracts.session.v1.GateConnectRequest;
import io.gatehouse.contracts.session.v1.GateConnectResponse;
import io.gatehouse.contracts.session.v1.HeartbeatRequest;
import io.gatehouse.contracts.session.v1.HeartbeatResponse;
import io.gatehouse.contracts.session.v1.ReapExpiredRequest;
import io.gatehouse.contracts.session.v1.ReapExpiredResponse;
import io.gatehouse.contracts.session.v1.RecordPasswordFailureRequest;
import io.gatehouse.contracts.session.v1.RecordPasswordFailureResponse;
import io.gatehouse.contracts.session.v1.RemoveRequest;
import io.gatehouse.contracts.session.v1.ResetPasswordFailuresRequest;
import io.gatehouse.contracts.session.v1.ResetPasswordFailuresResponse;
import io.gatehouse.contracts.session.v1.RosterRequest;
import io.gatehouse.contracts.session.v1.RosterResponse;
import io.gatehouse.contracts.session.v1.SessionRegistryGrpc;
import io.gatehouse.contracts.session.v1.SessionResponse;
import io.gatehouse.contracts.session.v1.SetDeferralRequest;
import io.gatehouse.contracts.session.v1.TouchTokenRequest;
import io.gatehouse.contracts.session.v1.TouchTokenResponse;
import io.gatehouse.registry.core.BindRequest;
import io.gatehouse.registry.core.NewSession;
import io.gatehouse.registry.core.RegistryException;
import io.gatehouse.registry.core.SessionKey;
import io.gatehouse.registry.core.SessionStore;
import io.gatehouse.contracts.session.v1.ClusterEvent;
import io.gatehouse.contracts.session.v1.SessionReplaced;
import io.gatehouse.registry.events.ClusterEvents;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The {@code SessionRegistry} gRPC service over a {@link SessionStore}. Each call starts a store future and answers
 * when it completes; no gRPC thread ever waits on Redis. Requests are never logged (they carry tokens).
 */
public final class SessionRegistryService extends SessionRegistryGrpc.SessionRegistryImplBase {

    private static final Logger log = LoggerFactory.getLogger(SessionRegistryService.class);

    private final SessionStore store;
    private final ClusterEvents events;

    public SessionRegistryService(SessionStore store) {
        this(store, null);
    }

    /** With {@code events}, every replaced session and moved binding is announced so its old holder lets go now. */
    public SessionRegistryService(SessionStore store, ClusterEvents events) {
        this.store = Objects.requireNonNull(store);
        this.events = events;
    }

    private void announceReplaced(io.gatehouse.registry.core.SessionKey key,
                                  io.gatehouse.registry.core.Holder oldHolder, String reason) {
        if (events == null || oldHolder == null) {
            return; // a pending session has no peer anywhere to drop
        }
        ClusterEvent event = ClusterEvent.newBuilder()
                .setOrigin("session-registry")
                .setPublishedAtMs(System.currentTimeMillis())
                .setSessionReplaced(SessionReplaced.newBuilder()
                        .setKey(ProtoMapping.toProto(key))
                        .setOldHolder(ProtoMapping.toProto(oldHolder))
                        .setReason(reason))
                .build();
        events.publish(event).whenComplete((ignored, error) -> {
            if (error != null) {
                log.debug("announcing a replaced session failed ({}); its gateway learns at its next heartbeat",
                        error.getClass().getSimpleName());
            }
        });
    }

    @Override
    public void createPending(CreatePendingRequest request, StreamObserver<CreatePendingResponse> out) {
        answer(out, () -> store.createPending(new NewSession(ProtoMapping.fromProto(request.getKey()),
                request.getName(), request.getTcpSourceAddress(), request.getIdentifiersList(),
                request.getPassedValidation())).thenApply(created -> {
                    created.replaced().ifPresent(r -> announceReplaced(r.session().key(),
                            r.session().holder(), r.reason()));
                    return created;
                }), created -> {
            var builder = CreatePendingResponse.newBuilder()
                    .setSession(ProtoMapping.toProto(created.session()))
                    .setToken(created.token());
            created.replaced().ifPresent(replaced -> builder.setReplaced(
                    io.gatehouse.contracts.session.v1.Replaced.newBuilder()
                            .setSession(ProtoMapping.toProto(replaced.session()))
                            .setReason(replaced.reason())));
            return builder.build();
        });
    }

    @Override
    public void setDeferral(SetDeferralRequest request, StreamObserver<SessionResponse> out) {
        answer(out, () -> store.setDeferral(request.getToken(), ProtoMapping.fromProto(request.getState())),
                ProtoMapping::toResponse);
    }

    @Override
    public void touchToken(TouchTokenRequest request, StreamObserver<TouchTokenResponse> out) {
        answer(out, () -> store.touchByToken(request.getToken()),
                alive -> TouchTokenResponse.newBuilder().setAlive(alive).build());
    }

    @Override
    public void findByToken(FindByTokenRequest request, StreamObserver<SessionResponse> out) {
        answer(out, () -> store.findByToken(request.getToken()), ProtoMapping::toResponse);
    }

    @Override
    public void findByKey(FindByKeyRequest request, StreamObserver<SessionResponse> out) {
        answer(out, () -> store.findByKey(ProtoMapping.fromProto(request.getKey())), ProtoMapping::toResponse);
    }

    @Override
    public void findByTokenHash(FindByTokenHashRequest request, StreamObserver<SessionResponse> out) {
        answer(out, () -> store.findByTokenHash(request.getTokenHash()), ProtoMapping::toResponse);
    }

    @Override
    public void gateConnect(GateConnectRequest request, StreamObserver<GateConnectResponse> out) {
        answer(out, () -> store.gateConnect(request.getTokenHash(), request.getSourceAddress()),
                verdict -> GateConnectResponse.newBuilder().setVerdict(ProtoMapping.toProto(verdict)).build());
    }

    @Override
    public void lockConnectGate(ConnectGateRequest request, StreamObserver<ConnectGateResponse> out) {
        answer(out, () -> store.lockConnectGate(request.getTokenHash()),
                ignored -> ConnectGateResponse.getDefaultInstance());
    }

    @Override
    public void clearConnectGate(ConnectGateRequest request, StreamObserver<ConnectGateResponse> out) {
        answer(out, () -> store.clearConnectGate(request.getTokenHash()),
                ignored -> ConnectGateResponse.getDefaultInstance());
    }

    @Override
    public void bind(io.gatehouse.contracts.session.v1.BindRequest request, StreamObserver<BindResponse> out) {
        answer(out, () -> {
            if (!request.hasHolder()) {
                throw new IllegalArgumentException("holder must be set");
            }
            var holder = ProtoMapping.fromProto(request.getHolder());
            return store.bind(new BindRequest(ProtoMapping.fromProto(request.getKey()), request.getToken(),
                    holder, request.getAssignSlot())).thenApply(result -> {
                        // the same gateway handles its own re-binds; another gateway's peer must be told
                        result.previousHolder().filter(previous -> !previous.gatewayId().equals(holder.gatewayId()))
                                .ifPresent(previous -> announceReplaced(result.session().key(), previous,
                                        io.gatehouse.registry.core.Replaced.RECONNECTING));
                        return result;
                    });
        }, ProtoMapping::toProto);
    }

    @Override
    public void heartbeat(HeartbeatRequest request, StreamObserver<HeartbeatResponse> out) {
        answer(out, () -> {
            List<SessionKey> held = request.getHeldList().stream().map(ProtoMapping::fromProto).toList();
            return store.heartbeat(request.getGatewayId(), held);
        }, lost -> HeartbeatResponse.newBuilder()
                .addAllLost(lost.stream().map(ProtoMapping::toProto).toList()).build());
    }

    @Override
    public void remove(RemoveRequest request, StreamObserver<SessionResponse> out) {
        answer(out, () -> store.remove(ProtoMapping.fromProto(request.getKey()), request.getToken(),
                request.hasExpectedHolder() ? ProtoMapping.fromProto(request.getExpectedHolder()) : null),
                ProtoMapping::toResponse);
    }

    @Override
    public void reapExpired(ReapExpiredRequest request, StreamObserver<ReapExpiredResponse> out) {
        answer(out, store::reapExpired, reaped -> ReapExpiredResponse.newBuilder()
                .addAllReaped(reaped.stream().map(ProtoMapping::toProto).toList()).build());
    }

    @Override
    public void counts(CountsRequest request, StreamObserver<CountsResponse> out) {
        answer(out, () -> store.counts(ProtoMapping.fromProto(request.getGame())), ProtoMapping::toProto);
    }

    @Override
    public void roster(RosterRequest request, StreamObserver<RosterResponse> out) {
        answer(out, () -> store.roster(ProtoMapping.fromProto(request.getGame())), sessions -> RosterResponse
                .newBuilder().addAllSessions(sessions.stream().map(ProtoMapping::toProto).toList()).build());
    }

    @Override
    public void firstUse(FirstUseRequest request, StreamObserver<FirstUseResponse> out) {
        answer(out, () -> store.firstUse(request.getTicketFingerprint(), Duration.ofMillis(request.getTtlMs())),
                first -> FirstUseResponse.newBuilder().setFirst(first).build());
    }

    @Override
    public void recordPasswordFailure(RecordPasswordFailureRequest request,
                                      StreamObserver<RecordPasswordFailureResponse> out) {
        answer(out, () -> store.recordPasswordFailure(request.getUuid(), Duration.ofMillis(request.getTtlMs())),
                count -> RecordPasswordFailureResponse.newBuilder().setCount(count).build());
    }

    @Override
    public void resetPasswordFailures(ResetPasswordFailuresRequest request,
                                      StreamObserver<ResetPasswordFailuresResponse> out) {
        answer(out, () -> store.resetPasswordFailures(request.getUuid()),
                ignored -> ResetPasswordFailuresResponse.getDefaultInstance());
    }

    private static <T, R> void answer(StreamObserver<R> out, Supplier<CompletableFuture<T>> call,
                                      Function<T, R> toResponse) {
        CompletableFuture<T> future;
        try {
            future = call.get();
        } catch (RuntimeException e) {
            fail(out, e);
            return;
        }
        future.whenComplete((value, error) -> {
            if (error != null) {
                fail(out, error);
                return;
            }
            R response;
            try {
                response = toResponse.apply(value);
            } catch (RuntimeException e) {
                fail(out, e);
                return;
            }
            try {
                out.onNext(response);
                out.onCompleted();
            } catch (StatusRuntimeException callAlreadyGone) {
                // the client cancelled or its deadline passed; nobody is listening any more
            }
        });
    }

    private static void fail(StreamObserver<?> out, Throwable error) {
        StatusRuntimeException status = RegistryStatus.toStatus(error);
        if (status.getStatus().getCode() == Status.Code.UNAVAILABLE) {
            // only the failure's type: store errors may echo script arguments
            log.warn("session store call failed: {}", status.getStatus().getCause() == null ? "unknown"
                    : status.getStatus().getCause().getClass().getName());
        } else if (!(error instanceof RegistryException) && !(error.getCause() instanceof RegistryException)) {
            log.debug("session registry call refused: {}", status.getStatus().getCode());
        }
        try {
            out.onError(status);
        } catch (StatusRuntimeException callAlreadyGone) {
            // the client cancelled or its deadline passed
        }
    }
}
