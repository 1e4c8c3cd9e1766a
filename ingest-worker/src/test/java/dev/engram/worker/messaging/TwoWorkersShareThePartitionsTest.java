package dev.engram.worker.messaging;

import dev.engram.core.domain.AddRequest;
import dev.engram.core.domain.Scope;
import dev.engram.core.ingest.IngestEvent;
import dev.engram.core.ingest.IngestJson;
import dev.engram.testing.kafka.KafkaBroker;
import dev.engram.testing.kafka.KafkaExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Two workers of one group split a two-partition topic: each owns one partition and processes only its records. */
@ExtendWith(KafkaExtension.class)
class TwoWorkersShareThePartitionsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void eachWorkerGetsOnePartitionAndProcessesItsRecords(KafkaBroker kafka) throws Exception {
        String topic = "two-workers-" + UUID.randomUUID().toString().substring(0, 8);
        kafka.createTopic(topic, 2);
        kafka.createTopic(topic + ".dlq", 1);
        var settings = new KafkaIngestConsumer.Settings(topic, topic + ".dlq", "group-" + topic, 5, Duration.ofMillis(100));
        Map<String, Object> client = Map.of("bootstrap.servers", kafka.bootstrapServers());
        Map<String, String> handledBy = new ConcurrentHashMap<>(); // event id -> worker

        try (var first = new KafkaIngestConsumer(client, settings, e -> handledBy.put(e.eventId(), "first"), new SimpleMeterRegistry());
             var second = new KafkaIngestConsumer(client, settings, e -> handledBy.put(e.eventId(), "second"), new SimpleMeterRegistry())) {
            first.start();
            second.start();
            Await.until("each worker owns one partition", WAIT,
                    () -> first.assignment().size() == 1 && second.assignment().size() == 1);
            Set<TopicPartition> both = new HashSet<>(first.assignment());
            both.addAll(second.assignment());
            assertThat(both).containsExactlyInAnyOrder(new TopicPartition(topic, 0), new TopicPartition(topic, 1));

            // one event per partition, produced to an explicit partition
            IngestEvent toZero = event("u0");
            IngestEvent toOne = event("u1");
            try (var producer = new KafkaProducer<String, byte[]>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
                producer.send(new ProducerRecord<>(topic, 0, toZero.orderingKey(), IngestJson.toBytes(toZero))).get();
                producer.send(new ProducerRecord<>(topic, 1, toOne.orderingKey(), IngestJson.toBytes(toOne))).get();
            }
            Await.until("both events are handled", WAIT, () -> handledBy.size() == 2);

            String ownerOfZero = first.assignment().contains(new TopicPartition(topic, 0)) ? "first" : "second";
            String ownerOfOne = ownerOfZero.equals("first") ? "second" : "first";
            assertThat(handledBy).containsEntry(toZero.eventId(), ownerOfZero).containsEntry(toOne.eventId(), ownerOfOne);
        }
    }

    private static IngestEvent event(String userId) {
        return new IngestEvent(AddRequest.of(Scope.user(userId), "hello from " + userId).withEventId(UUID.randomUUID().toString())
                .withInfer(false), Instant.now());
    }
}
