package dev.engram.core.config;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PropertySubsetTest {

    @Test
    void keepsThePrefixedPropertiesWithoutThePrefix() {
        Map<String, String> source = new LinkedHashMap<>();
        source.put("kafka.bootstrap.servers", "127.0.0.1:9092");
        source.put("kafka.security.protocol", "SSL");
        source.put("kafka.", "ignored: no name after the prefix");
        source.put("kafkaesque", "ignored: not under the prefix");
        source.put("engram.kafka.topic", "ignored: another prefix");
        source.put("kafka.unset", null);

        Map<String, Object> subset = PropertySubset.of(source.keySet(), n -> Optional.ofNullable(source.get(n)), "kafka.");

        assertThat(subset).containsExactly(Map.entry("bootstrap.servers", "127.0.0.1:9092"), Map.entry("security.protocol", "SSL"));
    }
}
