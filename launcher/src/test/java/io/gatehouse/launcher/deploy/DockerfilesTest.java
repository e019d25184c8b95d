package io.gatehouse.launcher.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.launcher.deploy.DeployContract.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * deploy/docker/*.Dockerfile against the code: the ENTRYPOINT runs the right `service` verb of the jar, EXPOSE lists
 * the ports the code listens on with their protocols, the HEALTHCHECK asks the readiness endpoint on the admin port,
 * the runtime is a non-root JRE 17 with container JVM flags, and the build stage is the same in all four files.
 */
class DockerfilesTest {

    private static final Map<String, Service> CODE = DeployContract.services();

    private static String dockerfile(String verb) {
        return DeployContract.read("deploy/docker/" + verb + ".Dockerfile");
    }

    /** Instructions with continuation lines joined. */
    private static List<String> instructions(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            if (line.endsWith("\\")) {
                cur.append(line, 0, line.length() - 1).append(' ');
            } else {
                out.add(cur.append(line).toString().trim());
                cur.setLength(0);
            }
        }
        return out;
    }

    private static String finalStage(String text) {
        return text.substring(text.lastIndexOf("\nFROM "));
    }

    private static String env(String text, String name) {
        Matcher m = Pattern.compile("\\b" + name + "=(\"[^\"]*\"|\\S+)").matcher(finalStage(text));
        assertThat(m.find()).as("ENV " + name).isTrue();
        return m.group(1).replace("\"", "");
    }

    @Test
    void entrypointRunsTheServiceVerbOfTheJar() {
        CODE.forEach((verb, svc) -> {
            String entry = instructions(dockerfile(verb)).stream().filter(i -> i.startsWith("ENTRYPOINT")).findFirst()
                    .orElseThrow();
            assertThat(entry).isEqualTo(
                    "ENTRYPOINT [\"java\", \"-jar\", \"/opt/gatehouse/gatehouse.jar\", \"service\", \"" + verb + "\"]");
            assertThat(DeployContract.serviceVerbs()).containsKey(verb);
        });
    }

    @Test
    void exposeListsTheCodesPortsWithProtocols() {
        CODE.forEach((verb, svc) -> {
            String text = dockerfile(verb);
            String expose = instructions(finalStage(text)).stream().filter(i -> i.startsWith("EXPOSE ")).findFirst()
                    .orElseThrow();
            List<String> ports = List.of(expose.substring(7).trim().split("\\s+"));
            assertThat(Integer.parseInt(env(text, "GATEHOUSE_ADMIN_PORT"))).as(verb + " admin port")
                    .isEqualTo(svc.adminPort());
            if (svc.isGateway()) {
                int fivem = DeployContract.fivemPort();
                assertThat(ports).containsExactlyInAnyOrder(fivem + "/tcp", fivem + "/udp",
                        DeployContract.hytalePort() + "/udp", svc.adminPort() + "/tcp");
            } else {
                assertThat(ports).containsExactlyInAnyOrder(svc.grpcPort() + "/tcp", svc.adminPort() + "/tcp");
                assertThat(env(text, "GATEHOUSE_GRPC_BIND_ADDRESS")).isEqualTo("0.0.0.0");
            }
        });
    }

    @Test
    void healthcheckAsksReadinessOnTheAdminPortWithAToolInTheImage() {
        CODE.keySet().forEach(verb -> {
            String text = dockerfile(verb);
            String hc = instructions(finalStage(text)).stream().filter(i -> i.startsWith("HEALTHCHECK")).findFirst()
                    .orElseThrow();
            assertThat(hc).contains("CMD curl", "${GATEHOUSE_ADMIN_PORT}/actuator/health/readiness");
            assertThat(finalStage(text)).contains("apt-get install -y --no-install-recommends curl");
        });
    }

    @Test
    void runtimeIsANonRootJre17WithContainerJvmFlags() {
        CODE.keySet().forEach(verb -> {
            String stage = finalStage(dockerfile(verb));
            assertThat(stage).startsWith("\nFROM eclipse-temurin:17-jre");
            Matcher user = Pattern.compile("\nUSER (\\d+)").matcher(stage);
            assertThat(user.find()).as(verb + " USER").isTrue();
            assertThat(Integer.parseInt(user.group(1))).as(verb + " runs as non-root").isPositive();
            assertThat(env(dockerfile(verb), "JAVA_TOOL_OPTIONS"))
                    .contains("-XX:MaxRAMPercentage=", "-XX:+ExitOnOutOfMemoryError", "-XX:+UseG1GC");
            assertThat(env(dockerfile(verb), "GATEHOUSE_DATA_DIR")).isEqualTo("/var/lib/gatehouse");
            for (String line : instructions(stage)) {
                if (line.startsWith("ENV ")) {
                    for (Matcher m = Pattern.compile("\\b([A-Z][A-Z0-9_]+)=").matcher(line); m.find(); ) {
                        assertThat(DeployContract.explain(m.group(1))).as(verb + " ENV " + m.group(1)).isPresent();
                    }
                }
            }
        });
    }

    @Test
    void buildStageIsSharedAndBuildsTheLauncherJar() {
        String reference = null;
        for (String verb : CODE.keySet()) {
            String text = dockerfile(verb);
            String build = text.substring(text.indexOf("\nFROM "), text.lastIndexOf("\nFROM "));
            assertThat(build).contains("FROM eclipse-temurin:17-jdk AS build", "./mvnw", "-pl launcher -am",
                    "launcher/target/gatehouse.jar", "--mount=type=cache");
            if (reference == null) {
                reference = build;
            }
            assertThat(build).as(verb + " build stage equals the gateway's (one cached build for four images)")
                    .isEqualTo(reference);
        }
    }
}
