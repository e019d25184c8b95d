package io.gatehouse.registry.core;

import java.util.Objects;

/**
 * The ENet handshake ({@code msgType 1}: {@code token=<t>&guid=<g>}) or a Hytale login, asking to bind the
 * session to a gateway peer and hand out the final net ID (and a OneSync slot when {@code assignSlot}).
 */
public record BindRequest(SessionKey key, String token, Holder holder, boolean assignSlot) {

    public BindRequest {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(holder, "holder");
    }

    @Override
    public String toString() {
        return "BindRequest[key=" + key + ", token=<redacted>, holder=" + holder + ", assignSlot=" + assignSlot + "]";
    }
}
