package io.gatehouse.world.fivem;

import io.gatehouse.registry.config.SessionRegistryClientAutoConfiguration;
import io.gatehouse.registry.core.SessionStore;
import io.gatehouse.support.roles.ConditionalOnRole;
import io.gatehouse.support.roles.Role;
import io.gatehouse.world.config.WorldContentAutoConfiguration;
import io.gatehouse.world.fivem.join.FivemJoinAutoConfiguration;
import io.gatehouse.world.fivem.join.FivemJoinService;
import io.gatehouse.world.resources.FivemResource;
import io.gatehouse.world.resources.ResourceCatalog;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The world service's {@code FivemWorld} gRPC service: {@code ServerInfo} here, the join RPCs delegated to the join
 * service ({@link FivemJoinAutoConfiguration}, whose stand-in adapter steps aside when this class is present).
 */
@AutoConfiguration(after = {WorldContentAutoConfiguration.class, SessionRegistryClientAutoConfiguration.class,
        FivemJoinAutoConfiguration.class})
@ConditionalOnRole(Role.WORLD)
@EnableConfigurationProperties(FivemWorldProperties.class)
public class FivemWorldAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    FivemServerInfo fivemServerInfo(FivemWorldProperties properties, SessionStore store,
                                    ObjectProvider<ResourceCatalog> catalog) {
        // info.json lists the started resources; here every resource of the catalogue counts as started
        return new FivemServerInfo(properties, store, () -> {
            ResourceCatalog c = catalog.getIfAvailable();
            return c == null ? List.of() : c.resources().stream().map(FivemResource::name).toList();
        });
    }

    @Bean
    @ConditionalOnMissingBean
    FivemWorldGrpcService fivemWorldGrpcService(FivemServerInfo serverInfo, FivemWorldProperties properties,
                                                ObjectProvider<FivemJoinService> join) {
        return new FivemWorldGrpcService(serverInfo, properties, join.getIfAvailable());
    }
}
