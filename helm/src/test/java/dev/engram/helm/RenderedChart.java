package dev.engram.helm;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/** The Kubernetes objects one `helm template` produced, parsed from its multi-document YAML, with typed look-ups. */
final class RenderedChart {

    private static final YAMLMapper YAML = new YAMLMapper();

    private final List<Map<String, Object>> objects;

    private RenderedChart(List<Map<String, Object>> objects) {
        this.objects = List.copyOf(objects);
    }

    static RenderedChart parse(String manifests) {
        List<Map<String, Object>> objects = new ArrayList<>();
        try (MappingIterator<Map<String, Object>> documents = YAML.readerForMapOf(Object.class).readValues(manifests)) {
            while (documents.hasNext()) {
                Map<String, Object> document = documents.next();
                if (document != null && !document.isEmpty()) {
                    objects.add(document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("helm template produced YAML that does not parse", e);
        }
        return new RenderedChart(objects);
    }

    List<Map<String, Object>> all() {
        return objects;
    }

    List<Map<String, Object>> all(String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    Optional<Map<String, Object>> find(String kind, String name) {
        return all(kind).stream().filter(o -> name.equals(Yaml.string(o, "metadata.name"))).findFirst();
    }

    Map<String, Object> get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new NoSuchElementException(
                kind + " " + name + " not rendered; rendered: " + all().stream()
                        .map(o -> o.get("kind") + "/" + Yaml.string(o, "metadata.name")).toList()));
    }

    /** The only container of a workload (Deployment, StatefulSet or Job). */
    Map<String, Object> container(String kind, String name) {
        List<Map<String, Object>> containers = Yaml.list(get(kind, name), "spec.template.spec.containers");
        if (containers.size() != 1) {
            throw new AssertionError(kind + " " + name + " has " + containers.size() + " containers");
        }
        return containers.get(0);
    }

    /**
     * The effective environment of a workload's container: its ConfigMap references resolved to their values, then its
     * own env entries (which win, as in Kubernetes).
     */
    Map<String, EnvValue> env(String kind, String name) {
        Map<String, Object> container = container(kind, name);
        Map<String, EnvValue> env = new LinkedHashMap<>();
        for (Map<String, Object> source : Yaml.list(container, "envFrom")) {
            String configMap = Yaml.string(source, "configMapRef.name");
            Yaml.map(get("ConfigMap", configMap), "data")
                    .forEach((key, value) -> env.put(key, EnvValue.literal(String.valueOf(value))));
        }
        for (Map<String, Object> entry : Yaml.list(container, "env")) {
            String variable = Yaml.string(entry, "name");
            if (entry.containsKey("value")) {
                env.put(variable, EnvValue.literal(String.valueOf(entry.get("value"))));
            } else {
                Map<String, Object> ref = Yaml.map(entry, "valueFrom.secretKeyRef");
                env.put(variable, EnvValue.secret(Yaml.string(ref, "name"), Yaml.string(ref, "key"),
                        Boolean.TRUE.equals(ref.get("optional"))));
            }
        }
        return env;
    }

    /** One environment variable: a literal value, or a reference to a key of a Secret. */
    record EnvValue(String value, String secretName, String secretKey, boolean optional) {

        static EnvValue literal(String value) {
            return new EnvValue(value, null, null, false);
        }

        static EnvValue secret(String name, String key, boolean optional) {
            return new EnvValue(null, name, key, optional);
        }
    }
}
