package io.gatehouse.gateway.hytale.client;

import io.gatehouse.gateway.client.GuardedCalls;

import io.gatehouse.contracts.auth.v1.BeginLoginReply;
import io.gatehouse.contracts.auth.v1.BeginLoginRequest;
import io.gatehouse.contracts.auth.v1.CheckPasswordReply;
import io.gatehouse.contracts.auth.v1.CheckPasswordRequest;
import io.gatehouse.contracts.auth.v1.CompleteLoginReply;
import io.gatehouse.contracts.auth.v1.CompleteLoginRequest;
import io.gatehouse.contracts.auth.v1.HytaleAuthGrpc;
import io.grpc.Channel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's client of {@code HytaleAuth}. BeginLogin and CompleteLogin reach the Hytale session service, so
 * they get {@code sessionServiceDeadline} (below the 15–30 s login stages) instead of the short default.
 */
public final class HytaleAuthClient {

    private final HytaleAuthGrpc.HytaleAuthStub stub;
    private final GuardedCalls calls;
    private final Duration sessionServiceDeadline;

    public HytaleAuthClient(Channel channel, GuardedCalls calls, Duration sessionServiceDeadline) {
        this.stub = HytaleAuthGrpc.newStub(channel);
        this.calls = calls;
        this.sessionServiceDeadline = sessionServiceDeadline;
    }

    public GuardedCalls calls() {
        return calls;
    }

    public CompletableFuture<BeginLoginReply> beginLogin(BeginLoginRequest request) {
        return calls.unary(observer -> stub
                .withDeadlineAfter(calls.deadlineMillis(sessionServiceDeadline), TimeUnit.MILLISECONDS)
                .beginLogin(request, observer));
    }

    public CompletableFuture<CompleteLoginReply> completeLogin(CompleteLoginRequest request) {
        return calls.unary(observer -> stub
                .withDeadlineAfter(calls.deadlineMillis(sessionServiceDeadline), TimeUnit.MILLISECONDS)
                .completeLogin(request, observer));
    }

    public CompletableFuture<CheckPasswordReply> checkPassword(CheckPasswordRequest request) {
        return calls.unary(observer -> stub
                .withDeadlineAfter(calls.deadlineMillis(null), TimeUnit.MILLISECONDS)
                .checkPassword(request, observer));
    }
}
