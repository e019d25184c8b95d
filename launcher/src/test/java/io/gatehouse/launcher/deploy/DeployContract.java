package io.gatehouse.launcher.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.auth.AuthServiceMain;
import io.gatehouse.auth.hytale.ServerIdentity;
import io.gatehouse.gateway.EdgeGatewayMain;
import io.gatehouse.gateway.fivem.config.FivemProperties;
import io.gatehouse.gateway.hytale.transport.HytaleProperties;
import io.gatehouse.registry.SessionRegistryMain;
import io.gatehouse.world.WorldServiceMain;
import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * What the code says the deployment must look like: ports from the {@code *Main} classes and the properties classes,
 * the verbs of {@code ./gatehouse service}, and every property name the code or docs/configuration.md knows. The
 * deployment tests compare docker-compose.yml, the Dockerfiles, the Helm chart and k8s/ against it.
 */
final class DeployContract {

    /** The four services: verb of {@code gatehouse service}, Dockerfile, ports. */
    record Service(String verb, String mainClass, int grpcPort, int adminPort) {
        boolean isGateway() {
            return verb.equals("gateway");
        }
    }

    /** Spring properties (not gatehouse.*) the deployment sets, each checked against Spring's own binding. */
    static final Set<String> SPRING_PROPERTIES = Set.of(
            "spring.lifecycle.timeout-per-shutdown-phase", "spring.config.additional-location");

    /** Variables that are not properties: read by the JVM itself or used only to compose another variable. */
    static final Set<String> NON_PROPERTY_ENV = Set.of("JAVA_TOOL_OPTIONS", "GATEHOUSE_REDIS_PASSWORD");

    /**
     * Properties the chart sets for gRPC TLS before the code reads them (values.yaml "TLS between services"). Once
     * service-support binds any gatehouse.grpc.tls.* property, each of these must be a real one.
     */
    static final Set<String> PROPOSED_TLS_ENV = Set.of("GATEHOUSE_GRPC_TLS_ENABLED", "GATEHOUSE_GRPC_TLS_CERTIFICATE",
            "GATEHOUSE_GRPC_TLS_PRIVATE_KEY", "GATEHOUSE_GRPC_TLS_TRUST_CERTIFICATES");

    static final Path ROOT = findRoot();

    private static Set<String> knownProperties;

    private DeployContract() {
    }

    private static Path findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.exists(dir.resolve("docker-compose.yml")) && Files.exists(dir.resolve("mvnw")))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("repository root (docker-compose.yml next to mvnw) above " + Path.of("").toAbsolutePath())
                .isNotNull();
        return dir;
    }

    static String read(String relative) {
        try {
            return Files.readString(ROOT.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static <T> T yaml(String relative) {
        return (T) new Yaml(new LoaderOptions()).load(read(relative));
    }

    static List<Object> yamlAll(String relative) {
        List<Object> docs = new java.util.ArrayList<>();
        new Yaml(new LoaderOptions()).loadAll(read(relative)).forEach(d -> {
            if (d != null) {
                docs.add(d);
            }
        });
        return docs;
    }

    // ---- ports and verbs, from the code ------------------------------------------------------------------------

    static int fivemPort() {
        return new FivemProperties().getPort();
    }

    static int hytalePort() {
        return new HytaleProperties().getPort();
    }

    /** The gateway's admin port: the literal or constant EdgeGatewayMain passes to ServiceMain.run. */
    static int gatewayAdminPort() {
        String src = read("edge-gateway/src/main/java/io/gatehouse/gateway/EdgeGatewayMain.java");
        Matcher m = Pattern.compile("ServiceMain\\.run\\(\\s*Role\\.GATEWAY\\s*,\\s*([\\w.]+)\\s*,\\s*([\\w.]+)\\s*,")
                .matcher(src);
        assertThat(m.find()).as("EdgeGatewayMain calls ServiceMain.run(Role.GATEWAY, grpcPort, adminPort, ...)").isTrue();
        return intValue(EdgeGatewayMain.class, m.group(2));
    }

    /** The FiveM default EdgeGatewayMain gives server.port must be FivemProperties' default. */
    static Optional<Integer> gatewayServerPortFallback() {
        String src = read("edge-gateway/src/main/java/io/gatehouse/gateway/EdgeGatewayMain.java");
        Matcher m = Pattern.compile("\\$\\{gatehouse\\.fivem\\.port:(\\d+)}").matcher(src);
        return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }

    private static int intValue(Class<?> owner, String token) {
        if (token.matches("\\d+")) {
            return Integer.parseInt(token);
        }
        String name = token.substring(token.lastIndexOf('.') + 1);
        try {
            Field f = owner.getDeclaredField(name);
            f.setAccessible(true);
            return f.getInt(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot read " + token + " in " + owner.getName(), e);
        }
    }

    /** Verb → main class, read from ServiceRoles (package-private, so from its source). */
    static Map<String, String> serviceVerbs() {
        String src = read("launcher/src/main/java/io/gatehouse/launcher/ServiceRoles.java");
        Map<String, String> verbs = new LinkedHashMap<>();
        Matcher m = Pattern.compile("case \"(\\w+)\" -> \"([\\w.]+)\"").matcher(src);
        while (m.find()) {
            verbs.put(m.group(1), m.group(2));
        }
        return verbs;
    }

    static Map<String, Service> services() {
        Map<String, Service> services = new LinkedHashMap<>();
        Map<String, String> verbs = serviceVerbs();
        services.put("session", new Service("session", SessionRegistryMain.class.getName(),
                SessionRegistryMain.DEFAULT_GRPC_PORT, SessionRegistryMain.DEFAULT_ADMIN_PORT));
        services.put("auth", new Service("auth", AuthServiceMain.class.getName(),
                AuthServiceMain.DEFAULT_GRPC_PORT, AuthServiceMain.DEFAULT_ADMIN_PORT));
        services.put("world", new Service("world", WorldServiceMain.class.getName(),
                WorldServiceMain.DEFAULT_GRPC_PORT, WorldServiceMain.DEFAULT_ADMIN_PORT));
        services.put("gateway", new Service("gateway", EdgeGatewayMain.class.getName(), 0, gatewayAdminPort()));
        services.values().forEach(s -> assertThat(verbs).as("./gatehouse service verbs (ServiceRoles)")
                .containsEntry(s.verb(), s.mainClass()));
        return services;
    }

    // ---- property names -----------------------------------------------------------------------------------------

    /** Every gatehouse.* property in docs/configuration.md or bound by a @ConfigurationProperties class. */
    static synchronized Set<String> knownProperties() {
        if (knownProperties == null) {
            Set<String> names = new TreeSet<>(documentedProperties());
            names.addAll(boundProperties());
            names.addAll(SPRING_PROPERTIES);
            // ServerIdentity reads these through the Environment (not a properties class).
            for (Field f : ServerIdentity.class.getFields()) {
                if (f.getName().startsWith("PROP_") && Modifier.isStatic(f.getModifiers())) {
                    names.add((String) get(f));
                }
            }
            knownProperties = names;
        }
        return knownProperties;
    }

    static Set<String> documentedProperties() {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("`(gatehouse\\.[a-z0-9.<>-]+)`").matcher(read("docs/configuration.md"));
        while (m.find()) {
            String name = m.group(1);
            if (name.contains("<name>")) {
                for (String s : List.of("session", "auth", "world")) {
                    names.add(name.replace("<name>", s));
                }
            } else {
                names.add(name);
            }
        }
        return names;
    }

    /** Property names derived from the @ConfigurationProperties classes on the classpath (JavaBeans and records). */
    static Set<String> boundProperties() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        Set<String> names = new TreeSet<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("io.gatehouse")) {
            Class<?> type;
            try {
                type = Class.forName(candidate.getBeanClassName());
            } catch (ClassNotFoundException e) {
                throw new AssertionError(e);
            }
            ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
            String prefix = !annotation.prefix().isEmpty() ? annotation.prefix() : annotation.value();
            collect(prefix, type, names, 0);
        }
        assertThat(names).as("@ConfigurationProperties found on the classpath").isNotEmpty();
        return names;
    }

    private static void collect(String prefix, Class<?> type, Set<String> names, int depth) {
        if (depth > 5) {
            return;
        }
        if (type.isRecord()) {
            for (RecordComponent c : type.getRecordComponents()) {
                leafOrNested(prefix + "." + kebab(c.getName()), c.getType(), names, depth);
            }
            return;
        }
        for (PropertyDescriptor pd : BeanUtils.getPropertyDescriptors(type)) {
            if (pd.getReadMethod() == null || pd.getName().equals("class")) {
                continue;
            }
            leafOrNested(prefix + "." + kebab(pd.getName()), pd.getPropertyType(), names, depth);
        }
    }

    private static void leafOrNested(String name, Class<?> type, Set<String> names, int depth) {
        boolean nested = type.getName().startsWith("io.gatehouse.") && !type.isEnum()
                && !Collection.class.isAssignableFrom(type) && !Map.class.isAssignableFrom(type);
        if (nested) {
            collect(name, type, names, depth + 1);
        } else {
            names.add(name);
        }
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The property an environment variable binds to, by Spring Boot's own relaxed binding (the same
     * SystemEnvironmentPropertySource + ConfigurationPropertySources a service process uses).
     */
    static Optional<String> propertyOf(String envName) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        env.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        env.getPropertySources().addFirst(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(envName, "probe")));
        ConfigurationPropertySources.attach(env);
        return knownProperties().stream().filter(p -> "probe".equals(env.getProperty(p))).findFirst();
    }

    /** HYTALE_SERVER_* variables the auth service reads itself (ServerIdentity.ENV_*). */
    static Set<String> hytaleServerEnv() {
        Set<String> names = new TreeSet<>();
        for (Field f : ServerIdentity.class.getFields()) {
            if (f.getName().startsWith("ENV_") && Modifier.isStatic(f.getModifiers())) {
                names.add((String) get(f));
            }
        }
        return names;
    }

    /** Why an environment variable given to a service is acceptable; empty when the code would ignore it. */
    static Optional<String> explain(String envName) {
        if (NON_PROPERTY_ENV.contains(envName)) {
            return Optional.of("not a property");
        }
        if (hytaleServerEnv().contains(envName)) {
            return Optional.of("ServerIdentity reads it");
        }
        return propertyOf(envName);
    }

    private static Object get(Field f) {
        try {
            return f.get(null);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

}
