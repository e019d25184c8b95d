package io.gatehouse.registry.config;

import io.gatehouse.registry.core.SessionStore;
import io.gatehouse.registry.grpc.RemoteSessionStore;
import io.gatehouse.support.grpc.GrpcChannels;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * How every other service reaches the session registry: over gRPC, whether the registry runs in this JVM
 * (in-process transport) or in another process ({@code gatehouse.services.session.target}). One code path for both
 * modes means the all-in-one node exercises the same contract a split deployment does.
 */
@AutoConfiguration(after = SessionRegistryAutoConfiguration.class)
public class SessionRegistryClientAutoConfiguration {

    @Bean
    @Primary
    @ConditionalOnMissingBean(name = "sessionRegistryClient")
    public SessionStore sessionRegistryClient(GrpcChannels channels) {
        return new RemoteSessionStore(channels.channel("session"), channels.deadline("session"));
    }
}
