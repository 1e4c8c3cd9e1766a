package dev.engram.gateway.messaging;

import org.eclipse.microprofile.config.Config;

import java.util.Map;
import java.util.TreeMap;

/**
 * The kafka-clients properties of the application: every configuration property named {@code kafka.<client property>},
 * with the prefix removed ({@code kafka.bootstrap.servers} → {@code bootstrap.servers}), the convention Quarkus uses.
 */
public final class KafkaClientProperties {

    public static final String PREFIX = "kafka.";

    private KafkaClientProperties() {
    }

    public static Map<String, Object> from(Config config) {
        Map<String, Object> properties = new TreeMap<>();
        for (String name : config.getPropertyNames()) {
            if (!name.startsWith(PREFIX) || name.length() == PREFIX.length()) continue;
            config.getOptionalValue(name, String.class).ifPresent(value -> properties.put(name.substring(PREFIX.length()), value));
        }
        return properties;
    }
}
