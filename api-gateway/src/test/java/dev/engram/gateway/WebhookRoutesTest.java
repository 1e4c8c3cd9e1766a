package dev.engram.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.engram.core.webhook.WebhookSignature;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static dev.engram.gateway.Api.admin;
import static dev.engram.gateway.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * Mem0's project and webhook routes on the gateway: webhooks managed per project and confined to it, memory events
 * (add, update, delete) delivered to a real receiver on loopback, signed, retried after a failure with the same
 * idempotency key, and logged; project settings read and changed in the tenant directory the engine reads.
 */
@QuarkusTest
@QuarkusTestResource(TempDataDirResource.class)
class WebhookRoutesTest {

    record Received(String timestamp, String signature, String delivery, String event, String body) {
    }

    private HttpServer receiver;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            var h = exchange.getRequestHeaders();
            received.add(new Received(h.getFirst("X-Engram-Timestamp"), h.getFirst("X-Engram-Signature"), h.getFirst("X-Engram-Delivery"),
                    h.getFirst("X-Engram-Event"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(failuresLeft.getAndDecrement() > 0 ? 500 : 204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    private String hookUrl() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    private static JsonPath ping(String key) {
        return as(key).get("/v1/ping/").then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath createHook(String key, String project, Map<String, Object> body) {
        return as(key).body(body).post("/api/v1/webhooks/projects/" + project + "/").then().statusCode(201).extract().jsonPath();
    }

    private List<Received> awaitReceived(Predicate<List<Received>> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (done.test(received)) return List.copyOf(received);
            Thread.sleep(50);
        }
        throw new AssertionError("The receiver did not get what was expected; it got " + received);
    }

    @Test
    void webhooksAreCreatedListedChangedAndDeletedThroughMem0sRoutes() {
        String key = Api.newTenantKey("org-hooks");
        String project = ping(key).getString("project_id");

        JsonPath created = createHook(key, project, Map.of("name", "audit", "url", hookUrl(), "event_types", List.of("memory_add")));
        String id = created.getString("webhook_id");
        assertThat(created.getString("secret")).startsWith("whsec_");
        assertThat(created.getList("event_types")).containsExactly("memory_add");
        assertThat(created.getBoolean("is_active")).isTrue();
        assertThat(created.getString("project")).isEqualTo(project);

        as(key).get("/api/v1/webhooks/projects/" + project + "/").then().statusCode(200)
                .body("", hasSize(1)).body("[0].webhook_id", equalTo(id)).body("[0].secret", nullValue());

        as(key).body(Map.of("name", "audit-2", "event_types", List.of("memory_add", "memory_delete")))
                .put("/api/v1/webhooks/" + id + "/").then().statusCode(200).body("message", equalTo("Webhook updated successfully"));
        as(key).get("/api/v1/webhooks/projects/" + project + "/").then().statusCode(200)
                .body("[0].name", equalTo("audit-2")).body("[0].url", equalTo(hookUrl())).body("[0].event_types", hasSize(2));

        as(key).delete("/api/v1/webhooks/" + id + "/").then().statusCode(200).body("message", equalTo("Webhook deleted successfully"));
        as(key).get("/api/v1/webhooks/projects/" + project + "/").then().statusCode(200).body("", hasSize(0));
        as(key).delete("/api/v1/webhooks/" + id + "/").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void invalidWebhooksAreRefusedWithProblems() {
        String key = Api.newTenantKey("org-hooks");
        String project = ping(key).getString("project_id");
        String path = "/api/v1/webhooks/projects/" + project + "/";

        for (Map<String, Object> body : List.<Map<String, Object>>of(Map.of("name", "x", "url", "ftp://example.com/h"),
                Map.of("name", "x", "url", "http://user:pw@example.com/h"), Map.of("name", "x"), Map.of("url", hookUrl()),
                Map.of("name", "x", "url", hookUrl(), "event_types", List.of("memory_explode")),
                Map.of("name", "x", "url", hookUrl(), "event_types", List.of()))) {
            as(key).body(body).post(path).then().statusCode(400).contentType("application/problem+json")
                    .body("status", equalTo(400)).body("detail", notNullValue());
        }
        as(key).body(Map.of("name", "x", "url", hookUrl())).post("/api/v1/webhooks/projects/someone-else/").then().statusCode(404)
                .contentType("application/problem+json");
        as(key).body(Map.of("name", "x")).put("/api/v1/webhooks/not-a-uuid/").then().statusCode(404);
        as(key).body(Map.of("is_active", "yes")).put("/api/v1/webhooks/not-a-uuid/").then().statusCode(400);
    }

    @Test
    void anotherProjectsKeyCannotReadOrChangeAWebhook() {
        String owner = Api.newTenantKey("org-hooks");
        String stranger = Api.newTenantKey("org-hooks");
        String project = ping(owner).getString("project_id");
        String id = createHook(owner, project, Map.of("name", "mine", "url", hookUrl())).getString("webhook_id");

        as(stranger).get("/api/v1/webhooks/projects/" + project + "/").then().statusCode(404).contentType("application/problem+json");
        as(stranger).body(Map.of("url", "http://127.0.0.1:1/stolen")).put("/api/v1/webhooks/" + id + "/").then().statusCode(404)
                .contentType("application/problem+json");
        as(stranger).delete("/api/v1/webhooks/" + id + "/").then().statusCode(404);
        as(stranger).get("/api/v1/webhooks/" + id + "/deliveries/").then().statusCode(404);
        as(stranger).get("/api/v1/webhooks/projects/" + ping(stranger).getString("project_id") + "/").then().statusCode(200).body("", hasSize(0));

        as(owner).get("/api/v1/webhooks/projects/" + project + "/").then().statusCode(200)
                .body("[0].webhook_id", equalTo(id)).body("[0].url", equalTo(hookUrl()));
    }

    @Test
    void deletingAProjectDeletesItsWebhooks() {
        String key = Api.newTenantKey("org-hooks");
        JsonPath ids = ping(key);
        String org = ids.getString("org_id"), project = ids.getString("project_id");
        createHook(key, project, Map.of("name", "doomed", "url", hookUrl()));

        admin().delete("/api/v1/admin/projects/" + org + "/" + project + "/").then().statusCode(200);

        String again = admin().body(Map.of("org_id", org, "project_id", project, "name", "again", "scopes", List.of("read", "write")))
                .post("/api/v1/admin/keys/").then().statusCode(201).extract().path("key");
        as(again).get("/api/v1/webhooks/projects/" + project + "/").then().statusCode(200).body("", hasSize(0));
    }

    @Test
    void memoryEventsAreDeliveredSignedRetriedAndLogged() throws Exception {
        String key = Api.newTenantKey("org-hooks");
        String project = ping(key).getString("project_id");
        JsonPath hook = createHook(key, project, Map.of("name", "all", "url", hookUrl(),
                "event_types", List.of("memory_add", "memory_update", "memory_delete")));
        String secret = hook.getString("secret");
        failuresLeft.set(1); // the first attempt gets a 500, the retry a 204

        String memoryId = Api.addVerbatim(key, "hooked-user", "Likes green tea");
        List<Received> got = awaitReceived(r -> r.size() >= 2);

        assertThat(got.get(1).delivery()).as("the retry carries the same idempotency key").isEqualTo(got.get(0).delivery());
        for (Received r : got) {
            assertThat(WebhookSignature.verify(secret, r.body(), r.timestamp(), r.signature(), java.time.Instant.now(),
                    WebhookSignature.DEFAULT_TOLERANCE)).isTrue();
            assertThat(r.event()).isEqualTo("memory_add");
        }
        JsonNode added = new ObjectMapper().readTree(got.get(1).body());
        assertThat(added.path("event_details").path("id").asText()).isEqualTo(memoryId);
        assertThat(added.path("event_details").path("data").path("memory").asText()).isEqualTo("Likes green tea");
        assertThat(added.path("event_details").path("event").asText()).isEqualTo("ADD");

        as(key).body(Map.of("text", "Likes jasmine tea")).put("/v1/memories/" + memoryId + "/").then().statusCode(200);
        as(key).delete("/v1/memories/" + memoryId + "/").then().statusCode(200);
        got = awaitReceived(r -> r.size() >= 4);
        JsonNode updated = new ObjectMapper().readTree(got.stream().filter(r -> "memory_update".equals(r.event())).findFirst().orElseThrow().body());
        assertThat(updated.path("event_details").path("event").asText()).isEqualTo("UPDATE");
        assertThat(updated.path("event_details").path("data").path("memory").asText()).isEqualTo("Likes jasmine tea");
        JsonNode deleted = new ObjectMapper().readTree(got.stream().filter(r -> "memory_delete".equals(r.event())).findFirst().orElseThrow().body());
        assertThat(deleted.path("event_details").path("event").asText()).isEqualTo("DELETE");
        assertThat(deleted.path("event_details").path("id").asText()).isEqualTo(memoryId);

        String log = "/api/v1/webhooks/" + hook.getString("webhook_id") + "/deliveries/";
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonPath entries;
        do {
            entries = as(key).get(log).then().statusCode(200).extract().jsonPath();
        } while (!entries.getList("status").stream().allMatch("DELIVERED"::equals) && System.nanoTime() < deadline);
        assertThat(entries.getList("event")).containsExactly("memory_delete", "memory_update", "memory_add");
        assertThat(entries.getList("status")).containsOnly("DELIVERED");
        assertThat(entries.getInt("[2].attempts")).isEqualTo(2);
        assertThat(entries.getInt("[2].last_status_code")).isEqualTo(204);
        assertThat(entries.getString("[2].delivery_id")).isEqualTo(got.get(0).delivery());
        assertThat(entries.getString("[2].payload.event_details.id")).isEqualTo(memoryId);
    }

    @Test
    void theProjectsSettingsAreReadAndChangedThroughMem0sProjectRoutes() {
        String key = Api.newTenantKey("org-projects");
        JsonPath ids = ping(key);
        String org = ids.getString("org_id"), project = ids.getString("project_id");
        String path = "/api/v1/orgs/organizations/" + org + "/projects/" + project + "/";

        as(key).get(path).then().statusCode(200).body("project_id", equalTo(project)).body("custom_instructions", nullValue())
                .body("custom_categories", nullValue()).body("enable_graph", equalTo(false));

        as(key).body(Map.of("custom_instructions", "Only keep food preferences.",
                        "custom_categories", List.of(Map.of("food", "what the user eats")), "enable_graph", false))
                .patch(path).then().statusCode(200).body("message", equalTo("Project updated successfully"));

        as(key).get(path).then().statusCode(200).body("custom_instructions", equalTo("Only keep food preferences."))
                .body("custom_categories[0].food", equalTo("what the user eats"));
        as(key).get(path + "?fields=custom_instructions").then().statusCode(200)
                .body("size()", equalTo(1)).body("custom_instructions", startsWith("Only keep"));
        // One source of truth: the defaults the admin API (and the console through it) shows are the ones just set.
        admin().get("/api/v1/admin/projects/?org_id=" + org).then().statusCode(200)
                .body("find { it.project_id == '" + project + "' }.defaults.custom_instructions", equalTo("Only keep food preferences."));

        as(key).body(Map.of("custom_instructions", "")).patch(path).then().statusCode(200);
        as(key).get(path).then().body("custom_instructions", nullValue()).body("custom_categories[0].food", equalTo("what the user eats"));

        as(key).body(Map.of("enable_graph", true)).patch(path).then().statusCode(400).contentType("application/problem+json");
        as(key).get("/api/v1/orgs/organizations/" + org + "/projects/someone-else/").then().statusCode(404)
                .contentType("application/problem+json");
        as(Api.newTenantKey("org-projects")).body(Map.of("custom_instructions", "hijack")).patch(path).then().statusCode(404);
        as(key).get(path).then().body("custom_instructions", nullValue());
    }
}
