package io.gatehouse.gateway.hytale.client;

import io.gatehouse.gateway.client.GuardedCalls;

import io.gatehouse.contracts.session.v1.BindRequest;
import io.gatehouse.contracts.session.v1.BindResponse;
import io.gatehouse.contracts.session.v1.CreatePendingRequest;
import io.gatehouse.contracts.session.v1.CreatePendingResponse;
import io.gatehouse.contracts.session.v1.Game;
import io.gatehouse.contracts.session.v1.HeartbeatRequest;
import io.gatehouse.contracts.session.v1.HeartbeatResponse;
import io.gatehouse.contracts.session.v1.Holder;
import io.gatehouse.contracts.session.v1.RemoveRequest;
import io.gatehouse.contracts.session.v1.SessionKey;
import io.gatehouse.contracts.session.v1.SessionRegistryGrpc;
import io.gatehouse.contracts.session.v1.SessionResponse;
import io.grpc.Channel;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's client of the session registry for Hytale players: register (a pending session that replaces any
 * older one with the same uuid, then bound to this gateway's peer, which hands out the net ID for SetClientId),
 * release on close, and the periodic heartbeat through which a gateway learns that a player logged in elsewhere.
 */
public final class HytaleRegistryClient {

    /** A registered player. The token fences {@link #release}; never log it. */
    public record Registration(SessionKey key, String token, Holder holder, int netId, Optional<Holder> replacedHolder,
                               String replacedReason) {
        @Override
        public String toString() {
            return "Registration[key=" + key.getId() + ", netId=" + netId + "]";
        }
    }

    private final SessionRegistryGrpc.SessionRegistryStub stub;
    private final GuardedCalls calls;

    public HytaleRegistryClient(Channel channel, GuardedCalls calls) {
        this.stub = SessionRegistryGrpc.newStub(channel);
        this.calls = calls;
    }

    public GuardedCalls calls() {
        return calls;
    }

    public static SessionKey key(String uuid) {
        return SessionKey.newBuilder().setGame(Game.GAME_HYTALE).setId(uuid).build();
    }

    public CompletableFuture<Registration> register(String uuid, String username, String endpoint, Holder holder) {
        SessionKey key = key(uuid);
        CompletableFuture<CreatePendingResponse> created = calls.unary(o -> stub
                .withDeadlineAfter(calls.deadlineMillis(null), TimeUnit.MILLISECONDS)
                .createPending(CreatePendingRequest.newBuilder()
                        .setKey(key)
                        .setName(username)
                        .setTcpSourceAddress(endpoint)
                        .setPassedValidation(true)
                        .build(), o));
        return created.thenCompose(pending -> calls.<BindResponse>unary(o -> stub
                        .withDeadlineAfter(calls.deadlineMillis(null), TimeUnit.MILLISECONDS)
                        .bind(BindRequest.newBuilder()
                                .setKey(key)
                                .setToken(pending.getToken())
                                .setHolder(holder)
                                .build(), o))
                .thenApply(bound -> {
                    Optional<Holder> replaced = pending.hasReplaced() && pending.getReplaced().getSession().hasHolder()
                            ? Optional.of(pending.getReplaced().getSession().getHolder()) : Optional.empty();
                    return new Registration(key, pending.getToken(), holder, bound.getSession().getNetId(), replaced,
                            pending.hasReplaced() ? pending.getReplaced().getReason() : "");
                }));
    }

    public CompletableFuture<SessionResponse> release(Registration registration) {
        return calls.unary(o -> stub.withDeadlineAfter(calls.deadlineMillis(null), TimeUnit.MILLISECONDS)
                .remove(RemoveRequest.newBuilder()
                        .setKey(registration.key())
                        .setToken(registration.token())
                        .setExpectedHolder(registration.holder())
                        .build(), o));
    }

    /** Returns the uuids this gateway listed but no longer holds. */
    public CompletableFuture<List<String>> heartbeat(String gatewayId, Collection<String> heldUuids) {
        HeartbeatRequest.Builder request = HeartbeatRequest.newBuilder().setGatewayId(gatewayId);
        heldUuids.forEach(uuid -> request.addHeld(key(uuid)));
        // past the breaker: after an outage the heartbeat must land before any reaper may judge us dead
        return calls.<HeartbeatResponse>unaryUnguarded(o -> stub
                        .withDeadlineAfter(calls.deadlineMillis(null), TimeUnit.MILLISECONDS)
                        .heartbeat(request.build(), o))
                .thenApply(response -> response.getLostList().stream()
                        .filter(k -> k.getGame() == Game.GAME_HYTALE)
                        .map(SessionKey::getId)
                        .toList());
    }
}
