package dev.engram.core.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Deep, unmodifiable copies of JSON values read by Jackson (metadata of stored memories and of queued adds). */
public final class FrozenJson {

    private FrozenJson() {
    }

    /** A deep, unmodifiable copy of a JSON object read by Jackson (nested maps and lists frozen too). */
    public static Map<String, Object> freezeMap(Map<?, ?> map) {
        var copy = new LinkedHashMap<String, Object>(map.size() * 2);
        map.forEach((k, v) -> copy.put(String.valueOf(k), freeze(v)));
        return Collections.unmodifiableMap(copy);
    }

    private static Object freeze(Object value) {
        if (value instanceof Map<?, ?> map) return freezeMap(map);
        if (value instanceof List<?> list) {
            var copy = new ArrayList<>(list.size());
            for (Object element : list) copy.add(freeze(element));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }
}
