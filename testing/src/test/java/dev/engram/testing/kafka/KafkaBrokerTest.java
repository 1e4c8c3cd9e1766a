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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaExtension.class)
class KafkaBrokerTest {

    private static KafkaBroker broker;

    @BeforeAll
    static void sharedBroker(KafkaBroker shared) {
        broker = shared;
        assertThat(KafkaBroker.shared()).isSameAs(shared);
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
        try (KafkaConsumer<String, String> first = consumer("pair-group");
             KafkaConsumer<String, String> second = consumer("pair-group")) {
            first.subscribe(List.of("pair"));
            second.subscribe(List.of("pair"));
            awaitOnePartitionEach(first, second);
            try (KafkaProducer<String, String> producer = producer()) {
                for (int i = 0; i < 10; i++) {
                    producer.send(new ProducerRecord<>("pair", i % 2, "k" + i, "v" + i)).get();
                }
            }

            List<ConsumerRecord<String, String>> byFirst = new ArrayList<>();
            List<ConsumerRecord<String, String>> bySecond = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (byFirst.size() + bySecond.size() < 10 && System.nanoTime() < deadline) {
                first.poll(Duration.ofMillis(100)).forEach(byFirst::add);
                second.poll(Duration.ofMillis(100)).forEach(bySecond::add);
            }

            assertThat(byFirst).hasSize(5).allSatisfy(r -> assertThat(first.assignment())
                    .containsExactly(new TopicPartition(r.topic(), r.partition())));
            assertThat(bySecond).hasSize(5).allSatisfy(r -> assertThat(second.assignment())
                    .containsExactly(new TopicPartition(r.topic(), r.partition())));
            List<String> values = new ArrayList<>();
            byFirst.forEach(r -> values.add(r.value()));
            bySecond.forEach(r -> values.add(r.value()));
            assertThat(values).containsExactlyInAnyOrder("v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9");
        }
    }

    /** Both members must poll for the group to form; returns once the two partitions are split between them. */
    private static void awaitOnePartitionEach(KafkaConsumer<String, String> first, KafkaConsumer<String, String> second) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!(first.assignment().size() == 1 && second.assignment().size() == 1) && System.nanoTime() < deadline) {
            assertThat(first.poll(Duration.ofMillis(100))).isEmpty();
            assertThat(second.poll(Duration.ofMillis(100))).isEmpty();
        }
        Set<TopicPartition> both = new HashSet<>(first.assignment());
        both.addAll(second.assignment());
        assertThat(both).containsExactlyInAnyOrder(new TopicPartition("pair", 0), new TopicPartition("pair", 1));
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
        assertThat(broker.isRunning()).isTrue();
        assertThat(FreePorts.isListening(port)).isFalse();
        assertThatThrownBy(() -> own.createTopic("late", 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void killAndRestartKeepThePortTopicsAndRecords() throws Exception {
        try (KafkaBroker own = KafkaBroker.start()) {
            own.createTopic("durable", 1);
            try (KafkaProducer<String, String> producer = producer(own)) {
                producer.send(new ProducerRecord<>("durable", "k", "before")).get();
            }
            int port = own.port();

            own.kill();
            assertThat(own.isRunning()).isFalse();
            assertThat(FreePorts.isListening(port)).isFalse();

            own.restart();
            assertThat(own.isRunning()).isTrue();
            assertThat(own.port()).isEqualTo(port);
            assertThat(own.topics()).contains("durable");
            try (KafkaProducer<String, String> producer = producer(own)) {
                producer.send(new ProducerRecord<>("durable", "k", "after")).get();
            }
            try (KafkaConsumer<String, String> consumer = consumer(own, "durable-reader")) {
                consumer.subscribe(List.of("durable"));
                assertThat(pollUntil(List.of(consumer), 2)).extracting(ConsumerRecord::value).containsExactly("before", "after");
            }
        }
    }

    private static KafkaProducer<String, String> producer() {
        return producer(broker);
    }

    private static KafkaProducer<String, String> producer(KafkaBroker target) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, target.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(String group) {
        return consumer(broker, group);
    }

    private static KafkaConsumer<String, String> consumer(KafkaBroker target, String group) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, target.bootstrapServers(),
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
