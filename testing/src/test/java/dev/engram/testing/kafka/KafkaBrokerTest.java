package dev.engram.testing.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.testing.process.FreePorts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KafkaBrokerTest {

    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void producedRecordIsConsumed() throws Exception {
        broker.createTopic("single", 1);
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>("single", "tenant-a", "hello")).get();
        }
        try (KafkaConsumer<String, String> consumer = consumer("single-reader")) {
            consumer.subscribe(List.of("single"));
            List<ConsumerRecord<String, String>> records = pollUntil(List.of(consumer), 1);
            assertThat(records).singleElement().satisfies(r -> {
                assertThat(r.key()).isEqualTo("tenant-a");
                assertThat(r.value()).isEqualTo("hello");
            });
        }
    }

    @Test
    void twoConsumersOfOneGroupShareTheTwoPartitions() throws Exception {
        broker.createTopic("pair", 2);
        try (KafkaProducer<String, String> producer = producer()) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>("pair", i % 2, "k" + i, "v" + i)).get();
            }
        }
        try (KafkaConsumer<String, String> first = consumer("pair-group");
             KafkaConsumer<String, String> second = consumer("pair-group")) {
            first.subscribe(List.of("pair"));
            second.subscribe(List.of("pair"));
            List<ConsumerRecord<String, String>> records = pollUntil(List.of(first, second), 10);

            assertThat(records).extracting(ConsumerRecord::value)
                    .containsExactlyInAnyOrder("v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9");
            assertThat(first.assignment()).hasSize(1);
            assertThat(second.assignment()).hasSize(1);
            Set<TopicPartition> both = new HashSet<>(first.assignment());
            both.addAll(second.assignment());
            assertThat(both).containsExactlyInAnyOrder(new TopicPartition("pair", 0), new TopicPartition("pair", 1));
        }
    }

    @Test
    void topicsAreNotCreatedImplicitlyAndDuplicatesAreRefused() {
        broker.createTopic("explicit", 3);
        broker.createTopicIfMissing("explicit", 1);

        assertThat(broker.topics()).contains("explicit").doesNotContain("never-created");
        assertThatThrownBy(() -> broker.createTopic("explicit", 1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("explicit");
    }

    @Test
    void closeStopsTheProcessAndFreesThePort() {
        KafkaBroker own = KafkaBroker.start();
        int port = own.port();
        assertThat(FreePorts.isListening(port)).isTrue();

        own.close();

        assertThat(own.isRunning()).isFalse();
        assertThat(FreePorts.isListening(port)).isFalse();
        assertThatThrownBy(() -> own.createTopic("late", 1)).isInstanceOf(IllegalStateException.class);
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(String group) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.CLIENT_ID_CONFIG, group + "-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer());
    }

    /** Polls all consumers in turn (each must poll to take part in the group) until {@code expected} records arrived. */
    private static List<ConsumerRecord<String, String>> pollUntil(List<KafkaConsumer<String, String>> consumers,
                                                                   int expected) {
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (received.size() < expected && System.nanoTime() < deadline) {
            for (KafkaConsumer<String, String> consumer : consumers) {
                consumer.poll(Duration.ofMillis(100)).forEach(received::add);
            }
        }
        return received;
    }
}
