package io.gatehouse.gateway.hytale.config;

import io.gatehouse.support.roles.ConditionalOnRole;
import io.gatehouse.support.roles.Role;
import io.gatehouse.gateway.hytale.transport.HytaleDrainHook;
import io.gatehouse.gateway.hytale.transport.HytaleProperties;
import io.gatehouse.gateway.hytale.transport.HytaleQuicListener;
import io.gatehouse.gateway.hytale.transport.HytaleStreamInitializer;
import io.gatehouse.gateway.tls.CertifiedKey;
import io.gatehouse.gateway.tls.ServerCertificates;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The Hytale QUIC transport of the gateway ({@code gatehouse.hytale.enabled}, default true).
 *
 * <p>The listener is created only when a {@link HytaleStreamInitializer} bean exists, so a node boots cleanly before
 * the protocol handlers are wired. A {@link HytaleStreamInitializer} defined by another auto-configuration must be
 * ordered {@code before = HytaleTransportAutoConfiguration.class}; application beans need nothing.
 */
@AutoConfiguration
@ConditionalOnRole(Role.GATEWAY)
@ConditionalOnProperty(prefix = "gatehouse.hytale", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(HytaleProperties.class)
public class HytaleTransportAutoConfiguration {

    /** Env variable AlloyServer operators already use to pick a certificate by SHA-1 thumbprint. */
    static final String THUMBPRINT_ENV = "ALLOY_CERT_THUMBPRINT";

    private static final Logger log = LoggerFactory.getLogger(HytaleTransportAutoConfiguration.class);

    /**
     * The gateway's Hytale server identity; its SHA-256 fingerprint is what the session service binds to. Only with
     * a listener: a node without one should not write a certificate to disk.
     */
    @Bean
    @ConditionalOnBean(HytaleStreamInitializer.class)
    @ConditionalOnMissingBean(name = "hytaleServerCertificate")
    CertifiedKey hytaleServerCertificate(HytaleProperties properties, Environment environment) {
        HytaleProperties.Cert cert = properties.getCert();
        String thumbprint = cert.getThumbprint() != null ? cert.getThumbprint() : environment.getProperty(THUMBPRINT_ENV);
        Path dataDir = Path.of(environment.getProperty("gatehouse.data-dir", "./.gatehouse"));
        return ServerCertificates.resolve(new ServerCertificates.Source(cert.getPem(), cert.getKey(), cert.getPkcs12(),
                cert.getPassword(), thumbprint, cert.getCommonName(), dataDir.resolve("hytale")));
    }

    @Bean
    @ConditionalOnBean(HytaleStreamInitializer.class)
    @ConditionalOnMissingBean
    HytaleQuicListener hytaleQuicListener(HytaleProperties properties, CertifiedKey hytaleServerCertificate,
            HytaleStreamInitializer streamInitializer, ObjectProvider<MeterRegistry> meterRegistry,
            ObjectProvider<HytaleDrainHook> drainHook) {
        HytaleQuicListener listener = new HytaleQuicListener(properties, hytaleServerCertificate, streamInitializer,
                meterRegistry.getIfAvailable());
        drainHook.ifAvailable(listener::setDrainHook);
        return listener;
    }

    @Bean
    @ConditionalOnMissingBean(HytaleStreamInitializer.class)
    SmartInitializingSingleton hytaleTransportNotWired() {
        return () -> log.warn("Hytale is enabled but no HytaleStreamInitializer bean exists: the Hytale QUIC listener "
                + "is not started (set gatehouse.hytale.enabled=false to silence this)");
    }
}
