package io.gatehouse.gateway.fivem.udp;

import io.gatehouse.contracts.session.v1.BindRequest;
import io.gatehouse.contracts.session.v1.BindResponse;
import io.gatehouse.contracts.session.v1.ConnectGateRequest;
import io.gatehouse.contracts.session.v1.ConnectGateResponse;
import io.gatehouse.contracts.session.v1.ConnectGateVerdict;
import io.gatehouse.contracts.session.v1.CountsRequest;
import io.gatehouse.contracts.session.v1.CountsResponse;
import io.gatehouse.contracts.session.v1.Game;
import io.gatehouse.contracts.session.v1.GateConnectRequest;
import io.gatehouse.contracts.session.v1.GateConnectResponse;
import io.gatehouse.contracts.session.v1.HeartbeatRequest;
import io.gatehouse.contracts.session.v1.HeartbeatResponse;
import io.gatehouse.contracts.session.v1.Holder;
import io.gatehouse.contracts.session.v1.RemoveRequest;
import io.gatehouse.contracts.session.v1.RosterRequest;
import io.gatehouse.contracts.session.v1.RosterResponse;
import io.gatehouse.contracts.session.v1.SessionKey;
import io.gatehouse.contracts.session.v1.SessionRegistryGrpc;
import io.gatehouse.contracts.session.v1.SessionResponse;
import io.gatehouse.gateway.client.GuardedCalls;
import io.grpc.Channel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * The FiveM UDP path's calls to the session registry (gRPC {@code SessionRegistry}), each guarded by a deadline and
 * the registry circuit breaker. Futures complete off the ENet loop; callers hop back. Tokens travel only in request
 * bodies and are never logged.
 */
public final class FivemRegistryClient {

    static final Metadata.Key<String> REFUSAL_KEY =
            Metadata.Key.of("gatehouse-registry-error", Metadata.ASCII_STRING_MARSHALLER);

    private final SessionRegistryGrpc.SessionRegistryStub stub;
    private final GuardedCalls calls;

    public FivemRegistryClient(Channel channel, GuardedCalls calls) {
        this.stub = SessionRegistryGrpc.newStub(channel);
        this.calls = calls;
    }

    public GuardedCalls calls() {
        return calls;
    }

    static SessionKey key(String guid) {
        return SessionKey.newBuilder().setGame(Game.GAME_FIVEM).setId(guid).build();
    }

    private SessionRegistryGrpc.SessionRegistryStub stub() {
        return stub.withDeadlineAfter(calls.deadlineMillis(null), TimeUnit.MILLISECONDS);
    }

    public CompletableFuture<ConnectGateVerdict> gateConnect(int tokenHash, String sourceAddress) {
        return calls.<GateConnectResponse>unary(o -> stub().gateConnect(GateConnectRequest.newBuilder()
                        .setTokenHash(tokenHash).setSourceAddress(sourceAddress).build(), o))
                .thenApply(GateConnectResponse::getVerdict);
    }

    public CompletableFuture<ConnectGateResponse> lockConnectGate(int tokenHash) {
        return calls.unary(o -> stub().lockConnectGate(
                ConnectGateRequest.newBuilder().setTokenHash(tokenHash).build(), o));
    }

    public CompletableFuture<ConnectGateResponse> clearConnectGate(int tokenHash) {
        return calls.unary(o -> stub().clearConnectGate(
                ConnectGateRequest.newBuilder().setTokenHash(tokenHash).build(), o));
    }

    public CompletableFuture<BindResponse> bind(String guid, String token, Holder holder) {
        // OneSync is always on: the registry hands out a slot (its table size decides big mode)
        return calls.unary(o -> stub().bind(BindRequest.newBuilder().setKey(key(guid)).setToken(token)
                .setHolder(holder).setAssignSlot(true).build(), o));
    }

    public CompletableFuture<SessionResponse> remove(String guid, String token, Holder expectedHolder) {
        return calls.unary(o -> stub().remove(RemoveRequest.newBuilder().setKey(key(guid)).setToken(token)
                .setExpectedHolder(expectedHolder).build(), o));
    }

    /** The guids this gateway listed but no longer holds. */
    public CompletableFuture<List<String>> heartbeat(String gatewayId, Collection<String> guids) {
        HeartbeatRequest.Builder request = HeartbeatRequest.newBuilder().setGatewayId(gatewayId);
        guids.forEach(guid -> request.addHeld(key(guid)));
        HeartbeatRequest built = request.build();
        // past the breaker: after an outage the heartbeat must land before any reaper may judge us dead
        return calls.<HeartbeatResponse>unaryUnguarded(o -> stub().heartbeat(built, o))
                .thenApply(r -> r.getLostList().stream().filter(k -> k.getGame() == Game.GAME_FIVEM)
                        .map(SessionKey::getId).toList());
    }

    public CompletableFuture<RosterResponse> roster() {
        return calls.unary(o -> stub().roster(RosterRequest.newBuilder().setGame(Game.GAME_FIVEM).build(), o));
    }

    public CompletableFuture<CountsResponse> counts() {
        return calls.unary(o -> stub().counts(CountsRequest.newBuilder().setGame(Game.GAME_FIVEM).build(), o));
    }

    /** The registry's refusal name ({@code INVALID_TOKEN}, {@code NO_SESSION}, ...), or empty for an outage. */
    static Optional<String> refusal(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof StatusRuntimeException s && s.getTrailers() != null) {
            return Optional.ofNullable(s.getTrailers().get(REFUSAL_KEY));
        }
        return Optional.empty();
    }
}
