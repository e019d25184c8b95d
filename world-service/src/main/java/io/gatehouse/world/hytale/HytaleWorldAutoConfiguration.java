package io.gatehouse.world.hytale;

import io.gatehouse.support.roles.ConditionalOnRole;
import io.gatehouse.support.roles.Role;
import io.gatehouse.world.assets.AssetCatalog;
import io.gatehouse.world.config.WorldContentAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** The Hytale join sequence of the world service ({@code HytaleWorld} gRPC), next to the content catalogues. */
@AutoConfiguration(after = WorldContentAutoConfiguration.class)
@ConditionalOnRole(Role.WORLD)
@EnableConfigurationProperties(HytaleWorldProperties.class)
public class HytaleWorldAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    HytaleWorldGrpcService hytaleWorldGrpcService(AssetCatalog assets, HytaleWorldProperties properties) {
        return new HytaleWorldGrpcService(assets, properties);
    }
}
