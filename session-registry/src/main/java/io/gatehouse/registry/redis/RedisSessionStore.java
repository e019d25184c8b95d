package io.gatehouse.registry.redis;

import io.gatehouse.registry.core.BindRequest;
import io.gatehouse.registry.core.BindResult;
import io.gatehouse.registry.core.ConnectGatePolicy;
import io.gatehouse.registry.core.ConnectGateVerdict;
import io.gatehouse.registry.core.ConnectionTokens;
import io.gatehouse.registry.core.DeferralState;
import io.gatehouse.registry.core.Game;
import io.gatehouse.registry.core.Holder;
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
import io.gatehouse.registry.redis.RedisScripts.Script;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
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
 * The cluster store: every change is one Lua script (atomic on the Redis server), every call asynchronous over one
 * multiplexed Lettuce connection. Keys, all under the prefix (default {@code gatehouse:}):
 * <pre>
 *   s:&lt;game&gt;:&lt;id&gt;         hash   one session (token digest, token hash, IDs, holder, times)
 *   tok:&lt;sha256(token)&gt;     string → qualified key
 *   th:&lt;hashString hex&gt;     string → qualified key
 *   gate:&lt;hashString hex&gt;   hash   ENet CONNECT gate: first source, use count
 *   &lt;game&gt;:netids / :slots  hash   ID → qualified key
 *   &lt;game&gt;:cursor           string next net ID candidate
 *   &lt;game&gt;:pending / :connected  set  qualified keys (counts, rosters)
 *   idle:pending / idle:bound     zset   qualified key by last touch (reaper candidates)
 *   gateways                      zset   gateway id by last heartbeat (the fence)
 *   tempid                        string temporary net ID counter
 *   ticket:&lt;fingerprint&gt;   string ticket anti-replay deadline
 *   pwfail:&lt;uuid&gt;          hash   password failure count and window end
 * </pre>
 * Every key carries a TTL: session keys outlive their idle limit by a minute, the shared structures are refreshed
 * by every write and heartbeat and die a day after the cluster goes quiet.
 */
public final class RedisSessionStore implements SessionStore {

    public static final String DEFAULT_PREFIX = "gatehouse:";
    private static final Duration STRUCTURE_TTL = Duration.ofHours(24);

    private final RedisClient ownedClient;
    private final boolean ownsConnection;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisAsyncCommands<String, String> redis;
    private final RedisScripts scripts = new RedisScripts();
    private final RegistrySettings settings;
    private final Clock clock;
    private final ConnectionTokens tokens;
    private final String prefix;

    private RedisSessionStore(RedisClient ownedClient, boolean ownsConnection,
                              StatefulRedisConnection<String, String> connection,
                              RegistrySettings settings, Clock clock, ConnectionTokens tokens, String prefix) {
        this.ownedClient = ownedClient;
        this.ownsConnection = ownsConnection;
        this.connection = connection;
        this.redis = connection.async();
        this.settings = Objects.requireNonNull(settings);
        this.clock = Objects.requireNonNull(clock);
        this.tokens = Objects.requireNonNull(tokens);
        this.prefix = Objects.requireNonNull(prefix);
    }

    /** How long a Redis command may take before its future fails (the registry's default). */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMillis(1500);

    /**
     * A client that fails fast while Redis is away: commands time out after {@code commandTimeout}, commands issued
     * while disconnected are rejected at once instead of queueing without bound, and the connection reconnects by
     * itself. A join then gets a clear "unavailable" answer within the protocols' own timeouts, and nothing is ever
     * allocated outside Redis's Lua scripts (no local fallback), so IDs and slots stay unique across an outage.
     */
    public static RedisClient failFastClient(String redisUrl, Duration commandTimeout) {
        RedisClient client = RedisClient.create(redisUrl);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .socketOptions(SocketOptions.builder().connectTimeout(commandTimeout).keepAlive(true).build())
                .build());
        return client;
    }

    /** Connects to {@code redis://host:port[/db]}; the store owns the client and closes it. */
    public static RedisSessionStore connect(String redisUrl, RegistrySettings settings, Clock clock, String prefix) {
        return connect(redisUrl, DEFAULT_COMMAND_TIMEOUT, settings, clock, prefix);
    }

    /** As {@link #connect(String, RegistrySettings, Clock, String)} with an explicit command timeout. */
    public static RedisSessionStore connect(String redisUrl, Duration commandTimeout, RegistrySettings settings,
                                            Clock clock, String prefix) {
        RedisClient client = failFastClient(redisUrl, commandTimeout);
        try {
            return new RedisSessionStore(client, true, client.connect(StringCodec.UTF8), settings, clock,
                    new ConnectionTokens(), prefix);
        } catch (RuntimeException e) {
            client.shutdown();
            throw e;
        }
    }

    /** Opens its own connection on a client the caller owns (and shuts down); closing the store closes the connection. */
    public static RedisSessionStore connect(RedisClient sharedClient, RegistrySettings settings, Clock clock,
                                            String prefix) {
        return new RedisSessionStore(null, true, sharedClient.connect(StringCodec.UTF8), settings, clock,
                new ConnectionTokens(), prefix);
    }

    /** Uses a connection the caller owns (and closes). */
    public static RedisSessionStore using(StatefulRedisConnection<String, String> connection,
                                          RegistrySettings settings, Clock clock, String prefix) {
        return new RedisSessionStore(null, false, connection, settings, clock, new ConnectionTokens(), prefix);
    }

    @Override
    public CompletableFuture<PendingCreated> createPending(NewSession request) {
        return guarded(() -> {
            String token = tokens.newToken();
            int tokenHash = ConnectionTokens.hashString(token);
            CompletableFuture<List<Object>> reply = run(Script.CREATE_PENDING, request.key().qualified(),
                    ConnectionTokens.digest(token), ConnectionTokens.hashKey(tokenHash),
                    request.passedValidation() ? "1" : "0", request.name(), request.tcpSourceAddress(),
                    SessionCodec.joinIdentifiers(request.identifiers()));
            return reply.thenApply(list -> {
                Session created = SessionCodec.decode(list.get(0));
                Optional<Replaced> replaced = list.size() > 1
                        ? Optional.of(Replaced.reconnecting(SessionCodec.decode(list.get(1))))
                        : Optional.empty();
                return new PendingCreated(created, token, replaced);
            });
        });
    }

    @Override
    public CompletableFuture<Optional<Session>> setDeferral(String token, DeferralState state) {
        return guarded(() -> this.<List<Object>>run(Script.SET_DEFERRAL, ConnectionTokens.digest(token),
                Objects.requireNonNull(state, "state").name())
                .thenApply(SessionCodec::decodeOptional));
    }

    @Override
    public CompletableFuture<Boolean> touchByToken(String token) {
        return guarded(() -> this.<Long>run(Script.TOUCH_TOKEN, ConnectionTokens.digest(token))
                .thenApply(touched -> touched == 1L));
    }

    @Override
    public CompletableFuture<Optional<Session>> findByToken(String token) {
        return find("token", () -> ConnectionTokens.digest(token));
    }

    @Override
    public CompletableFuture<Optional<Session>> findByKey(SessionKey key) {
        return find("key", () -> key.qualified());
    }

    @Override
    public CompletableFuture<Optional<Session>> findByTokenHash(int tokenHash) {
        return find("hash", () -> ConnectionTokens.hashKey(tokenHash));
    }

    private CompletableFuture<Optional<Session>> find(String by, Supplier<String> value) {
        return guarded(() -> this.<List<Object>>run(Script.FIND, by, value.get())
                .thenApply(SessionCodec::decodeOptional));
    }

    @Override
    public CompletableFuture<ConnectGateVerdict> gateConnect(int tokenHash, String sourceAddress) {
        return guarded(() -> this.<String>run(Script.GATE_CONNECT, ConnectionTokens.hashKey(tokenHash),
                        Objects.requireNonNull(sourceAddress, "sourceAddress"),
                        Integer.toString(ConnectGatePolicy.MAX_PRIOR_USES))
                .thenApply(ConnectGateVerdict::valueOf));
    }

    @Override
    public CompletableFuture<Void> lockConnectGate(int tokenHash) {
        return guarded(() -> run(Script.GATE_LOCK, ConnectionTokens.hashKey(tokenHash),
                Integer.toString(ConnectGatePolicy.LOCKED)).thenApply(ignored -> null));
    }

    @Override
    public CompletableFuture<Void> clearConnectGate(int tokenHash) {
        // a single-key delete needs no script
        return guarded(() -> redis.del(prefix + "gate:" + ConnectionTokens.hashKey(tokenHash))
                .toCompletableFuture().thenApply(ignored -> null));
    }

    @Override
    public CompletableFuture<BindResult> bind(BindRequest request) {
        return guarded(() -> {
            Holder holder = request.holder();
            CompletableFuture<List<Object>> reply = run(Script.BIND, request.key().qualified(),
                    ConnectionTokens.digest(request.token()), holder.gatewayId(), Long.toString(holder.peerId()),
                    holder.peerEndpoint(), request.assignSlot() ? "1" : "0");
            return reply.thenApply(list -> {
                if ("ERR".equals(list.get(0))) {
                    throw new RegistryException(RegistryError.valueOf((String) list.get(1)));
                }
                Session session = SessionCodec.decode(list.get(1));
                boolean wasNew = (Long) list.get(2) == 1L;
                List<?> previous = (List<?>) list.get(3);
                Optional<Holder> previousHolder = previous.isEmpty() ? Optional.empty()
                        : Optional.of(new Holder((String) previous.get(0), Long.parseLong((String) previous.get(1)),
                        (String) previous.get(2)));
                return new BindResult(session, wasNew, previousHolder);
            });
        });
    }

    @Override
    public CompletableFuture<Set<SessionKey>> heartbeat(String gatewayId, Collection<SessionKey> held) {
        return guarded(() -> {
            List<String> args = new ArrayList<>(held.size() + 1);
            args.add(Objects.requireNonNull(gatewayId, "gatewayId"));
            held.forEach(key -> args.add(key.qualified()));
            return this.<List<Object>>run(Script.HEARTBEAT, args.toArray(String[]::new)).thenApply(lost -> {
                Set<SessionKey> keys = new LinkedHashSet<>();
                lost.forEach(k -> keys.add(SessionKey.parseQualified((String) k)));
                return keys;
            });
        });
    }

    @Override
    public CompletableFuture<Optional<Session>> remove(SessionKey key, String token, Holder expectedHolder) {
        return guarded(() -> this.<List<Object>>run(Script.REMOVE, key.qualified(), ConnectionTokens.digest(token),
                expectedHolder == null ? "" : expectedHolder.gatewayId(),
                expectedHolder == null ? "" : Long.toString(expectedHolder.peerId()))
                .thenApply(SessionCodec::decodeOptional));
    }

    @Override
    public CompletableFuture<List<Session>> reapExpired() {
        return guarded(() -> this.<List<Object>>run(Script.REAP)
                .thenApply(list -> list.stream().map(SessionCodec::decode).toList()));
    }

    @Override
    public CompletableFuture<PlayerCounts> counts(Game game) {
        return guarded(() -> this.<List<Object>>run(Script.COUNTS, game.code()).thenApply(list ->
                new PlayerCounts(intAt(list, 0), intAt(list, 1), intAt(list, 2), intAt(list, 3))));
    }

    @Override
    public CompletableFuture<List<Session>> roster(Game game) {
        return guarded(() -> this.<List<Object>>run(Script.ROSTER, game.code()).thenApply(list -> list.stream()
                .map(SessionCodec::decode)
                .sorted(Comparator.comparingInt(Session::netId))
                .toList()));
    }

    @Override
    public CompletableFuture<Boolean> firstUse(String ticketFingerprint, Duration ttl) {
        return guarded(() -> this.<Long>run(Script.FIRST_USE, Objects.requireNonNull(ticketFingerprint),
                Long.toString(positiveMillis(ttl))).thenApply(first -> first == 1L));
    }

    @Override
    public CompletableFuture<Long> recordPasswordFailure(String uuid, Duration ttl) {
        return guarded(() -> run(Script.PASSWORD_FAILURE, Objects.requireNonNull(uuid),
                Long.toString(positiveMillis(ttl))));
    }

    @Override
    public CompletableFuture<Void> resetPasswordFailures(String uuid) {
        return guarded(() -> redis.del(prefix + "pwfail:" + Objects.requireNonNull(uuid))
                .toCompletableFuture().thenApply(ignored -> null));
    }

    @Override
    public void close() {
        if (ownsConnection) {
            connection.close();
        }
        if (ownedClient != null) {
            ownedClient.shutdown();
        }
    }

    private <T> CompletableFuture<T> run(Script script, String... scriptArgs) {
        List<String> args = new ArrayList<>(9 + scriptArgs.length);
        args.add(prefix);
        args.add(Long.toString(clock.millis()));
        args.add(Long.toString(settings.pendingTtl().toMillis()));
        args.add(Long.toString(settings.connectedTtl().toMillis()));
        args.add(Long.toString(settings.gatewayTtl().toMillis()));
        args.add(Long.toString(settings.orphanGrace().toMillis()));
        args.add(Integer.toString(settings.slotTableSize()));
        args.add(Integer.toString(settings.netIdCeiling()));
        args.add(Long.toString(STRUCTURE_TTL.toMillis()));
        args.addAll(List.of(scriptArgs));
        return scripts.run(redis, script, args);
    }

    private static <T> CompletableFuture<T> guarded(Supplier<CompletableFuture<T>> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static int intAt(List<Object> list, int index) {
        return ((Long) list.get(index)).intValue();
    }

    private static long positiveMillis(Duration ttl) {
        if (ttl == null || ttl.isZero() || ttl.isNegative()) {
            throw new IllegalArgumentException("ttl must be positive");
        }
        return ttl.toMillis();
    }

    /** Sessions as the scripts return them: {qualified key, field, value, ...}. */
    static final class SessionCodec {

        private SessionCodec() {
        }

        static String joinIdentifiers(List<String> identifiers) {
            for (String identifier : identifiers) {
                if (identifier.indexOf('\n') >= 0) {
                    throw new IllegalArgumentException("identifiers must not contain line breaks");
                }
            }
            return String.join("\n", identifiers);
        }

        static Optional<Session> decodeOptional(List<Object> reply) {
            return reply.isEmpty() ? Optional.empty() : Optional.of(decode(reply.get(0)));
        }

        static Session decode(Object encoded) {
            List<?> flat = (List<?>) encoded;
            Map<String, String> f = new HashMap<>();
            for (int i = 1; i + 1 < flat.size(); i += 2) {
                f.put((String) flat.get(i), (String) flat.get(i + 1));
            }
            String gateway = f.get("gw");
            Holder holder = gateway == null || gateway.isEmpty() ? null
                    : new Holder(gateway, Long.parseLong(f.get("peer")), f.getOrDefault("ep", ""));
            String ids = f.getOrDefault("ids", "");
            return new Session(
                    SessionKey.parseQualified((String) flat.get(0)),
                    Integer.parseUnsignedInt(f.get("th"), 16),
                    Long.parseLong(f.get("tmp")),
                    Integer.parseInt(f.get("nid")),
                    Integer.parseInt(f.get("slot")),
                    "1".equals(f.get("v")),
                    DeferralState.valueOf(f.get("d")),
                    f.get("src"),
                    f.get("name"),
                    ids.isEmpty() ? List.of() : List.of(ids.split("\n", -1)),
                    holder,
                    Long.parseLong(f.get("created")),
                    Long.parseLong(f.get("seen")));
        }
    }
}
