package io.gatehouse.launcher.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.launcher.deploy.DeployContract.Service;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Helm chart and the generated k8s/ manifests against the code (the rendering itself is checked by
 * deploy/test/render-check.sh, which needs Helm): the chart's default ports are the code's, every environment variable
 * a template or manifest sets binds to a property the code reads, and the proposed gRPC TLS variables are flagged
 * once the code grows real TLS properties.
 */
class HelmChartContractTest {

    private static final Map<String, Service> CODE = DeployContract.services();

    @Test
    @SuppressWarnings("unchecked")
    void defaultPortsAreTheCodes() {
        Map<String, Object> values = DeployContract.yaml("helm/gatehouse/values.yaml");
        CODE.forEach((verb, svc) -> {
            Map<String, Object> ports = (Map<String, Object>) ((Map<String, Object>) values.get(verb)).get("ports");
            assertThat(ports.get("admin")).as(verb + ".ports.admin").isEqualTo(svc.adminPort());
            if (svc.isGateway()) {
                assertThat(ports.get("fivem")).as("gateway.ports.fivem").isEqualTo(DeployContract.fivemPort());
                assertThat(ports.get("hytale")).as("gateway.ports.hytale").isEqualTo(DeployContract.hytalePort());
            } else {
                assertThat(ports.get("grpc")).as(verb + ".ports.grpc").isEqualTo(svc.grpcPort());
            }
        });
    }

    @Test
    void templateEnvironmentVariablesBindToRealProperties() throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.list(DeployContract.ROOT.resolve("helm/gatehouse/templates"))) {
            for (Path f : files.toList()) {
                Matcher m = Pattern.compile("- name: ([A-Z][A-Z0-9_]+)\\s*$", Pattern.MULTILINE).matcher(Files.readString(f));
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        assertThat(names).contains("GATEHOUSE_ADMIN_PORT", "GATEHOUSE_GRPC_PORT", "GATEHOUSE_REDIS_URL",
                "GATEHOUSE_SERVICES_SESSION_TARGET", "GATEHOUSE_FIVEM_PORT", "GATEHOUSE_HYTALE_PORT");
        boolean tlsImplemented = DeployContract.knownProperties().stream().anyMatch(p -> p.startsWith("gatehouse.grpc.tls."));
        for (String name : names) {
            if (name.equals("REDIS_PASSWORD") || name.equals("REDISCLI_AUTH")) {
                continue; // the bundled Redis container's own variables
            }
            if (DeployContract.PROPOSED_TLS_ENV.contains(name) && !tlsImplemented) {
                assertThat(DeployContract.propertyOf(name)).as(name + " is proposed, not yet read").isEmpty();
                continue;
            }
            assertThat(DeployContract.explain(name))
                    .as("chart sets %s, which binds to no property the code reads%s", name,
                            DeployContract.PROPOSED_TLS_ENV.contains(name)
                                    ? " (gRPC TLS is implemented now: align the chart's gatehouse.grpc.tls.* names)" : "")
                    .isPresent();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void generatedKubernetesManifestsUseTheCodesPortsAndProperties() {
        for (Object doc : DeployContract.yamlAll("k8s/base/workloads.yaml")) {
            Map<String, Object> o = (Map<String, Object>) doc;
            Map<String, Object> labels = (Map<String, Object>) ((Map<String, Object>) o.get("metadata")).get("labels");
            String component = String.valueOf(labels.get("app.kubernetes.io/component"));
            Service svc = CODE.get(component);
            assertThat(svc).as("workload component " + component).isNotNull();
            Map<String, Object> pod = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) o.get("spec"))
                    .get("template")).get("spec");
            Map<String, Object> ctr = ((List<Map<String, Object>>) pod.get("containers")).get(0);
            Map<String, Object> env = new java.util.LinkedHashMap<>();
            for (Map<String, Object> e : (List<Map<String, Object>>) ctr.get("env")) {
                env.put((String) e.get("name"), e.get("value"));
                assertThat(DeployContract.explain((String) e.get("name"))).as(component + " env " + e.get("name")).isPresent();
            }
            assertThat(env.get("GATEHOUSE_ADMIN_PORT")).isEqualTo(String.valueOf(svc.adminPort()));
            if (!svc.isGateway()) {
                assertThat(env.get("GATEHOUSE_GRPC_PORT")).isEqualTo(String.valueOf(svc.grpcPort()));
                assertThat(env.get("GATEHOUSE_GRPC_BIND_ADDRESS")).isEqualTo("0.0.0.0");
            } else {
                assertThat(env.get("GATEHOUSE_FIVEM_PORT")).isEqualTo(String.valueOf(DeployContract.fivemPort()));
                for (String callee : List.of("session", "auth", "world")) {
                    assertThat(env.get("GATEHOUSE_SERVICES_" + callee.toUpperCase() + "_TARGET"))
                            .isEqualTo("dns:///gatehouse-" + callee + ":" + CODE.get(callee).grpcPort());
                }
            }
        }
    }

    @Test
    void everyDocumentedPropertyNameIsWellFormed() {
        Optional<String> bad = DeployContract.documentedProperties().stream()
                .filter(p -> !p.matches("gatehouse(\\.[a-z0-9-]+)+")).findFirst();
        assertThat(bad).as("docs/configuration.md property names").isEmpty();
    }
}
