package io.gatehouse.world.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.world.assets.AssetCatalog;
import io.gatehouse.world.assets.AssetStreamer;
import io.gatehouse.world.grpc.WorldContentGrpcService;
import io.gatehouse.world.resources.ResourceCatalog;
import io.grpc.BindableService;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class WorldContentAutoConfigurationTest {

    @TempDir
    Path temp;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WorldContentAutoConfiguration.class));

    @Test
    void wiresTheSampleWorldAndExposesABindableService() {
        runner.withPropertyValues(
                        "gatehouse.world.assets-dir=../world/assets",
                        "gatehouse.world.resources-dir=../world/resources",
                        "gatehouse.world.asset-part-size=1MB")
                .run(context -> {
                    assertThat(context).hasSingleBean(BindableService.class);
                    assertThat(context.getBean(BindableService.class)).isInstanceOf(WorldContentGrpcService.class);
                    assertThat(context.getBean(AssetCatalog.class).size()).isGreaterThanOrEqualTo(2);
                    assertThat(context.getBean(AssetStreamer.class).partSize()).isEqualTo(1 << 20);
                    assertThat(context.getBean(ResourceCatalog.class).resource("gatehouse-hello")).isPresent();
                });
    }

    @Test
    void missingDirectoriesGiveAnEmptyWorldAndThePartSizeIsCapped() {
        runner.withPropertyValues(
                        "gatehouse.world.assets-dir=" + temp.resolve("none-a"),
                        "gatehouse.world.resources-dir=" + temp.resolve("none-r"),
                        "gatehouse.world.asset-part-size=100MB")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(AssetCatalog.class).size()).isZero();
                    assertThat(context.getBean(AssetStreamer.class).partSize()).isEqualTo(AssetStreamer.MAX_PART_SIZE);
                    assertThat(context.getBean(ResourceCatalog.class).resources()).isEmpty();
                });
    }
}
