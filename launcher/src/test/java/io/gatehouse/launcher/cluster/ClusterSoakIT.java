package io.gatehouse.launcher.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bounded soak through nginx: {@value #DEFAULT_JOINS} joins (2/3 FiveM, 1/3 Hytale) and as many leaves by
 * {@value #WORKERS} concurrent players, with gateway-b SIGKILLed at a third and Redis restarted at two thirds.
 * Every join completes or fails with an error within a bound; no net ID or slot is ever handed to two connected
 * players; the registry equals the players held after each fault settles and is empty once all left.
 * {@code -Dgatehouse.soak.joins=N} changes the size.
 */
@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ClusterSoakIT {

    static final int DEFAULT_JOINS = 240;
    static final int WORKERS = 4;
    /** Players a worker holds at most before it leaves one. */
    static final int HOLD = 3;

    @TempDir
    static Path workDir;

    static Cluster cluster;
    static Nginx nginx;
    static RegistryView registry;
    static Players players;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = Cluster.start(workDir.resolve("cluster"));
        nginx = Nginx.start(workDir.resolve("nginx"), cluster.gateways());
        registry = new RegistryView(cluster.redisUrl());
        players = Players.locatedBy(cluster, registry);
    }

    @AfterAll
    static void stopCluster() {
        ClusterChecks.closeQuietly(players, registry, nginx, cluster);
    }

    @Test
    void joinsAndLeavesThroughNginxWithFaultsEndConsistent() throws Exception {
        int total = Integer.getInteger("gatehouse.soak.joins", DEFAULT_JOINS);
        AtomicInteger started = new AtomicInteger();
        AtomicInteger joined = new AtomicInteger();
        AtomicInteger left = new AtomicInteger();
        List<Players.Outcome> failures = Collections.synchronizedList(new ArrayList<>());
        List<Players.Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        Map<String, Integer> failureStages = new ConcurrentHashMap<>();
        long t0 = System.nanoTime();

        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            workers.add(pool.submit(() -> {
                List<Players.Player> mine = new ArrayList<>();
                int n;
                while ((n = started.getAndIncrement()) < total) {
                    Players.Outcome outcome = n % 3 == 2 ? players.joinHytale(nginx.hytalePort)
                            : players.joinFivem(nginx.fivemTarget());
                    outcomes.add(outcome);
                    if (outcome.joined()) {
                        joined.incrementAndGet();
                        mine.add(outcome.player());
                    } else {
                        failures.add(outcome);
                        failureStages.merge(outcome.game() + " @ " + outcome.stage(), 1, Integer::sum);
                        // a player told "try again" waits before retrying; without this a worker burns through the
                        // remaining joins in milliseconds each while a fault lasts and the run measures only the fault
                        sleepQuietly(FAILED_JOIN_PAUSE);
                    }
                    mine.removeIf(p -> !players.connected().contains(p)); // forgotten (gateway killed, dropped)
                    if (mine.size() >= HOLD || ThreadLocalRandom.current().nextInt(3) == 0 && !mine.isEmpty()) {
                        Players.Player leaving = mine.remove(ThreadLocalRandom.current().nextInt(mine.size()));
                        players.leave(leaving);
                        left.incrementAndGet();
                    }
                }
                for (Players.Player player : mine) {
                    if (players.connected().contains(player)) {
                        players.leave(player);
                        left.incrementAndGet();
                    }
                }
                return null;
            }));
        }

        // Fault 1 at a third: SIGKILL gateway-b (not restarted; nginx sends everyone to gateway-a afterwards).
        awaitProgress(started, total / 3);
        Cluster.Gateway b = cluster.gatewayB();
        b.process().sigkill();
        long killedAt = System.nanoTime();
        List<Players.Player> lost = players.connectedOn(b.name());
        lost.forEach(players::forget);
        lost.forEach(p -> closeQuietly(p));
        System.out.printf("[soak] %d ms: SIGKILL gateway-b at join %d, %d players lost with it%n",
                (killedAt - t0) / 1_000_000, started.get(), lost.size());

        // Fault 2 at two thirds: Redis stops and comes back (AOF keeps the sessions).
        awaitProgress(started, 2 * total / 3);
        cluster.redis().stop(Duration.ofSeconds(10));
        long redisDown = System.nanoTime();
        Thread.sleep(2000);
        cluster.restart(cluster.redis());
        System.out.printf("[soak] %d ms: Redis down for %d ms at join %d%n", (redisDown - t0) / 1_000_000,
                (System.nanoTime() - redisDown) / 1_000_000, started.get());

        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        long runMs = (System.nanoTime() - t0) / 1_000_000;
        players.forgetDisconnected().forEach(p -> System.out.println("[soak] dropped by the server: " + p));
        System.out.printf("[soak] %d joins attempted in %d ms: %d joined, %d failed %s, %d left; join median %d ms,"
                        + " max %d ms%n", total, runMs, joined.get(), failures.size(), failureStages, left.get(),
                ClusterChecks.median(outcomes), ClusterChecks.max(outcomes));
        synchronized (failures) {
            failures.stream().limit(10).forEach(f -> System.out.println("[soak]   " + f + " server: " + f.serverText()));
        }

        // Every join completed or failed with an error, within a bound.
        assertThat(outcomes).hasSize(total);
        assertThat(outcomes).allSatisfy(o -> assertThat(o.took()).as("%s", o).isLessThan(Duration.ofSeconds(45)));
        assertThat(failures).allSatisfy(f -> assertThat(f.error()).as("%s", f).isNotBlank());
        // Most joins succeed: faults last seconds, not the run.
        assertThat(joined.get()).as("joins that completed").isGreaterThan(total * 3 / 4);
        assertThat(players.duplicates()).as("net IDs / slots handed to two connected players").isEmpty();

        // Everyone left: after the expiry windows (the killed gateway's players, pending sessions of joins cut by the
        // Redis restart), the registry is empty.
        players.leaveAll();
        Duration settle = Cluster.CONNECTED_TTL.plus(Cluster.ORPHAN_GRACE).plus(Cluster.PENDING_TTL).plusSeconds(5);
        RegistryView.Settled probe = registry.awaitConsistent(players::fivemKeys, players::hytaleKeys, settle);
        if (!probe.consistent()) {
            for (String game : List.of("fivem", "hytale")) {
                for (String key : registry.snapshot(game).connected()) {
                    System.out.println("[soak] LEAKED " + key + " " + registry.sessionOf(key)
                            + " (gateway-b's fivem id was " + b.fivemGatewayId() + ")");
                }
            }
        }
        RegistryView.Settled settled = ClusterChecks.assertRegistryMatches(registry, players, Duration.ofSeconds(1));
        System.out.printf("[soak] registry empty %d ms after the last leave; gateway-b's sessions reclaimed by %d ms"
                + " after its kill%n", probe.took().toMillis(), (System.nanoTime() - killedAt) / 1_000_000);
        assertThat(registry.snapshot("fivem").netIds()).isEmpty();
        assertThat(registry.snapshot("fivem").slots()).isEmpty();
        assertThat(registry.snapshot("hytale").netIds()).isEmpty();
    }

    /** How long a worker waits after a failed join before its next one (a client's retry delay). */
    static final Duration FAILED_JOIN_PAUSE = Duration.ofSeconds(1);

    private static void sleepQuietly(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitProgress(AtomicInteger started, int target) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (started.get() < target && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    private static void closeQuietly(Players.Player player) {
        try {
            if (player.isFivem()) {
                player.fivem().close();
            } else {
                player.hytale().close();
            }
        } catch (RuntimeException ignored) {
            // its gateway is gone
        }
    }
}
