package io.gatehouse.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Kubernetes example under deploy/kubernetes, read as Kubernetes would read it: no cluster here, so
 * what is checked is that the files parse, hang together (labels, ports, secret keys) and wire the probes
 * to the application's health groups.
 */
class KubernetesExampleTest {

    private static final Path EXAMPLE = Path.of("deploy", "kubernetes");

    private static List<Map<String, Object>> objects;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void readTheManifests() throws IOException {
        objects = new ArrayList<>();
        try (Stream<Path> files = Files.list(EXAMPLE)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                for (Object document : new Yaml().loadAll(Files.readString(file))) {
                    objects.add((Map<String, Object>) document);
                }
            }
        }
    }

    @Test
    void kustomizationListsEveryManifest() throws IOException {
        Map<String, Object> kustomization = object("Kustomization");
        try (Stream<Path> files = Files.list(EXAMPLE)) {
            assertThat(list(kustomization, "resources")).containsExactlyInAnyOrderElementsOf(files.map(f -> f.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml") && !name.equals("kustomization.yaml")).toList());
        }
    }

    @Test
    void twoReplicasWhoseProbesAskTheHealthGroups() {
        Map<String, Object> spec = map(object("Deployment"), "spec");
        assertThat(spec.get("replicas")).isEqualTo(2);
        Map<String, Object> container = container();
        assertThat(string(map(map(container, "livenessProbe"), "httpGet"), "path")).isEqualTo("/actuator/health/liveness");
        assertThat(string(map(map(container, "readinessProbe"), "httpGet"), "path")).isEqualTo("/actuator/health/readiness");
        assertThat(string(map(map(container, "startupProbe"), "httpGet"), "path")).isEqualTo("/actuator/health/liveness");
        List<Object> portNames = list(container, "ports").stream().map(p -> (Object) ((Map<?, ?>) p).get("name")).toList();
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            assertThat(portNames).as(probe).contains(map(map(container, probe), "httpGet").get("port"));
        }
        assertThat(map(map(container, "resources"), "limits").get("memory")).isEqualTo("512Mi");
        assertThat(map(map(container, "resources"), "requests").get("memory")).isEqualTo("512Mi");
        assertThat(environment()).containsEntry("GATEHOUSE_LOG_FORMAT", "json").containsEntry("GATEHOUSE_SECURE_COOKIES", "true")
                .containsEntry("GATEHOUSE_FORWARD_HEADERS", "native");
    }

    @Test
    @SuppressWarnings("unchecked")
    void serviceAndDisruptionBudgetSelectTheDeploymentsPods() {
        Map<String, Object> podLabels = map(map(map(object("Deployment"), "spec"), "template"), "metadata");
        Map<String, Object> labels = map(podLabels, "labels");
        assertThat(labels).containsAllEntriesOf(map(map(object("Service"), "spec"), "selector"));
        assertThat(labels).containsAllEntriesOf(map(map(map(object("PodDisruptionBudget"), "spec"), "selector"), "matchLabels"));
        Map<String, Object> port = (Map<String, Object>) list(map(object("Service"), "spec"), "ports").get(0);
        assertThat(list(container(), "ports").stream().map(p -> (Object) ((Map<?, ?>) p).get("name"))).contains(port.get("targetPort"));
        assertThat(map(object("PodDisruptionBudget"), "spec").get("minAvailable")).isEqualTo(1);
    }

    /** A secret under a name the application does not read would be lost without a word: each one is read. */
    @Test
    void everySecretGoesToASettingTheApplicationReads() throws IOException {
        Map<String, Object> secretData = map(object("Secret"), "stringData");
        String sources = mainSources();
        List<Map<?, ?>> fromSecret = list(container(), "env").stream().<Map<?, ?>>map(e -> (Map<?, ?>) e)
                .filter(e -> e.get("valueFrom") != null).toList();
        assertThat(fromSecret).isNotEmpty();
        for (Map<?, ?> variable : fromSecret) {
            Map<?, ?> reference = (Map<?, ?>) ((Map<?, ?>) variable.get("valueFrom")).get("secretKeyRef");
            assertThat(reference.get("name")).isEqualTo(map(object("Secret"), "metadata").get("name"));
            assertThat(secretData).containsKey((String) reference.get("key"));
            String name = (String) variable.get("name");
            String property = name.toLowerCase(Locale.ROOT).replace('_', '.');
            String prefix = property.substring(0, property.lastIndexOf('.'));
            String field = property.substring(property.lastIndexOf('.') + 1);
            boolean read = sources.contains("${" + name) || sources.contains(property)
                    || sources.contains("@ConfigurationProperties(\"" + prefix + "\")") && sources.contains(" String " + field + ",");
            assertThat(read).as("%s is read by the application", name).isTrue();
        }
    }

    private static String mainSources() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(Path.of("src", "main"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java") || f.toString().endsWith(".properties")).toList()) {
                all.append(Files.readString(file)).append('\n');
            }
        }
        return all.toString();
    }

    private static Map<String, Object> container() {
        Map<String, Object> podSpec = map(map(map(object("Deployment"), "spec"), "template"), "spec");
        @SuppressWarnings("unchecked")
        Map<String, Object> container = (Map<String, Object>) list(podSpec, "containers").get(0);
        return container;
    }

    private static Map<String, Object> environment() {
        Map<String, Object> values = new java.util.HashMap<>();
        for (Object entry : list(container(), "env")) {
            Map<?, ?> variable = (Map<?, ?>) entry;
            if (variable.get("value") != null) {
                values.put((String) variable.get("name"), variable.get("value"));
            }
        }
        return values;
    }

    private static Map<String, Object> object(String kind) {
        List<Map<String, Object>> found = objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
        assertThat(found).as(kind).hasSize(1);
        return found.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        assertThat(parent).as("has %s", key).containsKey(key);
        return (Map<String, Object>) parent.get(key);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> parent, String key) {
        assertThat(parent).as("has %s", key).containsKey(key);
        return (List<Object>) parent.get(key);
    }

    private static String string(Map<String, Object> parent, String key) {
        return (String) parent.get(key);
    }
}
