package io.gatehouse.registry.core;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits shared by every store client of one cluster; all clients must agree on them.
 *
 * @param pendingTtl    a session without a peer dies after this long without a touch (FXServer: 120 s)
 * @param connectedTtl  a bound session of a dead gateway dies after this long without a heartbeat (FXServer: 60 s)
 * @param gatewayTtl    a gateway counts as alive this long after its last heartbeat or bind
 * @param orphanGrace   a bound session its live gateway has stopped vouching for dies after
 *                      {@code connectedTtl + orphanGrace}: it is not that gateway's player any more
 * @param slotTableSize OneSync slot table size: 129 normally, 2049 in big mode
 * @param netIdCeiling  final net IDs are {@code 1 .. netIdCeiling-1} (FXServer: 0xFFFF)
 */
public record RegistrySettings(Duration pendingTtl, Duration connectedTtl, Duration gatewayTtl,
                               Duration orphanGrace, int slotTableSize, int netIdCeiling) {

    public static final int NORMAL_SLOT_TABLE = 129;
    public static final int BIG_SLOT_TABLE = 2049;
    public static final int NET_ID_CEILING = 0xFFFF;

    public RegistrySettings {
        requirePositive(pendingTtl, "pendingTtl");
        requirePositive(connectedTtl, "connectedTtl");
        requirePositive(gatewayTtl, "gatewayTtl");
        Objects.requireNonNull(orphanGrace, "orphanGrace");
        if (orphanGrace.isNegative()) {
            throw new IllegalArgumentException("orphanGrace must not be negative");
        }
        if (slotTableSize < 1 || slotTableSize > BIG_SLOT_TABLE) {
            throw new IllegalArgumentException("slotTableSize must be 1.." + BIG_SLOT_TABLE);
        }
        if (netIdCeiling < 2 || netIdCeiling > NET_ID_CEILING) {
            throw new IllegalArgumentException("netIdCeiling must be 2..0xFFFF");
        }
    }

    public static RegistrySettings defaults() {
        return new RegistrySettings(Duration.ofSeconds(120), Duration.ofSeconds(60), Duration.ofSeconds(30),
                Duration.ofMinutes(10), NORMAL_SLOT_TABLE, NET_ID_CEILING);
    }

    public RegistrySettings withSlotTableSize(int size) {
        return new RegistrySettings(pendingTtl, connectedTtl, gatewayTtl, orphanGrace, size, netIdCeiling);
    }

    public RegistrySettings withNetIdCeiling(int ceiling) {
        return new RegistrySettings(pendingTtl, connectedTtl, gatewayTtl, orphanGrace, slotTableSize, ceiling);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
