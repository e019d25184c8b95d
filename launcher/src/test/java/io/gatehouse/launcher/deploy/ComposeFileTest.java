package io.gatehouse.launcher.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.launcher.deploy.DeployContract.Service;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml against the code: every Gatehouse service runs the image of its verb, listens where the code
 * listens, checks the readiness endpoint on its admin port, calls the others on their gRPC ports, and is given only
 * environment variables that bind to a property the code reads. Renaming a port, a property or a verb without
 * updating the compose file fails here.
 */
class ComposeFileTest {

    private static Map<String, Object> compose;
    private static Map<String, Map<String, Object>> services;
    private static Map<String, Service> code;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() {
        compose = DeployContract.yaml("docker-compose.yml");
        services = (Map<String, Map<String, Object>>) compose.get("services");
        code = DeployContract.services();
    }

    /** Compose services built from deploy/docker/<verb>.Dockerfile, by compose name. */
    @SuppressWarnings("unchecked")
    private static Map<String, Service> gatehouseServices() {
        Map<String, Service> out = new LinkedHashMap<>();
        services.forEach((name, svc) -> {
            Object build = svc.get("build");
            if (build instanceof Map<?, ?> b) {
                Matcher m = Pattern.compile("deploy/docker/(\\w+)\\.Dockerfile").matcher(String.valueOf(b.get("dockerfile")));
                if (m.matches()) {
                    assertThat(code).as("Dockerfile of compose service " + name).containsKey(m.group(1));
                    out.put(name, code.get(m.group(1)));
                }
            }
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> env(String service) {
        Map<String, String> env = new LinkedHashMap<>();
        Object raw = services.get(service).get("environment");
        if (raw instanceof Map<?, ?> m) {
            m.forEach((k, v) -> env.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        } else if (raw instanceof List<?> l) {
            l.forEach(e -> {
                String[] kv = String.valueOf(e).split("=", 2);
                env.put(kv[0], kv.length > 1 ? kv[1] : null);
            });
        }
        return env;
    }

    private static int effective(String service, String variable, int codeDefault) {
        String v = env(service).get(variable);
        return v == null ? codeDefault : Integer.parseInt(v);
    }

    private static int grpcPort(String composeName) {
        return effective(composeName, "GATEHOUSE_GRPC_PORT", gatehouseServices().get(composeName).grpcPort());
    }

    private static int adminPort(String composeName) {
        return effective(composeName, "GATEHOUSE_ADMIN_PORT", gatehouseServices().get(composeName).adminPort());
    }

    @Test
    void everyServiceOfTheSplitDeploymentIsThereWithTwoGateways() {
        Map<String, Service> gh = gatehouseServices();
        assertThat(gh.values()).extracting(Service::verb).contains("session", "auth", "world");
        assertThat(gh.values().stream().filter(Service::isGateway).count()).as("gateways").isGreaterThanOrEqualTo(2);
        assertThat(services).containsKeys("redis", "prometheus", "grafana");
        gh.keySet().forEach(name -> assertThat(DeployContract.ROOT.resolve(
                String.valueOf(((Map<?, ?>) services.get(name).get("build")).get("dockerfile")))).exists());
    }

    @Test
    void environmentVariablesBindToPropertiesTheCodeReads() {
        for (String name : gatehouseServices().keySet()) {
            for (String variable : env(name).keySet()) {
                assertThat(DeployContract.explain(variable))
                        .as("%s: %s binds to no property in docs/configuration.md or a @ConfigurationProperties class",
                                name, variable)
                        .isPresent();
            }
        }
    }

    @Test
    void exampleEnvFilesOnlyNameRealSettings() {
        Pattern line = Pattern.compile("^#?([A-Z][A-Z0-9_]+)=", Pattern.MULTILINE);
        for (String file : List.of("deploy/compose/auth.env.example", "deploy/compose/gateway.env.example")) {
            Matcher m = line.matcher(DeployContract.read(file));
            int count = 0;
            while (m.find()) {
                count++;
                assertThat(DeployContract.explain(m.group(1))).as("%s: %s", file, m.group(1)).isPresent();
            }
            assertThat(count).as(file).isPositive();
        }
    }

    @Test
    void grpcServicesBindAllInterfacesAndAreCalledOnTheirPorts() {
        Map<String, Service> gh = gatehouseServices();
        Map<String, String> composeNameOfVerb = new LinkedHashMap<>();
        gh.forEach((name, svc) -> {
            if (!svc.isGateway()) {
                composeNameOfVerb.put(svc.verb(), name);
                assertThat(env(name)).as(name + " must listen beyond loopback in a container")
                        .containsEntry("GATEHOUSE_GRPC_BIND_ADDRESS", "0.0.0.0");
                assertThat(exposed(name)).as(name + " expose").contains(grpcPort(name), adminPort(name));
            }
        });
        gh.forEach((name, svc) -> {
            List<String> calls = svc.isGateway() ? List.of("session", "auth", "world")
                    : svc.verb().equals("session") ? List.of() : List.of("session");
            for (String callee : calls) {
                String variable = "GATEHOUSE_SERVICES_" + callee.toUpperCase() + "_TARGET";
                String target = env(name).get(variable);
                String calleeName = composeNameOfVerb.get(callee);
                assertThat(target).as("%s: %s", name, variable)
                        .isIn(calleeName + ":" + grpcPort(calleeName), "dns:///" + calleeName + ":" + grpcPort(calleeName));
                assertThat(dependsOnHealthy(name)).as(name + " depends_on " + calleeName).contains(calleeName);
            }
        });
    }

    @Test
    void sessionRegistryUsesTheComposeRedis() {
        String session = gatehouseServices().entrySet().stream().filter(e -> e.getValue().verb().equals("session"))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        assertThat(env(session).get("GATEHOUSE_REDIS_URL")).startsWith("redis://redis:6379");
        assertThat(dependsOnHealthy(session)).contains("redis");
        assertThat(services.get("redis")).containsKey("healthcheck");
    }

    @Test
    void healthChecksHitTheReadinessEndpointOnTheAdminPort() {
        gatehouseServices().forEach((name, svc) -> {
            Map<?, ?> hc = (Map<?, ?>) services.get(name).get("healthcheck");
            assertThat(hc).as(name + " healthcheck").isNotNull();
            assertThat(String.valueOf(hc.get("test")))
                    .as(name + " healthcheck").contains("http://127.0.0.1:" + adminPort(name) + "/actuator/health/readiness");
        });
    }

    @Test
    void gatewaysPublishFivemTcpAndUdpAndHytaleUdpOnDistinctHostPorts() {
        int fivem = DeployContract.fivemPort();
        int hytale = DeployContract.hytalePort();
        assertThat(DeployContract.gatewayServerPortFallback()).as("EdgeGatewayMain server.port fallback").hasValue(fivem);
        Set<String> hostPorts = new HashSet<>();
        gatehouseServices().forEach((name, svc) -> {
            if (!svc.isGateway()) {
                return;
            }
            int cFivem = effective(name, "GATEHOUSE_FIVEM_PORT", fivem);
            int cHytale = effective(name, "GATEHOUSE_HYTALE_PORT", hytale);
            Map<String, String> published = new LinkedHashMap<>(); // "container/proto" -> host
            for (Object p : (List<?>) services.get(name).get("ports")) {
                Matcher m = Pattern.compile("(?:[\\d.]+:)?(\\d+):(\\d+)(?:/(tcp|udp))?").matcher(String.valueOf(p));
                assertThat(m.matches()).as(name + " port " + p).isTrue();
                String proto = m.group(3) == null ? "tcp" : m.group(3);
                published.put(m.group(2) + "/" + proto, m.group(1));
                assertThat(hostPorts.add(m.group(1) + "/" + proto)).as("host port " + p + " used twice").isTrue();
            }
            assertThat(published).as(name + " published ports")
                    .containsKeys(cFivem + "/tcp", cFivem + "/udp", cHytale + "/udp", adminPort(name) + "/tcp");
            assertThat(published.get(cFivem + "/tcp")).as(name + ": FiveM TCP and UDP share one host port")
                    .isEqualTo(published.get(cFivem + "/udp"));
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void prometheusScrapesEveryServiceAndGrafanaLoadsTheChartsDashboards() {
        Map<String, Object> prom = DeployContract.yaml("deploy/prometheus/prometheus.yml");
        List<String> targets = new ArrayList<>();
        for (Map<String, Object> job : (List<Map<String, Object>>) prom.get("scrape_configs")) {
            if (String.valueOf(job.get("job_name")).startsWith("gatehouse-")) {
                assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
                for (Map<String, Object> sc : (List<Map<String, Object>>) job.get("static_configs")) {
                    targets.addAll((List<String>) sc.get("targets"));
                }
            }
        }
        gatehouseServices().keySet().forEach(name ->
                assertThat(targets).as("Prometheus targets").contains(name + ":" + adminPort(name)));
        assertThat(String.valueOf(services.get("prometheus").get("volumes"))).contains("./helm/gatehouse/files/alerts");
        assertThat(String.valueOf(services.get("grafana").get("volumes")))
                .contains("./helm/gatehouse/files/dashboards", "./deploy/grafana/provisioning");
    }

    private static List<Integer> exposed(String name) {
        List<Integer> ports = new ArrayList<>();
        Object expose = services.get(name).get("expose");
        if (expose instanceof List<?> l) {
            l.forEach(p -> ports.add(Integer.parseInt(String.valueOf(p).replaceAll("/.*", ""))));
        }
        return ports;
    }

    private static Set<String> dependsOnHealthy(String name) {
        Set<String> out = new HashSet<>();
        Object deps = services.get(name).get("depends_on");
        if (deps instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if (v instanceof Map<?, ?> c && "service_healthy".equals(c.get("condition"))) {
                    out.add(String.valueOf(k));
                }
            });
        }
        return out;
    }
}
