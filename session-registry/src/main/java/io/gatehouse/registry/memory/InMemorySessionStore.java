package io.gatehouse.registry.memory;

import io.gatehouse.registry.core.BindRequest;
import io.gatehouse.registry.core.BindResult;
import io.gatehouse.registry.core.ConnectGatePolicy;
import io.gatehouse.registry.core.ConnectGateVerdict;
import io.gatehouse.registry.core.ConnectionTokens;
import io.gatehouse.registry.core.DeferralState;
import io.gatehouse.registry.core.ExpiryPolicy;
import io.gatehouse.registry.core.Game;
import io.gatehouse.registry.core.Holder;
import io.gatehouse.registry.core.NetIdAllocator;
import io.gatehouse.registry.core.NewSession;
import io.gatehouse.registry.core.PendingCreated;
import io.gatehouse.registry.core.PlayerCounts;
import io.gatehouse.registry.core.RegistryError;
import io.gatehouse.registry.core.RegistryException;
import io.gatehouse.registry.core.RegistrySettings;
import io.gatehouse.registry.core.Replaced;
import io.gatehouse.registry.core.Session;
import io.gatehouse.registry.core.SessionKey;
import io.gatehouse.registry.core.SessionStore;
import io.gatehouse.registry.core.SlotAllocator;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The all-in-one store: one JVM, one lock. Every operation is a few map updates, so a single monitor is both the
 * simplest way to make multi-map changes atomic and fast enough for a 2048-player server.
 */
public final class InMemorySessionStore implements SessionStore {

    private static final long TEMP_NET_ID_BASE = 0x10000;

    private final RegistrySettings settings;
    private final Clock clock;
    private final ConnectionTokens tokens;

    private final Object lock = new Object();
    private final Map<SessionKey, Stored> sessions = new HashMap<>();
    private final Map<String, SessionKey> byTokenDigest = new HashMap<>();
    private final Map<Integer, SessionKey> byTokenHash = new HashMap<>();
    private final Map<Integer, ConnectGatePolicy.Entry> gates = new HashMap<>();
    private final Map<Game, Tables> tables = new EnumMap<>(Game.class);
    private final Map<String, Long> gatewayHeartbeats = new HashMap<>();
    private final Map<String, Long> ticketDeadlines = new HashMap<>();
    private final Map<String, PasswordFailures> passwordFailures = new HashMap<>();
    private long tempIdCounter;

    private record Stored(Session session, byte[] tokenDigest, String tokenDigestHex) {
        Stored with(Session updated) {
            return new Stored(updated, tokenDigest, tokenDigestHex);
        }
    }

    private static final class Tables {
        final Map<Integer, SessionKey> netIds = new HashMap<>();
        final Map<Integer, SessionKey> slots = new HashMap<>();
        int netIdCursor = NetIdAllocator.FIRST_NET_ID;
    }

    private record PasswordFailures(long count, long resetAtMillis) {
    }

    public InMemorySessionStore(RegistrySettings settings, Clock clock, ConnectionTokens tokens) {
        this.settings = Objects.requireNonNull(settings);
        this.clock = Objects.requireNonNull(clock);
        this.tokens = Objects.requireNonNull(tokens);
        for (Game game : Game.values()) {
            tables.put(game, new Tables());
        }
    }

    public InMemorySessionStore(RegistrySettings settings, Clock clock) {
        this(settings, clock, new ConnectionTokens());
    }

    public InMemorySessionStore() {
        this(RegistrySettings.defaults(), Clock.systemUTC());
    }

    @Override
    public CompletableFuture<PendingCreated> createPending(NewSession request) {
        return locked(() -> {
            long now = clock.millis();
            Optional<Replaced> replaced = Optional.ofNullable(sessions.get(request.key()))
                    .map(old -> Replaced.reconnecting(drop(old.session().key())));
            String token = tokens.newToken();
            byte[] digest = ConnectionTokens.digestBytes(token);
            String digestHex = ConnectionTokens.digest(token);
            int tokenHash = ConnectionTokens.hashString(token);
            Session session = new Session(request.key(), tokenHash, TEMP_NET_ID_BASE + tempIdCounter++,
                    Session.NO_NET_ID, Session.NO_SLOT, request.passedValidation(),
                    request.passedValidation() ? DeferralState.DONE : DeferralState.NONE,
                    request.tcpSourceAddress(), request.name(), request.identifiers(), null, now, now);
            sessions.put(request.key(), new Stored(session, digest, digestHex));
            byTokenDigest.put(digestHex, request.key());
            byTokenHash.put(tokenHash, request.key());
            gates.remove(tokenHash);
            return new PendingCreated(session, token, replaced);
        });
    }

    @Override
    public CompletableFuture<Optional<Session>> setDeferral(String token, DeferralState state) {
        return locked(() -> storedByToken(token).map(stored -> {
            Session updated = stored.session().withDeferral(Objects.requireNonNull(state, "state"), clock.millis());
            sessions.put(updated.key(), stored.with(updated));
            return updated;
        }));
    }

    @Override
    public CompletableFuture<Boolean> touchByToken(String token) {
        return locked(() -> storedByToken(token).map(stored -> {
            sessions.put(stored.session().key(), stored.with(stored.session().touched(clock.millis())));
            return true;
        }).orElse(false));
    }

    @Override
    public CompletableFuture<Optional<Session>> findByToken(String token) {
        return locked(() -> storedByToken(token).map(Stored::session));
    }

    @Override
    public CompletableFuture<Optional<Session>> findByKey(SessionKey key) {
        return locked(() -> Optional.ofNullable(sessions.get(Objects.requireNonNull(key, "key"))).map(Stored::session));
    }

    @Override
    public CompletableFuture<Optional<Session>> findByTokenHash(int tokenHash) {
        return locked(() -> Optional.ofNullable(byTokenHash.get(tokenHash))
                .map(sessions::get).map(Stored::session));
    }

    @Override
    public CompletableFuture<ConnectGateVerdict> gateConnect(int tokenHash, String sourceAddress) {
        return locked(() -> {
            Objects.requireNonNull(sourceAddress, "sourceAddress");
            SessionKey key = byTokenHash.get(tokenHash);
            if (key == null || !sessions.containsKey(key)) {
                return ConnectGateVerdict.UNKNOWN_TOKEN;
            }
            ConnectGatePolicy.Decision decision = ConnectGatePolicy.decide(gates.get(tokenHash), sourceAddress);
            gates.put(tokenHash, decision.entry());
            return decision.verdict();
        });
    }

    @Override
    public CompletableFuture<Void> lockConnectGate(int tokenHash) {
        return locked(() -> {
            ConnectGatePolicy.Entry entry = gates.get(tokenHash);
            if (entry != null) {
                gates.put(tokenHash, new ConnectGatePolicy.Entry(entry.sourceAddress(), ConnectGatePolicy.LOCKED));
            }
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> clearConnectGate(int tokenHash) {
        return locked(() -> {
            gates.remove(tokenHash);
            return null;
        });
    }

    @Override
    public CompletableFuture<BindResult> bind(BindRequest request) {
        return locked(() -> {
            SessionKey key = request.key();
            Stored stored = sessions.get(key);
            if (stored == null) {
                throw new RegistryException(RegistryError.NO_SESSION);
            }
            if (!ConnectionTokens.matches(request.token(), stored.tokenDigest())) {
                throw dropAndRefuse(key, RegistryError.INVALID_TOKEN);
            }
            Session session = stored.session();
            if (!session.passedValidation()) {
                throw dropAndRefuse(key, RegistryError.NOT_VALIDATED);
            }
            Tables table = tables.get(key.game());
            int slot = session.slotId();
            if (request.assignSlot() && slot == Session.NO_SLOT) {
                slot = SlotAllocator.pick(settings.slotTableSize(), table.slots::containsKey);
                if (slot == Session.NO_SLOT) {
                    throw dropAndRefuse(key, RegistryError.NO_SLOT);
                }
            }
            int netId = session.netId();
            boolean wasNew = false;
            if (netId == Session.NO_NET_ID) {
                NetIdAllocator.Allocation allocation = NetIdAllocator.allocate(
                        table.netIdCursor, settings.netIdCeiling(), table.netIds::containsKey);
                if (allocation == null) {
                    throw dropAndRefuse(key, RegistryError.NO_NET_ID);
                }
                table.netIdCursor = allocation.nextCursor();
                netId = allocation.netId();
                wasNew = true;
            }
            if (slot != Session.NO_SLOT) {
                table.slots.put(slot, key);
            }
            table.netIds.put(netId, key);
            long now = clock.millis();
            Optional<Holder> previous = Optional.ofNullable(session.holder())
                    .filter(old -> !old.sameHolderAs(request.holder()));
            Session bound = session.boundTo(request.holder(), netId, slot, now);
            sessions.put(key, stored.with(bound));
            gatewayHeartbeats.put(request.holder().gatewayId(), now);
            return new BindResult(bound, wasNew, previous);
        });
    }

    @Override
    public CompletableFuture<Set<SessionKey>> heartbeat(String gatewayId, Collection<SessionKey> held) {
        return locked(() -> {
            Objects.requireNonNull(gatewayId, "gatewayId");
            long now = clock.millis();
            gatewayHeartbeats.put(gatewayId, now);
            Set<SessionKey> lost = new LinkedHashSet<>();
            for (SessionKey key : held) {
                Stored stored = sessions.get(key);
                Holder holder = stored == null ? null : stored.session().holder();
                if (holder == null || !holder.gatewayId().equals(gatewayId)) {
                    lost.add(key);
                } else {
                    sessions.put(key, stored.with(stored.session().touched(now)));
                }
            }
            return lost;
        });
    }

    @Override
    public CompletableFuture<Optional<Session>> remove(SessionKey key, String token, Holder expectedHolder) {
        return locked(() -> {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(token, "token");
            Stored stored = sessions.get(key);
            if (stored == null || !ConnectionTokens.matches(token, stored.tokenDigest())) {
                return Optional.empty();
            }
            if (expectedHolder != null && !expectedHolder.sameHolderAs(stored.session().holder())) {
                return Optional.empty();
            }
            return Optional.of(drop(key));
        });
    }

    @Override
    public CompletableFuture<List<Session>> reapExpired() {
        return locked(() -> {
            long now = clock.millis();
            List<Session> reaped = new ArrayList<>();
            for (Stored stored : List.copyOf(sessions.values())) {
                Session session = stored.session();
                boolean gatewayAlive = session.holder() != null && gatewayAlive(session.holder().gatewayId(), now);
                if (ExpiryPolicy.isExpired(session, gatewayAlive, now, settings)) {
                    reaped.add(drop(session.key()));
                }
            }
            long forgetGatewaysAfter = settings.gatewayTtl().plus(settings.connectedTtl())
                    .plus(settings.orphanGrace()).toMillis();
            gatewayHeartbeats.values().removeIf(last -> now - last > forgetGatewaysAfter);
            ticketDeadlines.values().removeIf(deadline -> deadline <= now);
            passwordFailures.values().removeIf(failures -> failures.resetAtMillis() <= now);
            return reaped;
        });
    }

    @Override
    public CompletableFuture<PlayerCounts> counts(Game game) {
        return locked(() -> {
            Objects.requireNonNull(game, "game");
            int pending = 0;
            int connected = 0;
            for (Stored stored : sessions.values()) {
                if (stored.session().key().game() == game) {
                    if (stored.session().bound()) {
                        connected++;
                    } else {
                        pending++;
                    }
                }
            }
            Tables table = tables.get(game);
            return new PlayerCounts(pending, connected, table.netIds.size(), table.slots.size());
        });
    }

    @Override
    public CompletableFuture<List<Session>> roster(Game game) {
        return locked(() -> sessions.values().stream()
                .map(Stored::session)
                .filter(s -> s.key().game() == game && s.bound())
                .sorted(Comparator.comparingInt(Session::netId))
                .toList());
    }

    @Override
    public CompletableFuture<Boolean> firstUse(String ticketFingerprint, Duration ttl) {
        return locked(() -> {
            Objects.requireNonNull(ticketFingerprint, "ticketFingerprint");
            requirePositive(ttl);
            long now = clock.millis();
            Long deadline = ticketDeadlines.get(ticketFingerprint);
            if (deadline != null && now < deadline) {
                return false;
            }
            ticketDeadlines.put(ticketFingerprint, now + ttl.toMillis());
            return true;
        });
    }

    @Override
    public CompletableFuture<Long> recordPasswordFailure(String uuid, Duration ttl) {
        return locked(() -> {
            Objects.requireNonNull(uuid, "uuid");
            requirePositive(ttl);
            long now = clock.millis();
            PasswordFailures current = passwordFailures.get(uuid);
            PasswordFailures next = current == null || now >= current.resetAtMillis()
                    ? new PasswordFailures(1, now + ttl.toMillis())
                    : new PasswordFailures(current.count() + 1, current.resetAtMillis());
            passwordFailures.put(uuid, next);
            return next.count();
        });
    }

    @Override
    public CompletableFuture<Void> resetPasswordFailures(String uuid) {
        return locked(() -> {
            Objects.requireNonNull(uuid, "uuid");
            passwordFailures.remove(uuid);
            return null;
        });
    }

    private Optional<Stored> storedByToken(String token) {
        Objects.requireNonNull(token, "token");
        String digestHex = ConnectionTokens.digest(token);
        return Optional.ofNullable(byTokenDigest.get(digestHex)).map(sessions::get);
    }

    private boolean gatewayAlive(String gatewayId, long now) {
        Long last = gatewayHeartbeats.get(gatewayId);
        return last != null && ExpiryPolicy.gatewayAlive(last, now, settings);
    }

    private RegistryException dropAndRefuse(SessionKey key, RegistryError error) {
        drop(key);
        return new RegistryException(error);
    }

    /** Removes a session and everything that points at it; the caller holds the lock. */
    private Session drop(SessionKey key) {
        Stored stored = sessions.remove(key);
        Session session = stored.session();
        byTokenDigest.remove(stored.tokenDigestHex(), key);
        if (byTokenHash.remove(session.tokenHash(), key)) {
            gates.remove(session.tokenHash());
        }
        Tables table = tables.get(key.game());
        if (session.netId() != Session.NO_NET_ID) {
            table.netIds.remove(session.netId(), key);
        }
        if (session.slotId() != Session.NO_SLOT) {
            table.slots.remove(session.slotId(), key);
        }
        return session;
    }

    private <T> CompletableFuture<T> locked(Supplier<T> action) {
        try {
            synchronized (lock) {
                return CompletableFuture.completedFuture(action.get());
            }
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static void requirePositive(Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isZero() || ttl.isNegative()) {
            throw new IllegalArgumentException("ttl must be positive");
        }
    }
}
