package io.gatehouse.gateway.hytale.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.gateway.hytale.transport.HytaleQuicListener;
import io.gatehouse.gateway.hytale.transport.HytaleStreamInitializer;
import io.gatehouse.gateway.tls.CertifiedKey;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class HytaleTransportAutoConfigurationTest {

    @TempDir
    Path dataDir;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(HytaleTransportAutoConfiguration.class))
                .withPropertyValues("gatehouse.data-dir=" + dataDir, "gatehouse.hytale.port=0",
                        "gatehouse.hytale.bind-address=127.0.0.1");
    }

    @Test
    void withoutAStreamInitializerTheNodeBootsWithoutAListener() {
        runner().run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(HytaleQuicListener.class);
            assertThat(context).doesNotHaveBean(CertifiedKey.class);
        });
        assertThat(dataDir.resolve("hytale")).doesNotExist();
    }

    @Test
    void withAStreamInitializerTheListenerStartsAndStops() {
        runner().withBean(HytaleStreamInitializer.class, () -> (stream, connection) -> { })
                .run(context -> {
                    HytaleQuicListener listener = context.getBean(HytaleQuicListener.class);
                    assertThat(listener.isRunning()).isTrue();
                    assertThat(listener.boundAddress()).startsWith("127.0.0.1:");
                    assertThat(listener.serverCertificate().sha256Fingerprint())
                            .isEqualTo(context.getBean(CertifiedKey.class).sha256Fingerprint());
                });
    }

    @Test
    void theGeneratedCertificateSurvivesARestart() {
        String[] first = new String[1];
        runner().withBean(HytaleStreamInitializer.class, () -> (stream, connection) -> { })
                .run(context -> first[0] = context.getBean(CertifiedKey.class).sha256Fingerprint());
        runner().withBean(HytaleStreamInitializer.class, () -> (stream, connection) -> { })
                .run(context -> assertThat(context.getBean(CertifiedKey.class).sha256Fingerprint())
                .isEqualTo(first[0]));
        assertThat(dataDir.resolve("hytale")).isDirectory();
    }

    @Test
    void disabledMeansNoHytaleBeans() {
        runner().withPropertyValues("gatehouse.hytale.enabled=false")
                .withBean(HytaleStreamInitializer.class, () -> (stream, connection) -> { })
                .run(context -> {
                    assertThat(context).doesNotHaveBean(HytaleQuicListener.class);
                    assertThat(context).doesNotHaveBean(CertifiedKey.class);
                });
    }
}
