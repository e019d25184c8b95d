package io.gatehouse.registry.core;

import java.util.List;
import java.util.Objects;

/**
 * A player session as the registry holds it. The connection token itself is never part of this value
 * (the store keeps only a digest), so a session can be logged or sent anywhere.
 *
 * @param tokenHash        {@code HashString(token)}, the u32 the ENet CONNECT carries
 * @param tempNetId        {@code 0x10000 + n}, the pre-connect id ({@code internal-net:<tempNetId>})
 * @param netId            final net ID (1..0xFFFE), or {@link #NO_NET_ID} while pending
 * @param slotId           OneSync slot, or {@link #NO_SLOT}
 * @param tcpSourceAddress the initConnect TCP peer address (no port)
 * @param holder           gateway and peer holding the player, or null while pending
 */
public record Session(
        SessionKey key,
        int tokenHash,
        long tempNetId,
        int netId,
        int slotId,
        boolean passedValidation,
        DeferralState deferral,
        String tcpSourceAddress,
        String name,
        List<String> identifiers,
        Holder holder,
        long createdAtMillis,
        long lastSeenMillis) {

    public static final int NO_NET_ID = 0;
    public static final int NO_SLOT = -1;

    public Session {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(deferral, "deferral");
        tcpSourceAddress = tcpSourceAddress == null ? "" : tcpSourceAddress;
        name = name == null ? "" : name;
        identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
    }

    /** FXServer's {@code HasConnected()}: a final net ID has been assigned. */
    public boolean connected() {
        return netId != NO_NET_ID;
    }

    public boolean bound() {
        return holder != null;
    }

    public Session touched(long nowMillis) {
        return new Session(key, tokenHash, tempNetId, netId, slotId, passedValidation, deferral, tcpSourceAddress,
                name, identifiers, holder, createdAtMillis, nowMillis);
    }

    public Session withDeferral(DeferralState state, long nowMillis) {
        boolean validated = passedValidation || state == DeferralState.DONE;
        return new Session(key, tokenHash, tempNetId, netId, slotId, validated, state, tcpSourceAddress,
                name, identifiers, holder, createdAtMillis, nowMillis);
    }

    public Session boundTo(Holder newHolder, int newNetId, int newSlotId, long nowMillis) {
        return new Session(key, tokenHash, tempNetId, newNetId, newSlotId, passedValidation, deferral,
                tcpSourceAddress, name, identifiers, newHolder, createdAtMillis, nowMillis);
    }
}
