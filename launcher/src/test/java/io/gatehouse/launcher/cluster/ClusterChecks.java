package io.gatehouse.launcher.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

/** Shared assertions and helpers of the cluster tests. */
final class ClusterChecks {

    private ClusterChecks() {
    }

    /** Once things settle (within {@code timeout}), the registry equals the players the test holds. */
    static RegistryView.Settled assertRegistryMatches(RegistryView registry, Players players, Duration timeout)
            throws InterruptedException {
        RegistryView.Settled settled = registry.awaitConsistent(players::fivemKeys, players::hytaleKeys, timeout);
        System.out.printf("[registry] %s after %d ms (%d FiveM, %d Hytale held)%n",
                settled.consistent() ? "consistent" : "INCONSISTENT", settled.took().toMillis(),
                players.fivemKeys().size(), players.hytaleKeys().size());
        assertThat(settled.problems()).as("registry vs players held, after %s", settled.took()).isEmpty();
        return settled;
    }

    static long median(Collection<Players.Outcome> outcomes) {
        List<Long> millis = outcomes.stream().map(o -> o.took().toMillis()).sorted().toList();
        return millis.isEmpty() ? 0 : millis.get(millis.size() / 2);
    }

    static long max(Collection<Players.Outcome> outcomes) {
        return outcomes.stream().mapToLong(o -> o.took().toMillis()).max().orElse(0);
    }

    static void closeQuietly(AutoCloseable... resources) {
        for (AutoCloseable resource : resources) {
            if (resource == null) {
                continue;
            }
            try {
                resource.close();
            } catch (Exception e) {
                System.out.println("[cluster] closing " + resource + " failed: " + e);
            }
        }
    }
}
