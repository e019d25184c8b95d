package io.gatehouse.registry.core;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The shared session truth across gateways (FXServer's {@code ClientRegistry}, cluster-wide).
 *
 * <p>Every method is asynchronous and never blocks the caller; refusals complete the future with
 * {@link RegistryException}. Multi-step changes are atomic. Tokens are accepted as arguments but never returned
 * (except once from {@link #createPending}) and never logged; comparisons are constant-time.
 */
public interface SessionStore extends AutoCloseable {

    // ---- pending sessions (FiveM initConnect, Hytale connect) ----

    /**
     * Creates a pending session with a fresh token, its {@code HashString} and a temporary net ID
     * {@code 0x10000 + n}. An existing session with the same key is dropped first (its net ID and slot freed)
     * and returned as {@link Replaced} with reason {@code Reconnecting}, so its holder can be told.
     */
    CompletableFuture<PendingCreated> createPending(NewSession request);

    /** Records the deferral state and touches the session; {@link DeferralState#DONE} passes validation. */
    CompletableFuture<Optional<Session>> setDeferral(String token, DeferralState state);

    /** Touches the session holding this token (getConfiguration, /files, deferral ticks); false if none. */
    CompletableFuture<Boolean> touchByToken(String token);

    // ---- lookups ----

    CompletableFuture<Optional<Session>> findByToken(String token);

    CompletableFuture<Optional<Session>> findByKey(SessionKey key);

    CompletableFuture<Optional<Session>> findByTokenHash(int tokenHash);

    // ---- ENet CONNECT gating (reference §5.3) ----

    /** Decides an ENet CONNECT whose {@code data} is {@code tokenHash}, arriving from {@code sourceAddress} (IP). */
    CompletableFuture<ConnectGateVerdict> gateConnect(int tokenHash, String sourceAddress);

    /** The ENet peer connected: no further CONNECT may use this token hash until {@link #clearConnectGate}. */
    CompletableFuture<Void> lockConnectGate(int tokenHash);

    /** The ENet peer disconnected or was reset: the token hash may connect again. */
    CompletableFuture<Void> clearConnectGate(int tokenHash);

    // ---- handshake / login ----

    /**
     * Binds the session to a gateway peer (reference §5.4): checks the token and validation, assigns the final
     * net ID if the session has none ({@code wasNew}) and, with {@code assignSlot}, a OneSync slot unless it
     * already has one. A re-bind keeps both. Refusals ({@link RegistryError#INVALID_TOKEN},
     * {@link RegistryError#NOT_VALIDATED}, {@link RegistryError#NO_SLOT}, {@link RegistryError#NO_NET_ID})
     * remove the session as FXServer does; {@link RegistryError#NO_SESSION} changes nothing.
     */
    CompletableFuture<BindResult> bind(BindRequest request);

    // ---- liveness ----

    /**
     * A gateway vouches for the players it holds, in bulk, and for itself. Returns the keys it listed that it no
     * longer holds (removed, replaced, reaped, or bound elsewhere): it should drop those peers.
     */
    CompletableFuture<Set<SessionKey>> heartbeat(String gatewayId, Collection<SessionKey> held);

    /**
     * Removes the session if {@code token} matches and, when {@code expectedHolder} is given, it is still held by
     * that gateway peer (so a late disconnect cannot remove a session that moved on). Frees its net ID and slot.
     */
    CompletableFuture<Optional<Session>> remove(SessionKey key, String token, Holder expectedHolder);

    /** Removes dead sessions per {@link ExpiryPolicy}, freeing their IDs and slots; idempotent, run it periodically. */
    CompletableFuture<List<Session>> reapExpired();

    // ---- cluster-wide views ----

    CompletableFuture<PlayerCounts> counts(Game game);

    /** Bound sessions of one game, by net ID (players.json, getinfo clients, onPlayerJoining rosters). */
    CompletableFuture<List<Session>> roster(Game game);

    // ---- cluster-wide security ----

    /** True exactly once per fingerprint within {@code ttl}: ticket anti-replay. */
    CompletableFuture<Boolean> firstUse(String ticketFingerprint, Duration ttl);

    /** Counts a failed password attempt for a Hytale uuid; the count resets {@code ttl} after the first failure. */
    CompletableFuture<Long> recordPasswordFailure(String uuid, Duration ttl);

    CompletableFuture<Void> resetPasswordFailures(String uuid);

    @Override
    default void close() {
    }
}
