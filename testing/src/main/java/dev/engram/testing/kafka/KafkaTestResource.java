package dev.engram.testing.kafka;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} application at a real Kafka broker, the one shared by the test JVM
 * ({@link KafkaBroker#shared()}), and creates the topics it needs (the broker does not create topics on first use).
 *
 * <p>Init arg {@code topics}: comma-separated {@code name} or {@code name:partitions} (default 1 partition), created if
 * missing.
 *
 * <pre>{@code
 * @QuarkusTest
 * @QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true,
 *         initArgs = @ResourceArg(name = "topics", value = "memory-events:2"))
 * class IngestTest { @InjectKafka KafkaBroker kafka; ... }
 * }</pre>
 *
 * <p>The broker outlives {@link #stop()}: other test classes of the JVM reuse it, and its shutdown hook stops it.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    private Map<String, Integer> topics = Map.of();
    private KafkaBroker broker;

    @Override
    public void init(Map<String, String> initArgs) {
        topics = parseTopics(initArgs.getOrDefault("topics", ""));
    }

    @Override
    public Map<String, String> start() {
        broker = KafkaBroker.shared();
        topics.forEach(broker::createTopicIfMissing);
        return Map.of(
                "kafka.bootstrap.servers", broker.bootstrapServers(),
                "quarkus.kafka.devservices.enabled", "false");
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(broker, new TestInjector.AnnotatedAndMatchesType(InjectKafka.class, KafkaBroker.class));
    }

    @Override
    public void stop() {
        // shared for the JVM: stopped by its shutdown hook
    }

    /** {@code "a:2, b"} → {a=2, b=1}. */
    static Map<String, Integer> parseTopics(String spec) {
        Map<String, Integer> parsed = new LinkedHashMap<>();
        for (String entry : spec.split(",")) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int colon = trimmed.indexOf(':');
            if (colon < 0) {
                parsed.put(trimmed, 1);
            } else {
                try {
                    parsed.put(trimmed.substring(0, colon).trim(), Integer.parseInt(trimmed.substring(colon + 1).trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("topics init arg: '" + trimmed + "' is not name:partitions", e);
                }
            }
        }
        return parsed;
    }
}
