package io.gatehouse.launcher;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The all-in-one node: every service module on the classpath contributes its beans through auto-configuration;
 * gRPC stays in-process and sessions stay in memory unless {@code gatehouse.redis.url} is set.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class AllInOneNode {

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(AllInOneNode.class);
        app.setAdditionalProfiles("all-in-one");
        app.run(args);
    }
}
