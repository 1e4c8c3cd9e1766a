package dev.engram.worker.messaging;

import dev.engram.core.domain.AddRequest;
import dev.engram.core.domain.Field;
import dev.engram.core.domain.Filter;
import dev.engram.core.domain.ListRequest;
import dev.engram.core.domain.Message;
import dev.engram.core.domain.Scope;
import dev.engram.core.domain.SearchHit;
import dev.engram.core.domain.SearchRequest;
import dev.engram.core.domain.Tenant;
import dev.engram.core.engine.MemoryEngine;
import dev.engram.core.ingest.EventRecord;
import dev.engram.core.ingest.EventStatus;
import dev.engram.core.ingest.EventStore;
import dev.engram.core.ingest.IngestEvent;
import dev.engram.core.ingest.IngestJson;
import dev.engram.core.usage.UsageEvent;
import dev.engram.core.usage.UsageEventCodec;
import dev.engram.testing.kafka.InjectKafka;
import dev.engram.testing.kafka.KafkaBroker;
import dev.engram.testing.kafka.KafkaTestResource;
import dev.engram.worker.WorkerDataDirResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The worker's consumer on a real broker: events become memories, bad records are dead-lettered, offsets are committed. */
@QuarkusTest
@QuarkusTestResource(WorkerDataDirResource.class)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "topics", value = "engram.ingest.v1:2,engram.ingest.v1.dlq,engram.usage.v1"))
class KafkaIngestConsumerTest {

    private static final String TOPIC = "engram.ingest.v1";
    private static final String DLQ = "engram.ingest.v1.dlq";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @InjectKafka
    KafkaBroker kafka;

    @Inject
    MemoryEngine engine;

    @Inject
    EventStore events;

    @Inject
    MeterRegistry registry;

    private final Tenant tenant = Tenant.of("org-worker", "p-" + UUID.randomUUID().toString().substring(0, 8));

    @Test
    void producedEventsBecomeSearchableMemoriesAndSucceed() {
        IngestEvent lisbon = event("ana", "I live in Lisbon near the river");
        IngestEvent guitar = event("rui", "I play the electric guitar every evening");
        produce(lisbon.orderingKey(), IngestJson.toBytes(lisbon));
        produce(guitar.orderingKey(), IngestJson.toBytes(guitar));

        awaitStatus(lisbon, EventStatus.SUCCEEDED);
        awaitStatus(guitar, EventStatus.SUCCEEDED);
        assertThat(events.get(tenant, lisbon.eventId()).orElseThrow().results()).hasSize(1);

        List<SearchHit> hits = engine.search(SearchRequest.of(tenant, "where does she live", Filter.eq(Field.USER_ID, "ana"))).hits();
        assertThat(hits).extracting(hit -> hit.memory().text()).containsExactly("I live in Lisbon near the river");
    }

    @Test
    void aProcessedAddIsAnIngestUsageEventWithItsMemoryEvents() {
        IngestEvent add = event("mia", "I have two cats called Tom and Ben");
        produce(add.orderingKey(), IngestJson.toBytes(add));
        awaitStatus(add, EventStatus.SUCCEEDED);

        ConsumerRecord<String, byte[]> record = readUntil("engram.usage.v1", r -> {
            UsageEvent e = UsageEventCodec.decode(r.value());
            return e.tenant().equals(tenant) && "mia".equals(e.userId());
        });
        UsageEvent usage = UsageEventCodec.decode(record.value());
        assertThat(record.key()).isEqualTo(tenant.key());
        assertThat(usage.kind()).isEqualTo(UsageEvent.Kind.INGEST);
        int created = (int) events.get(tenant, add.eventId()).orElseThrow().results().stream()
                .filter(r -> r.type() == dev.engram.core.domain.MemoryEvent.Type.ADD).count();
        assertThat(usage.memories().added()).isEqualTo(created).isPositive();
        assertThat(usage.llm().total()).isZero(); // the offline extractor spends no LLM tokens
    }

    @Test
    void anUndecodableRecordIsDeadLetteredWithAReasonAndDoesNotBlockItsPartition() {
        IngestEvent after = event("eva", "I drink green tea in the morning");
        byte[] garbage = ("not an event " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        produce(after.orderingKey(), garbage); // same key: same partition, just before the good event
        produce(after.orderingKey(), IngestJson.toBytes(after));

        awaitStatus(after, EventStatus.SUCCEEDED);
        ConsumerRecord<String, byte[]> letter = readUntil(DLQ, r -> new String(r.value(), StandardCharsets.UTF_8)
                .equals(new String(garbage, StandardCharsets.UTF_8)));
        assertThat(letter.key()).isEqualTo(after.orderingKey());
        assertThat(header(letter, "reason")).startsWith("undecodable: Not an ingest event");
        assertThat(header(letter, "original-topic")).isEqualTo(TOPIC);
    }

    @Test
    void offsetsAreCommittedAfterProcessing() throws Exception {
        IngestEvent first = event("ivo", "I am learning Japanese");
        IngestEvent second = event("ivo", "I am vegetarian");
        produce(first.orderingKey(), IngestJson.toBytes(first));
        produce(second.orderingKey(), IngestJson.toBytes(second));
        awaitStatus(second, EventStatus.SUCCEEDED);

        // the group's committed offsets reach the end of the log: a consumer joining the group starts after them
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Await.until("the group committed every partition to its end", WAIT, () -> {
                Map<TopicPartition, Long> committed = committedOffsets(admin);
                Map<TopicPartition, Long> ends = endOffsets(admin);
                return ends.entrySet().stream().allMatch(e -> e.getValue() == 0 || e.getValue().equals(committed.get(e.getKey())));
            });
        }
        assertThat(events.get(tenant, first.eventId()).orElseThrow().status()).isEqualTo(EventStatus.SUCCEEDED);
    }

    @Test
    void aRedeliveredEventCreatesItsMemoriesOnce() {
        IngestEvent event = event("lia", "My sister is called Marta");
        double skippedBefore = registry.counter("engram.ingest.events", "outcome", "skipped").count();
        byte[] bytes = IngestJson.toBytes(event);
        produce(event.orderingKey(), bytes);
        produce(event.orderingKey(), bytes); // the same event id again: a redelivery

        Await.until("the second delivery was skipped", WAIT,
                () -> registry.counter("engram.ingest.events", "outcome", "skipped").count() >= skippedBefore + 1);
        EventRecord record = events.get(tenant, event.eventId()).orElseThrow();
        assertThat(record.status()).isEqualTo(EventStatus.SUCCEEDED);
        assertThat(record.attempts()).isEqualTo(1);
        assertThat(engine.list(ListRequest.of(tenant, Filter.eq(Field.USER_ID, "lia"))).items())
                .extracting(m -> m.text()).containsExactly("My sister is called Marta");
    }

    private IngestEvent event(String userId, String text) {
        var request = new AddRequest(UUID.randomUUID().toString(), new Scope(tenant, userId, null, null, null),
                List.of(new Message("user", text, null, null, null)), null, false, null, null, null, null, false);
        return new IngestEvent(request, Instant.now());
    }

    private void awaitStatus(IngestEvent event, EventStatus status) {
        Await.until("event " + event.eventId() + " is " + status, WAIT,
                () -> events.get(tenant, event.eventId()).map(EventRecord::status).orElse(null) == status);
    }

    private void produce(String key, byte[] value) {
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (var producer = new KafkaProducer<String, byte[]>(props)) {
            producer.send(new ProducerRecord<>(TOPIC, key, value)).get();
        } catch (Exception e) {
            throw new AssertionError("Cannot produce to " + TOPIC, e);
        }
    }

    private ConsumerRecord<String, byte[]> readUntil(String topic, java.util.function.Predicate<ConsumerRecord<String, byte[]>> match) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (var consumer = new KafkaConsumer<String, byte[]>(props)) {
            var partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (match.test(record)) return record;
                }
            }
            throw new AssertionError("No matching record on " + topic);
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return Optional.ofNullable(record.headers().lastHeader(name)).map(Header::value)
                .map(v -> new String(v, StandardCharsets.UTF_8)).orElse(null);
    }

    private static Map<TopicPartition, Long> committedOffsets(Admin admin) {
        try {
            return admin.listConsumerGroupOffsets(KafkaIngestConsumer.DEFAULT_GROUP).partitionsToOffsetAndMetadata().get()
                    .entrySet().stream().filter(e -> e.getKey().topic().equals(TOPIC) && e.getValue() != null)
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin) {
        try {
            Map<TopicPartition, OffsetSpec> latest = List.of(new TopicPartition(TOPIC, 0), new TopicPartition(TOPIC, 1)).stream()
                    .collect(Collectors.toMap(Function.identity(), tp -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
