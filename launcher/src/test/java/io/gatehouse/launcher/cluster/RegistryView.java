package io.gatehouse.launcher.cluster;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The registry's truth read straight from Redis (the key layout of RedisSessionStore): per game the pending and
 * connected sets and the net ID and slot tables. Used to compare with the players a test holds.
 */
public final class RegistryView implements AutoCloseable {

    /** One game's registry state. */
    public record Snapshot(String game, Set<String> pending, Set<String> connected, Map<String, String> netIds,
                           Map<String, String> slots) {

        /** Problems with the tables themselves: a session holding two IDs or slots, an ID of an unknown session. */
        public List<String> internalProblems() {
            List<String> problems = new ArrayList<>();
            duplicates(netIds, "net ID", problems);
            duplicates(slots, "slot", problems);
            return problems;
        }

        private static void duplicates(Map<String, String> table, String what, List<String> problems) {
            Map<String, String> byOwner = new HashMap<>();
            table.forEach((id, owner) -> {
                String previous = byOwner.put(owner, id);
                if (previous != null) {
                    problems.add(owner + " holds two " + what + "s: " + previous + " and " + id);
                }
            });
        }

        /**
         * Differences from {@code expected} (qualified keys of the players the test holds): connected, net ID
         * owners and (FiveM) slot owners must all equal it, nothing pending.
         */
        public List<String> differencesFrom(Set<String> expected, boolean slotsToo) {
            List<String> problems = new ArrayList<>(internalProblems());
            compare("connected", connected, expected, problems);
            compare("net ID owners", new HashSet<>(netIds.values()), expected, problems);
            if (slotsToo) {
                compare("slot owners", new HashSet<>(slots.values()), expected, problems);
            }
            if (!pending.isEmpty()) {
                problems.add(game + " pending not empty: " + new TreeSet<>(pending));
            }
            return problems;
        }

        private void compare(String what, Set<String> actual, Set<String> expected, List<String> problems) {
            if (!actual.equals(expected)) {
                Set<String> extra = new TreeSet<>(actual);
                extra.removeAll(expected);
                Set<String> missing = new TreeSet<>(expected);
                missing.removeAll(actual);
                problems.add(game + " " + what + " (" + actual.size() + ") != players held (" + expected.size()
                        + "): in registry only " + abbreviate(extra) + ", held only " + abbreviate(missing));
            }
        }

        private static String abbreviate(Set<String> keys) {
            return keys.size() <= 8 ? keys.toString() : new ArrayList<>(keys).subList(0, 8) + "... (" + keys.size() + ")";
        }
    }

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final String prefix;

    public RegistryView(String redisUrl) {
        this(redisUrl, "gatehouse:");
    }

    public RegistryView(String redisUrl, String prefix) {
        this.client = RedisClient.create(RedisURI.create(redisUrl));
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(2))).build());
        this.connection = client.connect();
        this.prefix = prefix;
    }

    public Snapshot snapshot(String game) {
        RedisCommands<String, String> redis = connection.sync();
        String p = prefix + game;
        return new Snapshot(game, redis.smembers(p + ":pending"), redis.smembers(p + ":connected"),
                redis.hgetall(p + ":netids"), redis.hgetall(p + ":slots"));
    }

    /** The whole session hash of a qualified key (empty when none). */
    public Map<String, String> sessionOf(String qualifiedKey) {
        return connection.sync().hgetall(prefix + "s:" + qualifiedKey);
    }

    /** The gateway id holding a session ({@code gw} of {@code s:<game>:<id>}), or null. */
    public String holderOf(String qualifiedKey) {
        return connection.sync().hget(prefix + "s:" + qualifiedKey, "gw");
    }

    /**
     * Polls until the registry equals the players held (read at each poll, so a test may pass its live view) or the
     * time runs out; returns the problems left (empty when consistent) and how long it took.
     */
    public Settled awaitConsistent(Supplier<Set<String>> fivem, Supplier<Set<String>> hytale, Duration timeout)
            throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        List<String> problems;
        while (true) {
            problems = new ArrayList<>();
            try {
                problems.addAll(snapshot("fivem").differencesFrom(fivem.get(), true));
                problems.addAll(snapshot("hytale").differencesFrom(hytale.get(), false));
            } catch (RuntimeException e) {
                problems.add("redis unreadable: " + e);
            }
            if (problems.isEmpty() || System.nanoTime() > deadline) {
                return new Settled(problems, Duration.ofNanos(System.nanoTime() - start));
            }
            Thread.sleep(250);
        }
    }

    /** The outcome of {@link #awaitConsistent}. */
    public record Settled(List<String> problems, Duration took) {
        public boolean consistent() {
            return problems.isEmpty();
        }
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
