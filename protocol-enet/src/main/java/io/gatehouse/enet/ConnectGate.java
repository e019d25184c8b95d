package io.gatehouse.enet;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletionStage;

/**
 * Decides whether an incoming CONNECT may create a peer (FiveM's {@code validateDataCb}). Asked once per new
 * (address, connectID); retransmissions are ignored while the answer is pending. {@code false}, an exception or
 * no answer within the host's gate timeout drops the CONNECT without any reply.
 */
@FunctionalInterface
public interface ConnectGate {
    CompletionStage<Boolean> admit(InetSocketAddress from, int connectData);
}
