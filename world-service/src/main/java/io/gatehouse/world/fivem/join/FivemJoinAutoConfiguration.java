package io.gatehouse.world.fivem.join;

import io.gatehouse.support.roles.ConditionalOnRole;
import io.gatehouse.support.roles.Role;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The FiveM join sequence of the world service. Settings are read from the cluster-wide keys they mirror:
 * {@code gatehouse.registry.big-mode} (the registry's slot table must agree), {@code gatehouse.fivem.game-name} and
 * {@code gatehouse.fivem.replicated-convars.<name>=<value>} (msgConVars).
 */
@AutoConfiguration
@ConditionalOnRole(Role.WORLD)
public class FivemJoinAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    FivemJoinSettings fivemJoinSettings(Environment environment) {
        Binder binder = Binder.get(environment);
        boolean bigMode = binder.bind("gatehouse.registry.big-mode", Boolean.class).orElse(false);
        String gameName = binder.bind("gatehouse.fivem.game-name", String.class).orElse("gta5");
        Map<String, String> conVars = binder.bind("gatehouse.fivem.replicated-convars",
                Bindable.mapOf(String.class, String.class)).orElse(Map.of());
        return new FivemJoinSettings(bigMode, gameName, conVars);
    }

    @Bean
    @ConditionalOnMissingBean
    FivemJoinService fivemJoinService(FivemJoinSettings settings) {
        return new FivemJoinService(settings, new ObjectIdAllocator(), System::currentTimeMillis);
    }

    /** Stands in for the world's FivemWorld service until that class exists (it must delegate to the join service). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass("io.gatehouse.world.fivem.FivemWorldGrpcService")
    static class AdapterConfiguration {

        @Bean
        @ConditionalOnMissingBean
        FivemJoinGrpcAdapter fivemJoinGrpcAdapter(FivemJoinService join) {
            return new FivemJoinGrpcAdapter(join);
        }
    }
}
