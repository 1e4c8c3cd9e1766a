package dev.engram.dashboard.analytics;

import dev.engram.core.domain.Tenant;
import dev.engram.core.usage.UsageEvent;
import dev.engram.core.usage.UsageEventCodec;
import dev.engram.dashboard.DashboardTestResources;
import dev.engram.dashboard.Tokens;
import dev.engram.testing.kafka.KafkaBroker;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Usage events produced onto the real usage topic are rolled up by the dashboard's consumer into PostgreSQL, and the
 * analytics endpoint returns the expected series, percentiles, distinct users and tokens saved; a redelivered batch
 * counts once; the endpoint keeps the dashboard's access rules and validates its parameters.
 */
@QuarkusTest
@TestProfile(DashboardTestResources.class)
class AnalyticsTest {

    private static final String SEARCH = UsageFixture.SEARCH;
    private static final String ADD = UsageFixture.ADD;

    @Inject
    UsageRollup rollup;

    /** A fresh organisation with a known history in its default project; the sent records with their offsets. */
    record Fixture(Tokens.Person owner, String orgId, List<ConsumerRecord<String, byte[]>> sent) {
        String analytics(String query) {
            return "/api/v1/orgs/" + orgId + "/projects/default/analytics" + query;
        }
    }

    @Test
    void theSeriesPercentilesUsersAndTokensSavedOfAKnownInput() {
        Fixture f = fixture();
        JsonPath hourly = f.owner().request().get(f.analytics("?granularity=hour&from=2026-01-01T10:00:00Z&to=2026-01-01T12:00:00Z"))
                .then().statusCode(200).extract().jsonPath();
        assertThat(hourly.getString("granularity")).isEqualTo("hour");
        assertThat(hourly.getString("from")).isEqualTo("2026-01-01T10:00:00Z");
        assertThat(hourly.getString("to")).isEqualTo("2026-01-01T12:00:00Z");
        assertThat(series(hourly, "adds")).containsExactly(2L, 0L);
        assertThat(series(hourly, "searches")).containsExactly(4L, 1L);       // the failed search is not one
        assertThat(series(hourly, "errors")).containsExactly(0L, 1L);
        assertThat(series(hourly, "memories_created")).containsExactly(3L, 0L);
        assertThat(series(hourly, "memories_updated")).containsExactly(1L, 0L);
        assertThat(series(hourly, "memories_superseded")).containsExactly(1L, 0L);
        assertThat(series(hourly, "memories_deleted")).containsExactly(1L, 0L);
        assertThat(series(hourly, "end_users")).containsExactly(3L, 2L);      // alice, bob, carol | dave, alice
        assertThat(series(hourly, "llm_tokens")).containsExactly(470L, 0L);
        assertThat(series(hourly, "context_tokens")).containsExactly(100L, 5L);
        assertThat(series(hourly, "raw_tokens")).containsExactly(300L, 0L);
        assertThat(series(hourly, "tokens_saved")).containsExactly(200L, -5L);
        assertThat(hourly.getList("series.find { it.name == 'adds' }.points.t", String.class))
                .containsExactly("2026-01-01T10:00:00Z", "2026-01-01T11:00:00Z");
        assertThat(hourly.getString("series.find { it.name == 'tokens_saved' }.unit")).isEqualTo("tokens");

        // search latencies 3, 7, 40, 90, 250 and a failed one of 1000: nearest rank 3 of 6 → 40, rank 6 → 1000
        assertThat(hourly.getList("routes.route", String.class)).containsExactly(SEARCH, ADD);
        assertThat(hourly.getLong("routes[0].count")).isEqualTo(6);
        assertThat(hourly.getInt("routes[0].p50_ms")).isEqualTo(40);
        assertThat(hourly.getInt("routes[0].p95_ms")).isEqualTo(1000);
        assertThat(hourly.getInt("routes[1].p50_ms")).isEqualTo(15);           // 14 and 15 ms: the bucket (12, 15]
        assertThat(hourly.getInt("routes[1].p95_ms")).isEqualTo(15);

        assertThat(hourly.getLong("totals.end_users")).isEqualTo(4);          // alice counts once over the window
        assertThat(hourly.getLong("totals.tokens_saved")).isEqualTo(195);
        assertThat(hourly.getLong("totals.requests")).isEqualTo(8);

        JsonPath daily = f.owner().request().get(f.analytics("?granularity=day&from=2026-01-01T00:00:00Z&to=2026-01-03T00:00:00Z"))
                .then().statusCode(200).extract().jsonPath();
        assertThat(series(daily, "searches")).containsExactly(5L, 0L);
        assertThat(series(daily, "end_users")).containsExactly(4L, 0L);
        assertThat(series(daily, "llm_tokens")).containsExactly(470L, 0L);

        // only the hour 11 bucket: its own route histogram
        JsonPath eleven = f.owner().request().get(f.analytics("?from=2026-01-01T11:00:00Z&to=2026-01-01T12:00:00Z"))
                .then().statusCode(200).extract().jsonPath();
        assertThat(eleven.getInt("routes[0].p50_ms")).isEqualTo(100);           // 90 ms → (80, 100]
        assertThat(eleven.getInt("routes[0].p95_ms")).isEqualTo(1000);
    }

    @Test
    void feedbackSubmissionsAreCountedByValue() {
        Tokens.Person owner = Tokens.person("Owner");
        String orgId = owner.request().get("/api/v1/me").then().statusCode(200).extract().jsonPath().getString("organisations[0].id");
        produce(UsageFixture.feedbackEvents(Tenant.of(orgId, "default")));
        String window = "/api/v1/orgs/" + orgId + "/projects/default/analytics?from=2026-01-01T10:00:00Z&to=2026-01-01T12:00:00Z";
        await(() -> owner.request().get(window).then().statusCode(200).extract().jsonPath().getLong("totals.requests") == 6);

        JsonPath hourly = owner.request().get(window).then().statusCode(200).extract().jsonPath();
        assertThat(series(hourly, "feedback_positive")).containsExactly(2L, 0L);
        assertThat(series(hourly, "feedback_negative")).containsExactly(1L, 0L);
        assertThat(series(hourly, "feedback_very_negative")).containsExactly(0L, 1L); // the refused one is not a submission
        assertThat(series(hourly, "feedback_cleared")).containsExactly(0L, 1L);
        assertThat(hourly.getString("series.find { it.name == 'feedback_positive' }.unit")).isEqualTo("submissions");
        assertThat(hourly.getLong("totals.feedback_positive")).isEqualTo(2);
        assertThat(hourly.getLong("totals.errors")).isEqualTo(1);
    }

    @Test
    void aRedeliveredBatchCountsOnce() {
        Fixture f = fixture();
        UsageRollup.Applied again = rollup.apply("engram-dashboard-usage", f.sent());
        assertThat(again).isEqualTo(new UsageRollup.Applied(0, f.sent().size(), 0));
        JsonPath after = f.owner().request().get(f.analytics("?from=2026-01-01T10:00:00Z&to=2026-01-01T12:00:00Z"))
                .then().statusCode(200).extract().jsonPath();
        assertThat(after.getLong("totals.requests")).isEqualTo(8);
        assertThat(after.getLong("totals.searches")).isEqualTo(5);
        assertThat(after.getLong("routes[0].count")).isEqualTo(6);
    }

    @Test
    void readersMayReadOutsidersGet404AndUnknownProjects404() {
        Fixture f = fixture();
        Tokens.Person reader = Tokens.person("Reader");
        f.owner().request().body(Map.of("email", reader.email(), "role", "reader")).post("/api/v1/orgs/" + f.orgId() + "/invitations")
                .then().statusCode(201);
        reader.request().get("/api/v1/me").then().statusCode(200);
        reader.request().get(f.analytics("?from=2026-01-01T10:00:00Z&to=2026-01-01T12:00:00Z")).then().statusCode(200)
                .body("totals.requests", equalTo(8));

        Tokens.Person outsider = Tokens.person("Outsider");
        outsider.request().get("/api/v1/me").then().statusCode(200);
        outsider.request().get(f.analytics("")).then().statusCode(404);
        f.owner().request().get("/api/v1/orgs/" + f.orgId() + "/projects/nope/analytics").then().statusCode(404);
        io.restassured.RestAssured.given().get(f.analytics("")).then().statusCode(401);
    }

    @Test
    void defaultsAndBadParameters() {
        Fixture f = fixture();
        JsonPath hourly = f.owner().request().get(f.analytics("")).then().statusCode(200).extract().jsonPath();
        assertThat(hourly.getString("granularity")).isEqualTo("hour");
        assertThat(hourly.getList("series.find { it.name == 'adds' }.points")).hasSize(24);
        JsonPath daily = f.owner().request().get(f.analytics("?granularity=day")).then().statusCode(200).extract().jsonPath();
        assertThat(daily.getList("series.find { it.name == 'adds' }.points")).hasSize(30);
        assertThat(Instant.parse(daily.getString("to"))).isAfter(Instant.now());

        for (String bad : List.of("?granularity=week", "?from=yesterday", "?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z",
                "?granularity=day&from=2026-01-01T00:00:00Z&to=2026-04-02T00:00:00Z")) {
            f.owner().request().get(f.analytics(bad)).then().statusCode(400)
                    .contentType(containsString("application/problem+json")).body("status", equalTo(400));
        }
        f.owner().request().get(f.analytics("?granularity=day&from=2026-01-01T00:00:00Z&to=2026-04-01T00:00:00Z")).then().statusCode(200);
    }

    /**
     * Signs up an owner and produces {@link UsageFixture#events} for their default project; waits until the consumer has
     * rolled it all up.
     */
    private static Fixture fixture() {
        Tokens.Person owner = Tokens.person("Owner");
        String orgId = owner.request().get("/api/v1/me").then().statusCode(200).extract().jsonPath().getString("organisations[0].id");
        Tenant t = Tenant.of(orgId, "default");
        List<UsageEvent> events = UsageFixture.events(t);
        List<ConsumerRecord<String, byte[]>> sent = produce(events);
        await(() -> owner.request().get("/api/v1/orgs/" + orgId + "/projects/default/analytics?from=2026-01-01T10:00:00Z&to=2026-01-01T12:00:00Z")
                .then().statusCode(200).extract().jsonPath().getLong("totals.requests") == 8
                && owner.request().get("/api/v1/orgs/" + orgId + "/projects/default/analytics?from=2026-01-01T10:00:00Z&to=2026-01-01T12:00:00Z")
                .then().extract().jsonPath().getLong("totals.memories_created") == 3);
        return new Fixture(owner, orgId, sent);
    }

    private static List<ConsumerRecord<String, byte[]>> produce(List<UsageEvent> events) {
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        List<ConsumerRecord<String, byte[]>> sent = new ArrayList<>();
        try (var producer = new KafkaProducer<String, byte[]>(props)) {
            for (UsageEvent e : events) {
                byte[] value = UsageEventCodec.encode(e);
                RecordMetadata m = producer.send(new ProducerRecord<>(DashboardTestResources.USAGE_TOPIC, e.tenant().key(), value))
                        .get(10, TimeUnit.SECONDS);
                sent.add(new ConsumerRecord<>(m.topic(), m.partition(), m.offset(), e.tenant().key(), value));
            }
        } catch (Exception e) {
            throw new AssertionError("producing usage events failed", e);
        }
        return sent;
    }

    private static List<Long> series(JsonPath json, String name) {
        return json.getList("series.find { it.name == '" + name + "' }.points.v", Long.class);
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("the usage events were not rolled up within 30 s");
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
