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
        @DefaultValue("1500ms") Duration redisCommandTimeout) {

    public RegistrySettings toSettings() {
        int size = slotTableSize > 0 ? slotTableSize
                : bigMode ? RegistrySettings.BIG_SLOT_TABLE : RegistrySettings.NORMAL_SLOT_TABLE;
        return new RegistrySettings(pendingTtl, connectedTtl, gatewayTtl, orphanGrace, size,
                RegistrySettings.NET_ID_CEILING);
    }
}
