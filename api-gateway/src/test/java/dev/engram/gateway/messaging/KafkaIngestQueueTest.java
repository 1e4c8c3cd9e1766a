package dev.engram.gateway.messaging;

import dev.engram.core.engine.TokenEstimator;
import dev.engram.core.ingest.IngestEvent;
import dev.engram.core.usage.UsageEvent;
import dev.engram.core.usage.UsageEventCodec;
import dev.engram.core.ingest.IngestJson;
import dev.engram.gateway.Api;
import dev.engram.platform.error.Problem;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * With {@code engram.ingest.kind=KAFKA} an add answered PENDING is a record on the ingest topic, keyed by its scope; an add
 * Kafka did not take answers 503. Runs in its own JVM (surefire execution {@code kafka-ingest}): the gateway's other
 * tests share one Quarkus application in the journal configuration, and the embedder's native library cannot be loaded
 * by a second one.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaIngestBrokerResource.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaIngestQueueTest {

    @Test
    @Order(1)
    void anAddAnsweredPendingIsOnTheTopicKeyedByItsScope() {
        String key = Api.newTenantKey("org-kafka");
        String eventId = Api.as(key).body(Map.of("messages", List.of(Map.of("role", "user", "content", "I live in Lisbon")),
                        "user_id", "ana", "metadata", Map.of("source", "chat")))
                .post("/v3/memories/add/").then().statusCode(200).body("status", equalTo("PENDING")).extract().path("event_id");

        ConsumerRecord<String, byte[]> record = findRecord(eventId);
        IngestEvent event = IngestJson.fromBytes(record.value());
        assertThat(event.eventId()).isEqualTo(eventId);
        assertThat(event.request().scope().userId()).isEqualTo("ana");
        assertThat(event.tenant().orgId()).isEqualTo("org-kafka");
        assertThat(event.request().messages().getFirst().content()).isEqualTo("I live in Lisbon");
        assertThat(event.request().metadata()).containsEntry("source", "chat");
        assertThat(record.key()).isEqualTo(event.orderingKey());
        // the gateway only produces: nothing in this process consumes the topic, so the event stays PENDING here
        Api.as(key).get("/v1/event/" + eventId + "/").then().statusCode(200).body("status", equalTo("PENDING"));
    }

    /**
     * Usage events of a synchronous add and a search, on the usage topic (here, not in a class of its own: the broker and
     * the application are this class's, and the outage below must come last).
     */
    @Test
    @Order(2)
    void aSearchAndAnAddAreUsageEventsOnTheUsageTopic() {
        String org = "org-usage-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String key = Api.newTenantKey(org);
        String text = "I live in Lisbon and bake bread for a living";
        Api.addVerbatim(key, "ana", text);
        List<String> served = Api.as(key).body(Map.of("query", "Where does ana live?", "filters", Map.of("user_id", "ana")))
                .post("/v3/memories/search/").then().statusCode(200).extract().path("results.memory");
        assertThat(served).contains(text);

        List<UsageEvent> events = usageEventsOf(org, 3);
        UsageEvent add = events.stream().filter(e -> e.kind() == UsageEvent.Kind.REQUEST && e.operation() == UsageEvent.Operation.ADD)
                .findFirst().orElseThrow();
        assertThat(add.route()).isEqualTo("POST /v3/memories/add/");
        assertThat(add.status()).isEqualTo(200);
        assertThat(add.userId()).isEqualTo("ana");
        assertThat(add.rawTokens()).isEqualTo(TokenEstimator.estimate(text));
        assertThat(add.latencyMs()).isNotNegative();

        UsageEvent memories = events.stream().filter(e -> e.kind() == UsageEvent.Kind.MEMORY_EVENTS).findFirst().orElseThrow();
        assertThat(memories.memories()).isEqualTo(new UsageEvent.MemoryCounts(1, 0, 0, 0));
        assertThat(memories.userId()).isEqualTo("ana");

        UsageEvent search = events.stream().filter(e -> e.operation() == UsageEvent.Operation.SEARCH).findFirst().orElseThrow();
        assertThat(search.route()).isEqualTo("POST /v3/memories/search/");
        assertThat(search.status()).isEqualTo(200);
        assertThat(search.userId()).isEqualTo("ana");
        assertThat(search.contextTokens()).isEqualTo(served.stream().mapToLong(TokenEstimator::estimate).sum()).isPositive();
        assertThat(search.tenant()).isEqualTo(add.tenant());
        assertThat(search.tenant().orgId()).isEqualTo(org);

        // a route with an id in its path is recorded by its template
        Api.as(key).get("/v1/memories/" + java.util.UUID.randomUUID() + "/").then().statusCode(404);
        UsageEvent get = usageEventsOf(org, 4).stream().filter(e -> e.status() == 404).findFirst().orElseThrow();
        assertThat(get.route()).isEqualTo("GET /v1/memories/{memory_id}/");
    }

    @Test
    @Order(3)
    void anAddKafkaDidNotTakeAnswers503NotPending() {
        String key = Api.newTenantKey("org-kafka-down");
        KafkaIngestBrokerResource.broker.close(); // the outage: nothing listens any more

        Api.as(key).body(Map.of("messages", List.of(Map.of("role", "user", "content", "I live in Porto")), "user_id", "rui"))
                .post("/v3/memories/add/").then().statusCode(503)
                .contentType(startsWith(Problem.MEDIA_TYPE)).header("Retry-After", "5").body("status", equalTo(503));
        // the event recorded before the send is closed as FAILED, not left PENDING
        Api.as(key).get("/v1/events/").then().statusCode(200).body("count", equalTo(1))
                .body("results[0].status", equalTo("FAILED"));
    }

    /** Reads the usage topic from the start until {@code count} events of {@code org} were seen. */
    private static List<UsageEvent> usageEventsOf(String org, int count) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaIngestBrokerResource.broker.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (var consumer = new KafkaConsumer<String, byte[]>(props)) {
            List<TopicPartition> partitions = List.of(new TopicPartition(KafkaIngestBrokerResource.USAGE_TOPIC, 0),
                    new TopicPartition(KafkaIngestBrokerResource.USAGE_TOPIC, 1));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<UsageEvent> seen = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline && seen.size() < count) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    UsageEvent event = UsageEventCodec.decode(record.value());
                    if (event.tenant().orgId().equals(org)) {
                        assertThat(record.key()).isEqualTo(event.tenant().key());
                        seen.add(event);
                    }
                }
            }
            assertThat(seen).as("usage events of " + org).hasSize(count);
            return seen;
        }
    }

    /** Reads both partitions from the start until the record of {@code eventId} shows up. */
    private ConsumerRecord<String, byte[]> findRecord(String eventId) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaIngestBrokerResource.broker.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (var consumer = new KafkaConsumer<String, byte[]>(props)) {
            List<TopicPartition> partitions = List.of(new TopicPartition(KafkaIngestQueue.DEFAULT_TOPIC, 0),
                    new TopicPartition(KafkaIngestQueue.DEFAULT_TOPIC, 1));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<String> seen = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    IngestEvent event = IngestJson.fromBytes(record.value());
                    if (event.eventId().equals(eventId)) return record;
                    seen.add(event.eventId());
                }
            }
            throw new AssertionError("No record for event " + eventId + " on the topic; saw " + seen);
        }
    }
}
