package io.gatehouse.registry.config;

import io.gatehouse.registry.core.RegistrySettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code gatehouse.registry.*}. Every registry instance and gateway of a cluster must use the same values.
 *
 * @param bigMode       OneSync big mode: a 2049-entry slot table instead of 129
 * @param slotTableSize explicit slot table size; 0 means "from bigMode"
 * @param reapInterval  how often this instance reaps dead sessions (idempotent across instances)
 * @param redisPrefix   key namespace; give it a hash tag (e.g. {@code {gatehouse}:}) on Redis Cluster
 * @param redisCommandTimeout how long one Redis command may take before the call fails (fail fast in an outage)
 * @param reapGraceAfterOutage how long the store must have been continuously reachable from a reaper (after an
 *                      outage, and after the reaper starts) before it reaps again; at least {@code gatewayTtl} plus
 *                      the gateways' heartbeat interval. Unset: {@code gatewayTtl} + {@link #DEFAULT_HEARTBEAT_INTERVAL}
 */
@ConfigurationProperties("gatehouse.registry")
public record RegistryProperties(
        @DefaultValue("120s") Duration pendingTtl,
        @DefaultValue("60s") Duration connectedTtl,
        @DefaultValue("30s") Duration gatewayTtl,
        @DefaultValue("10m") Duration orphanGrace,
        @DefaultValue("false") boolean bigMode,
        @DefaultValue("0") int slotTableSize,
        @DefaultValue("5s") Duration reapInterval,
        @DefaultValue("gatehouse:") String redisPrefix,
        @DefaultValue("1500ms") Duration redisCommandTimeout,
        Duration reapGraceAfterOutage) {

    /** The gateways' default heartbeat interval ({@code gatehouse.fivem.udp.heartbeat-interval}, Hytale's too). */
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(10);

    /** {@link #reapGraceAfterOutage()} or its default. */
    public Duration effectiveReapGrace() {
        return reapGraceAfterOutage != null ? reapGraceAfterOutage : gatewayTtl.plus(DEFAULT_HEARTBEAT_INTERVAL);
    }

    public RegistrySettings toSettings() {
        int size = slotTableSize > 0 ? slotTableSize
                : bigMode ? RegistrySettings.BIG_SLOT_TABLE : RegistrySettings.NORMAL_SLOT_TABLE;
        return new RegistrySettings(pendingTtl, connectedTtl, gatewayTtl, orphanGrace, size,
                RegistrySettings.NET_ID_CEILING);
    }
}
