package io.gatehouse.auth.hytale.grpc;

import com.google.protobuf.ByteString;
import io.gatehouse.auth.hytale.AuthTokenDecision;
import io.gatehouse.auth.hytale.ClientKind;
import io.gatehouse.auth.hytale.ConnectDecision;
import io.gatehouse.auth.hytale.HytaleAuthenticator;
import io.gatehouse.auth.hytale.PasswordDecision;
import io.gatehouse.contracts.auth.v1.AuthGrant;
import io.gatehouse.contracts.auth.v1.BeginLoginReply;
import io.gatehouse.contracts.auth.v1.BeginLoginRequest;
import io.gatehouse.contracts.auth.v1.CheckPasswordReply;
import io.gatehouse.contracts.auth.v1.CheckPasswordRequest;
import io.gatehouse.contracts.auth.v1.CompleteLoginReply;
import io.gatehouse.contracts.auth.v1.CompleteLoginRequest;
import io.gatehouse.contracts.auth.v1.ConnectAccept;
import io.gatehouse.contracts.auth.v1.HytaleAuthGrpc;
import io.gatehouse.contracts.auth.v1.HytaleClient;
import io.gatehouse.contracts.auth.v1.PasswordAccepted;
import io.gatehouse.contracts.auth.v1.PasswordRejected;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * {@code gatehouse.auth.v1.HytaleAuth} over the {@link HytaleAuthenticator} façade. Every call subscribes to the
 * façade's Mono and answers when it completes, so no gRPC thread ever waits on the session service; a cancelled
 * call (gateway deadline, player gone) disposes the work in flight.
 */
public final class HytaleAuthGrpcService extends HytaleAuthGrpc.HytaleAuthImplBase {

    private static final Logger log = LoggerFactory.getLogger(HytaleAuthGrpcService.class);

    private final HytaleAuthenticator authenticator;

    public HytaleAuthGrpcService(HytaleAuthenticator authenticator) {
        this.authenticator = Objects.requireNonNull(authenticator);
    }

    @Override
    public void beginLogin(BeginLoginRequest request, StreamObserver<BeginLoginReply> responses) {
        HytaleClient client = request.getClient();
        UUID uuid;
        ClientKind kind;
        try {
            uuid = client.getUuid().isEmpty() ? null : UUID.fromString(client.getUuid());
            kind = ClientKind.fromWire(client.getClientType());
        } catch (IllegalArgumentException e) {
            responses.onError(AuthFailures.invalidArgument("malformed client identity"));
            return;
        }
        String username = client.getUsername().isEmpty() ? null : client.getUsername();
        HytaleAuthenticator.ConnectRequest connect = new HytaleAuthenticator.ConnectRequest(uuid, username,
                request.getIdentityToken(), kind, client.getCertificateFingerprint());
        answer(authenticator.onConnect(connect), responses, decision -> {
            if (decision instanceof ConnectDecision.SendAuthGrant grant) {
                return BeginLoginReply.newBuilder()
                        .setAuthGrant(AuthGrant.newBuilder()
                                .setAuthorizationGrant(grant.authorizationGrant())
                                .setServerIdentityToken(grant.serverIdentityToken()))
                        .build();
            }
            if (decision instanceof ConnectDecision.AcceptInsecure accept) {
                return BeginLoginReply.newBuilder()
                        .setConnectAccept(ConnectAccept.newBuilder()
                                .setPasswordChallenge(bytes(accept.passwordChallenge())))
                        .build();
            }
            throw AuthFailures.refusal(((ConnectDecision.Refuse) decision).disconnectReason());
        });
    }

    @Override
    public void completeLogin(CompleteLoginRequest request, StreamObserver<CompleteLoginReply> responses) {
        HytaleClient client = request.getClient();
        UUID uuid;
        try {
            uuid = UUID.fromString(client.getUuid());
        } catch (IllegalArgumentException e) {
            responses.onError(AuthFailures.invalidArgument("malformed client identity"));
            return;
        }
        HytaleAuthenticator.AuthTokenRequest token = new HytaleAuthenticator.AuthTokenRequest(uuid,
                client.getUsername(), request.getAccessToken(), request.getServerAuthorizationGrant(),
                emptyToNull(client.getCertificateFingerprint()), emptyToNull(client.getServerCertificateFingerprint()));
        answer(authenticator.onAuthToken(token), responses, decision -> {
            if (decision instanceof AuthTokenDecision.SendServerAuthToken send) {
                return CompleteLoginReply.newBuilder()
                        .setServerAccessToken(send.serverAccessToken())
                        .setPasswordChallenge(bytes(send.passwordChallenge()))
                        .build();
            }
            throw AuthFailures.refusal(((AuthTokenDecision.Refuse) decision).disconnectReason());
        });
    }

    @Override
    public void checkPassword(CheckPasswordRequest request, StreamObserver<CheckPasswordReply> responses) {
        UUID uuid;
        try {
            uuid = UUID.fromString(request.getClient().getUuid());
        } catch (IllegalArgumentException e) {
            responses.onError(AuthFailures.invalidArgument("malformed client identity"));
            return;
        }
        answer(authenticator.onPasswordResponse(uuid, request.getChallenge().toByteArray(),
                request.getHash().toByteArray()), responses, decision -> {
            if (decision instanceof PasswordDecision.Accepted) {
                return CheckPasswordReply.newBuilder().setAccepted(PasswordAccepted.getDefaultInstance()).build();
            }
            if (decision instanceof PasswordDecision.Rejected rejected) {
                return CheckPasswordReply.newBuilder()
                        .setRejected(PasswordRejected.newBuilder()
                                .setNewChallenge(bytes(rejected.newChallenge()))
                                .setAttemptsRemaining(rejected.attemptsRemaining()))
                        .build();
            }
            throw AuthFailures.refusal(((PasswordDecision.Refuse) decision).disconnectReason());
        });
    }

    /** Subscribes, maps the decision, answers once; cancellation of the call disposes the work in flight. */
    private static <D, R> void answer(Mono<D> decision, StreamObserver<R> responses, Function<D, R> toReply) {
        AtomicReference<Disposable> work = new AtomicReference<>();
        if (responses instanceof ServerCallStreamObserver<R> call) {
            call.setOnCancelHandler(() -> {
                Disposable running = work.get();
                if (running != null) {
                    running.dispose();
                }
            });
        }
        work.set(decision.subscribe(
                value -> {
                    R reply;
                    try {
                        reply = toReply.apply(value);
                    } catch (StatusRuntimeException refusal) {
                        safely(() -> responses.onError(refusal));
                        return;
                    }
                    safely(() -> {
                        responses.onNext(reply);
                        responses.onCompleted();
                    });
                },
                error -> {
                    log.error("Hytale login step failed unexpectedly", error);
                    safely(() -> responses.onError(AuthFailures.internal()));
                }));
    }

    /** The caller may have gone (deadline, cancel) by the time the decision arrives: nothing to answer then. */
    private static void safely(Runnable answer) {
        try {
            answer.run();
        } catch (StatusRuntimeException | IllegalStateException callGone) {
            log.debug("Hytale login answer dropped: {}", callGone.toString());
        }
    }

    private static ByteString bytes(byte[] value) {
        return value == null ? ByteString.EMPTY : ByteString.copyFrom(value);
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
