package dev.engram.helm;

import java.util.List;
import java.util.Map;

/** Dotted-path access into parsed YAML (maps and lists); a missing step yields null, an empty list or an empty map. */
final class Yaml {

    private Yaml() {
    }

    static Object at(Object node, String path) {
        Object current = node;
        for (String step : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(step);
        }
        return current;
    }

    static String string(Object node, String path) {
        Object value = at(node, path);
        return value == null ? null : String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String path) {
        Object value = at(node, path);
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object node, String path) {
        Object value = at(node, path);
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> values(Object node, String path) {
        Object value = at(node, path);
        return value == null ? List.of() : (List<Object>) value;
    }
}
