package io.gatehouse.gateway.fivem.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.gateway.fivem.config.FivemHttpAutoConfiguration;
import io.gatehouse.support.lifecycle.PlayerListener;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A gateway with no FiveM handlers yet boots and answers FXServer's 404, never made-up data. */
@SpringBootTest(classes = FivemHttpPlaceholdersTest.EmptyGateway.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "gatehouse.roles=gateway",
                "management.server.port=-1",
                "gatehouse.hytale.enabled=false", // not under test here
                // resilience4j-spring-boot3 refuses Boot 4 at startup (a module dependency question, reported to the lead)
                "spring.autoconfigure.exclude="
                        + "io.github.resilience4j.springboot3.verifier.autoconfigure.SpringBoot3VerifierAutoConfiguration",
        })
class FivemHttpPlaceholdersTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("gatehouse.data-dir", () -> dataDir.toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void everyRouteAnswersRouteNotFoundUntilAHandlerIsRegistered() throws Exception {
        for (String path : new String[] {"/info.json", "/dynamic.json", "/players.json", "/files/res/resource.rpf"}) {
            RawHttp.Response response = RawHttp.get(null, port, path);
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.body()).as(path).isEqualTo("Route " + path + " not found.");
        }
        RawHttp.Response client = RawHttp.postForm(null, port, "/client", "method=initConnect&name=x");
        assertThat(client.status()).isEqualTo(404);
        assertThat(client.body()).isEqualTo("Route /client not found.");
        assertThat(context.getBean("fivem-http", PlayerListener.class).boundAddress()).endsWith(":" + port);
    }

    @Test
    void otherRolesGetNoFivemBeans() {
        new ReactiveWebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(FivemHttpAutoConfiguration.class))
                .withPropertyValues("gatehouse.roles=auth,world")
                .run(context -> assertThat(context).doesNotHaveBean(FivemEndpoints.class)
                        .doesNotHaveBean(FivemNettyCustomizer.class));
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class EmptyGateway {
    }
}
