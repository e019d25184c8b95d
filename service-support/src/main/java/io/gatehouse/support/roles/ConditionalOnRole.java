package io.gatehouse.support.roles;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/**
 * Activates a service's configuration only in processes that play that role ({@code gatehouse.roles}).
 *
 * <p>The same jar runs the all-in-one node (every role) and each process of a split deployment (one role), so a
 * service's beans must not appear just because its classes are on the classpath.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Documented
@Conditional(OnRoleCondition.class)
public @interface ConditionalOnRole {

    /** One of {@link Role}'s names: gateway, auth, session, world. */
    Role value();
}
