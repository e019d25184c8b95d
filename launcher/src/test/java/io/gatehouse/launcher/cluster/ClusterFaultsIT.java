package io.gatehouse.launcher.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults injected into the running cluster while players join: the auth service stops, Redis stops, gateway-a gets
 * SIGTERM, gateway-b gets SIGKILL. Every join either completes or fails with a clear error within a bound; players
 * not concerned stay connected; once things settle the registry holds exactly the players still connected.
 *
 * <p>One cluster for the class (the methods run in order and each leaves it whole, except the last). Assertions
 * that need the cluster features being built (drain on SIGTERM, fast failure on Redis outage) are soft, so one run
 * reports all of them; see the report printed as {@code [fault]} lines.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ClusterFaultsIT {

    /** No join may take longer than this during a fault: the protocols' own stage timeouts are 10–15 s. */
    static final Duration JOIN_BOUND = Duration.ofSeconds(15);

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
    @Order(1)
    void authServiceDownJoinsGetTheProtocolErrorAndWorkAgainAfterRestart() throws Exception {
        List<Players.Player> before = joinSome(2, 1);
        cluster.auth().stop(Duration.ofSeconds(20));

        Players.Outcome fivem = players.joinFivem(nginx.fivemTarget());
        Players.Outcome hytale = players.joinHytale(nginx.hytalePort);
        report("auth down", fivem);
        report("auth down", hytale);
        SoftAssertions soft = new SoftAssertions();
        for (Players.Outcome outcome : List.of(fivem, hytale)) {
            soft.assertThat(outcome.joined()).as("join with auth down: %s", outcome).isFalse();
            soft.assertThat(outcome.took()).as("%s took", outcome.key()).isLessThan(JOIN_BOUND);
            soft.assertThat(outcome.error()).as("%s error", outcome.key()).isNotBlank();
        }
        // FiveM: initConnect answers with the error text FXServer's client shows; Hytale: a Disconnect reason.
        soft.assertThat(fivem.stage()).as("FiveM fails at initConnect").isEqualTo("C initConnect");
        soft.assertThat(fivem.serverText()).as("FiveM error text from the server").isNotBlank();
        soft.assertThat(hytale.serverText()).as("Hytale Disconnect reason from the server").isNotBlank();
        for (Players.Player player : before) {
            soft.assertThat(player.disconnected()).as("%s stays while auth is down", player).isNotDone();
        }
        soft.assertAll();

        long restartedAt = System.nanoTime();
        cluster.restart(cluster.auth());
        // The gateways' circuit breakers (10 s open) and gRPC reconnect backoff decide when joins work again.
        assertJoins(retryJoin(() -> players.joinFivem(nginx.fivemTarget()), Duration.ofSeconds(40)));
        assertJoins(retryJoin(() -> players.joinHytale(nginx.hytalePort), Duration.ofSeconds(40)));
        System.out.printf("[fault] auth restarted: joins work again %d ms after the restart began%n",
                (System.nanoTime() - restartedAt) / 1_000_000);
        ClusterChecks.assertRegistryMatches(registry, players, Duration.ofSeconds(10));
        leaveAll();
    }

    @Test
    @Order(2)
    void redisDownJoinsFailFastConnectedPlayersStayAndJoinsResumeAfterRestart() throws Exception {
        List<Players.Player> before = joinSome(2, 1);
        cluster.redis().stop(Duration.ofSeconds(10)); // SIGTERM: redis flushes its AOF and exits
        long downAt = System.nanoTime();

        List<Players.Outcome> during = new ArrayList<>();
        during.add(players.joinFivem(nginx.fivemTarget()));
        during.add(players.joinHytale(nginx.hytalePort));
        during.add(players.joinFivem(nginx.fivemTarget()));
        during.forEach(o -> report("redis down", o));
        Thread.sleep(Math.max(0, Cluster.CONNECTED_TTL.toMillis() - (System.nanoTime() - downAt) / 1_000_000));

        SoftAssertions soft = new SoftAssertions();
        for (Players.Outcome outcome : during) {
            soft.assertThat(outcome.joined()).as("join with Redis down: %s", outcome).isFalse();
            soft.assertThat(outcome.took()).as("%s took (no hang past the protocol's timeout)", outcome.key())
                    .isLessThan(JOIN_BOUND);
            soft.assertThat(outcome.error()).as("%s error", outcome.key()).isNotBlank();
        }
        // [cluster features] fast failure: a join is refused in well under the gRPC deadline of 3 s.
        for (Players.Outcome outcome : during) {
            soft.assertThat(outcome.took()).as("[fast-failure] %s refused quickly", outcome.key())
                    .isLessThan(Duration.ofSeconds(4));
        }
        for (Players.Player player : before) {
            soft.assertThat(player.disconnected()).as("%s stays connected through a Redis outage of %s", player,
                    Cluster.CONNECTED_TTL).isNotDone();
        }
        soft.assertAll();

        cluster.restart(cluster.redis());
        System.out.printf("[fault] redis down for %d ms%n", (System.nanoTime() - downAt) / 1_000_000);
        long restartedAt = System.nanoTime();
        Players.Outcome afterFivem = retryJoin(() -> players.joinFivem(nginx.fivemTarget()), Duration.ofSeconds(40));
        Players.Outcome afterHytale = retryJoin(() -> players.joinHytale(nginx.hytalePort), Duration.ofSeconds(40));
        assertJoins(afterFivem);
        assertJoins(afterHytale);
        System.out.printf("[fault] redis restarted: joins work again %d ms after it listened%n",
                (System.nanoTime() - restartedAt) / 1_000_000);
        // Players who stayed and the new ones: the registry (AOF-restored) equals them once heartbeats caught up.
        players.forgetDisconnected().forEach(p -> System.out.println("[fault] dropped during the Redis outage: " + p));
        SoftAssertions after = new SoftAssertions();
        for (Players.Outcome outcome : during) {
            // [fast-failure] a clear error: the server's own text, not an empty HTTP 500.
            after.assertThat(outcome.serverText()).as("[fast-failure] %s: server's error text", outcome).isNotBlank();
        }
        RegistryView.Settled settled = registry.awaitConsistent(players::fivemKeys, players::hytaleKeys,
                Duration.ofSeconds(15));
        System.out.printf("[fault] after the Redis outage: registry %s after %d ms%n",
                settled.consistent() ? "consistent" : "INCONSISTENT " + settled.problems(), settled.took().toMillis());
        after.assertThat(settled.problems()).as("registry == players still connected after a Redis outage of %s"
                + " (> connected TTL)", Cluster.CONNECTED_TTL).isEmpty();
        // Players the registry lost while their gateway kept them: drop them so the next tests start clean.
        java.util.Set<String> known = registry.snapshot("fivem").connected();
        known.addAll(registry.snapshot("hytale").connected());
        for (Players.Player player : players.connected()) {
            if (!known.contains(player.key)) {
                System.out.println("[fault] DIVERGED: connected client, no registry session: " + player
                        + " (told: " + player.disconnected().getNow("nothing") + ")");
                players.forget(player);
                if (player.isFivem()) {
                    player.fivem().close();
                } else {
                    player.hytale().close();
                }
            }
        }
        leaveAll();
        after.assertAll();
    }

    @Test
    @Order(3)
    void sigtermOnGatewayATellsItsPlayersReleasesTheirSessionsAndReadinessGoesDownFirst() throws Exception {
        Cluster.Gateway a = cluster.gatewayA();
        List<Players.Player> onA = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            onA.add(assertJoins(players.joinFivem(a.fivemTarget())));
            onA.add(assertJoins(players.joinHytale(a.hytalePort())));
        }
        List<Players.Player> onB = List.of(assertJoins(players.joinFivem(cluster.gatewayB().fivemTarget())),
                assertJoins(players.joinHytale(cluster.gatewayB().hytalePort())));
        ClusterChecks.assertRegistryMatches(registry, players, Duration.ofSeconds(10));

        ReadinessProbe probe = ReadinessProbe.start(a.process());
        long t0 = System.nanoTime();
        a.process().sigterm();
        Integer exit = a.process().awaitExit(Duration.ofSeconds(40));
        long exitedMs = (System.nanoTime() - t0) / 1_000_000;
        probe.stop();
        long firstToldMs = Long.MAX_VALUE;
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(exit).as("gateway-a exits after SIGTERM (exit code)").isNotNull().isIn(0, 143);
        for (Players.Player player : onA) {
            String told = null;
            try {
                told = player.disconnected().get(2, TimeUnit.SECONDS);
            } catch (Exception notTold) {
                // asserted below
            }
            System.out.printf("[fault] SIGTERM gateway-a: %s was told: %s%n", player, told);
            soft.assertThat(told).as("[drain] %s told why on SIGTERM", player).isNotBlank();
            if (player.isFivem()) {
                soft.assertThat(told).as("FiveM OOB error text").contains("error");
            }
            players.forget(player);
        }
        for (Players.Player player : onB) {
            soft.assertThat(player.disconnected()).as("%s on gateway-b unaffected", player).isNotDone();
        }
        // Readiness: it must answer "down" (503) while the process still serves, before it stops answering at all.
        System.out.printf("[fault] SIGTERM gateway-a: exited after %d ms (code %s); readiness %s%n", exitedMs, exit,
                probe.transitions());
        soft.assertThat(probe.firstStatusOtherThan(200, true)).as("[drain] readiness answered 503 (down) after SIGTERM"
                + " before the admin port closed; transitions %s", probe.transitions()).isEqualTo(503);
        // Sessions released by the drain itself, not by expiry: consistent right after the exit.
        RegistryView.Settled settled = registry.awaitConsistent(players::fivemKeys, players::hytaleKeys,
                Duration.ofSeconds(2));
        System.out.printf("[fault] SIGTERM gateway-a: registry %s %d ms after exit%n",
                settled.consistent() ? "consistent" : "inconsistent " + settled.problems(), settled.took().toMillis());
        soft.assertThat(settled.problems()).as("[drain] gateway-a released its sessions on SIGTERM").isEmpty();
        // Whatever the drain does, expiry reclaims them within the window.
        ClusterChecks.assertRegistryMatches(registry, players, Cluster.RECLAIM_WINDOW);

        cluster.restart(a.process());
        assertJoins(players.joinFivem(a.fivemTarget()));
        ClusterChecks.assertRegistryMatches(registry, players, Duration.ofSeconds(10));
        leaveAll();
        soft.assertAll();
    }

    @Test
    @Order(4)
    void sigkillOnGatewayBItsSessionsAreReclaimedWithinTheExpiryWindow() throws Exception {
        Cluster.Gateway b = cluster.gatewayB();
        List<Players.Player> onB = List.of(assertJoins(players.joinFivem(b.fivemTarget())),
                assertJoins(players.joinFivem(b.fivemTarget())),
                assertJoins(players.joinHytale(b.hytalePort())));
        Players.Player onA = assertJoins(players.joinFivem(cluster.gatewayA().fivemTarget()));
        ClusterChecks.assertRegistryMatches(registry, players, Duration.ofSeconds(10));

        b.process().sigkill();
        long killedAt = System.nanoTime();
        onB.forEach(players::forget);
        // Joins through nginx right after the kill: complete (on gateway-a) or fail clearly, within the bound.
        List<Players.Outcome> during = List.of(players.joinFivem(nginx.fivemTarget()),
                players.joinHytale(nginx.hytalePort), players.joinFivem(nginx.fivemTarget()));
        for (Players.Outcome outcome : during) {
            report("gateway-b killed", outcome);
            assertThat(outcome.took()).as("%s", outcome).isLessThan(JOIN_BOUND.plusSeconds(30));
            if (!outcome.joined()) {
                assertThat(outcome.error()).as("%s", outcome).isNotBlank();
            }
        }
        RegistryView.Settled settled = ClusterChecks.assertRegistryMatches(registry, players,
                Cluster.RECLAIM_WINDOW.plusSeconds(5));
        System.out.printf("[fault] SIGKILL gateway-b: its sessions reclaimed %d ms after the kill (window %s)%n",
                (System.nanoTime() - killedAt) / 1_000_000, Cluster.RECLAIM_WINDOW);
        assertThat(onA.disconnected()).as("player on gateway-a unaffected").isNotDone();
        leaveAll();
        assertThat(players.duplicates()).isEmpty();
    }

    // ------------------------------------------------------------------ helpers

    private static List<Players.Player> joinSome(int fivem, int hytale) {
        List<Players.Player> joined = new ArrayList<>();
        try {
            for (int i = 0; i < fivem; i++) {
                joined.add(assertJoins(retryJoin(() -> players.joinFivem(nginx.fivemTarget()), Duration.ofSeconds(20))));
            }
            for (int i = 0; i < hytale; i++) {
                joined.add(assertJoins(retryJoin(() -> players.joinHytale(nginx.hytalePort), Duration.ofSeconds(20))));
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return joined;
    }

    private static Players.Player assertJoins(Players.Outcome outcome) {
        assertThat(outcome.joined()).as("%s\n%s", outcome, cluster.logTails(25)).isTrue();
        return outcome.player();
    }

    private static Players.Outcome retryJoin(java.util.function.Supplier<Players.Outcome> join, Duration within)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        Players.Outcome outcome = join.get();
        while (!outcome.joined() && System.nanoTime() < deadline) {
            report("retry", outcome);
            Thread.sleep(500);
            outcome = join.get();
        }
        return outcome;
    }

    private static void report(String fault, Players.Outcome outcome) {
        System.out.printf("[fault] %s: %s%s%n", fault, outcome,
                outcome.serverText() == null ? "" : " server said: " + outcome.serverText());
    }

    private static void leaveAll() throws InterruptedException {
        players.leaveAll();
        ClusterChecks.assertRegistryMatches(registry, players, Duration.ofSeconds(15));
    }

    /** Polls a process's readiness every 50 ms in the background and records each change of answer. */
    static final class ReadinessProbe {
        private final List<String> transitions = new ArrayList<>();
        private final List<Integer> statuses = new ArrayList<>();
        private final CompletableFuture<Void> done;
        private volatile boolean running = true;

        private ReadinessProbe(ClusterProcess process) {
            long t0 = System.nanoTime();
            done = CompletableFuture.runAsync(() -> {
                int last = Integer.MIN_VALUE;
                while (running) {
                    int status = process.readinessStatus();
                    if (status != last) {
                        synchronized (this) {
                            transitions.add(((System.nanoTime() - t0) / 1_000_000) + "ms:" + status);
                            statuses.add(status);
                        }
                        last = status;
                    }
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        static ReadinessProbe start(ClusterProcess process) {
            return new ReadinessProbe(process);
        }

        void stop() throws Exception {
            running = false;
            done.get(10, TimeUnit.SECONDS);
        }

        synchronized List<String> transitions() {
            return List.copyOf(transitions);
        }

        /** The first status after the initial ones equal to {@code status}; -1 = no answer. */
        synchronized Integer firstStatusOtherThan(int status, boolean skipLeading) {
            for (Integer s : statuses) {
                if (s != status) {
                    return s;
                }
            }
            return null;
        }
    }
}
