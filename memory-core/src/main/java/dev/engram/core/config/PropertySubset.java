package dev.engram.core.config;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The properties under a prefix, with the prefix removed: how the apps hand {@code kafka.*} settings to kafka-clients
 * ({@code kafka.bootstrap.servers} → {@code bootstrap.servers}, the convention Quarkus uses). Free of any config API so
 * every app can pass its own source.
 */
public final class PropertySubset {

    private PropertySubset() {
    }

    /**
     * @param names  every property name the source knows
     * @param lookup a property's value, empty when it has none
     */
    public static Map<String, Object> of(Iterable<String> names, Function<String, Optional<String>> lookup, String prefix) {
        Map<String, Object> properties = new TreeMap<>();
        for (String name : names) {
            if (!name.startsWith(prefix) || name.length() == prefix.length()) continue;
            lookup.apply(name).ifPresent(value -> properties.put(name.substring(prefix.length()), value));
        }
        return properties;
    }
}
