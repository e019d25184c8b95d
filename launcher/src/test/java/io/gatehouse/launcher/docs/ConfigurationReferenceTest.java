package io.gatehouse.launcher.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md is the operators' one reference page: every {@code gatehouse.*} property that any module
 * binds (from the configuration metadata the build writes for each properties class) must be documented there.
 */
class ConfigurationReferenceTest {

    @Test
    void everyBoundPropertyIsDocumented() throws Exception {
        TreeSet<String> bound = new TreeSet<>();
        ObjectMapper json = new ObjectMapper();
        List<URL> metadata = Collections.list(getClass().getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"));
        for (URL url : metadata) {
            try (InputStream in = url.openStream()) {
                for (JsonNode property : json.readTree(in).path("properties")) {
                    String name = property.path("name").asText();
                    if (name.startsWith("gatehouse.")) {
                        bound.add(name);
                    }
                }
            }
        }
        assertThat(bound).as("metadata found on the classpath").hasSizeGreaterThan(50);

        String reference = Files.readString(Path.of("..", "docs", "configuration.md"));
        TreeSet<String> missing = new TreeSet<>();
        for (String name : bound) {
            if (!reference.contains("`" + name + "`") && !documentedByPrefix(reference, name)) {
                missing.add(name);
            }
        }
        assertThat(missing).as("properties bound by the code but missing from docs/configuration.md").isEmpty();
    }

    /** A family documented once, e.g. {@code gatehouse.fivem.rate-limiters.<name>.rate}. */
    private static boolean documentedByPrefix(String reference, String name) {
        int dot = name.lastIndexOf('.');
        while (dot > 0) {
            String prefix = name.substring(0, dot);
            if (reference.contains("`" + prefix + ".*`") || reference.contains("`" + prefix + ".<")) {
                return true;
            }
            dot = prefix.lastIndexOf('.');
        }
        return false;
    }
}
