package io.gatehouse.launcher.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * FiveM and Hytale players join the two-gateway cluster through nginx; a FiveM player runs initConnect on one gateway
 * and ENet on the other; the registry in Redis holds exactly the players connected, and nothing once they left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 240, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ClusterJoinIT {

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
    void fivemAndHytalePlayersJoinThroughNginxAndSpreadOverBothGateways() throws Exception {
        List<Players.Outcome> outcomes = new ArrayList<>();
        Set<String> gatewaysUsed = new HashSet<>();
        // Alternate games; keep joining (bounded) until the balancer has used both gateways for each game.
        Set<String> fivemOn = new HashSet<>();
        Set<String> hytaleOn = new HashSet<>();
        for (int i = 0; i < 16 && (i < 6 || fivemOn.size() < 2 || hytaleOn.size() < 2); i++) {
            Players.Outcome outcome = i % 2 == 0 ? players.joinFivem(nginx.fivemTarget())
                    : players.joinHytale(nginx.hytalePort);
            outcomes.add(outcome);
            System.out.println("[join] " + outcome + (outcome.joined() ? " on " + outcome.player().gateway : ""));
            assertThat(outcome.joined()).as("%s\n%s", outcome, cluster.logTails(30)).isTrue();
            (outcome.game().equals("fivem") ? fivemOn : hytaleOn).add(outcome.player().gateway);
            gatewaysUsed.add(outcome.player().gateway);
        }
        assertThat(fivemOn).as("FiveM players' gateways (via nginx)").containsExactlyInAnyOrder("gateway-a", "gateway-b");
        assertThat(hytaleOn).as("Hytale players' gateways (via nginx)").containsExactlyInAnyOrder("gateway-a", "gateway-b");

        ClusterChecks.assertRegistryMatches(registry, players, Duration.ofSeconds(10));

        // Everyone leaves: FiveM with msgIQuit (the server answers), Hytale by closing the connection.
        for (Players.Player player : players.connected()) {
            players.leave(player);
        }
        ClusterChecks.assertRegistryMatches(registry, players, Duration.ofSeconds(15));
        assertThat(players.duplicates()).isEmpty();
        System.out.println("[join] " + outcomes.size() + " joins through nginx, median "
                + ClusterChecks.median(outcomes) + " ms, max " + ClusterChecks.max(outcomes) + " ms");
    }

    @Test
    @Order(2)
    void fivemInitConnectOnOneGatewayAndEnetOnTheOther() throws Exception {
        Cluster.Gateway a = cluster.gatewayA();
        Cluster.Gateway b = cluster.gatewayB();
        Players.Outcome aToB = players.joinFivem(a.fivemTarget(), b.fivemTarget());
        Players.Outcome bToA = players.joinFivem(b.fivemTarget(), a.fivemTarget());
        System.out.println("[cross] " + aToB + "\n[cross] " + bToA);
        assertThat(aToB.joined()).as("HTTP to A, UDP to B: %s\n%s", aToB, cluster.logTails(30)).isTrue();
        assertThat(bToA.joined()).as("HTTP to B, UDP to A: %s\n%s", bToA, cluster.logTails(30)).isTrue();
        // The registry places each on the gateway that holds its ENet peer.
        assertThat(aToB.player().gateway).isEqualTo("gateway-b");
        assertThat(bToA.player().gateway).isEqualTo("gateway-a");
        assertThat(aToB.player().netId).isNotEqualTo(bToA.player().netId);
        assertThat(aToB.player().slot).isNotEqualTo(bToA.player().slot);
        ClusterChecks.assertRegistryMatches(registry, players, Duration.ofSeconds(10));

        // Through nginx too: a player whose HTTP (TCP) and UDP sessions hash to different gateways is normal there.
        Players.Outcome viaNginx = players.joinFivem(nginx.fivemTarget());
        assertThat(viaNginx.joined()).as("%s", viaNginx).isTrue();
        ClusterChecks.assertRegistryMatches(registry, players, Duration.ofSeconds(10));

        players.leaveAll();
        ClusterChecks.assertRegistryMatches(registry, players, Duration.ofSeconds(15));
        assertThat(players.duplicates()).isEmpty();
    }
}
