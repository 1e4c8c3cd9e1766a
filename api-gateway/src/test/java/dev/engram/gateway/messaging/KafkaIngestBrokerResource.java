package dev.engram.gateway.messaging;

import dev.engram.testing.kafka.KafkaBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * A Kafka broker of its own (not the JVM's shared one, because {@link KafkaIngestQueueTest} stops it to see an outage)
 * with the ingest and usage topics, and the gateway switched to {@code engram.ingest.kind=KAFKA} with short client timeouts.
 */
public class KafkaIngestBrokerResource implements QuarkusTestResourceLifecycleManager {

    static final String USAGE_TOPIC = "engram.usage.v1";

    static KafkaBroker broker;

    @Override
    public Map<String, String> start() {
        broker = KafkaBroker.start();
        broker.createTopic(KafkaIngestQueue.DEFAULT_TOPIC, 2);
        broker.createTopic(KafkaIngestQueue.DEFAULT_TOPIC + ".dlq", 1);
        broker.createTopic(USAGE_TOPIC, 2); // usage events are on by default with KAFKA (KafkaUsageTest)
        return Map.of(
                "engram.ingest.kind", "KAFKA",
                "kafka.bootstrap.servers", broker.bootstrapServers(),
                // an outage must surface in seconds, not after the 2 minute default
                "kafka.max.block.ms", "2000",
                "kafka.request.timeout.ms", "1000",
                "kafka.delivery.timeout.ms", "2000",
                "engram.kafka.send-timeout", "5s");
    }

    @Override
    public void stop() {
        if (broker != null) broker.close();
        broker = null;
    }
}
