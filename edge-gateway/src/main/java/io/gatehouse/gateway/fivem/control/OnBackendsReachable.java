package io.gatehouse.gateway.fivem.control;

import io.gatehouse.support.grpc.GrpcChannels;
import io.gatehouse.support.roles.Role;
import java.util.Set;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The control plane needs the auth and world services: either in this process (their role) or at a configured
 * address. A gateway-only process whose targets are still {@code in-process} has nobody to call, and keeps the
 * transport's placeholders (FXServer's 404) instead of answering 500 to everything.
 */
final class OnBackendsReachable implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Set<Role> roles = Role.parse(context.getEnvironment().getProperty(Role.PROPERTY));
        return reachable(context, roles, Role.AUTH, "auth") && reachable(context, roles, Role.WORLD, "world");
    }

    private static boolean reachable(ConditionContext context, Set<Role> roles, Role role, String service) {
        String target = context.getEnvironment().getProperty("gatehouse.services." + service + ".target",
                GrpcChannels.IN_PROCESS);
        return roles.contains(role) || !GrpcChannels.IN_PROCESS.equals(target);
    }
}
