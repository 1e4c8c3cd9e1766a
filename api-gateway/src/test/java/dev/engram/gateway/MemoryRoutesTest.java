package dev.engram.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.engram.gateway.Api.addVerbatim;
import static dev.engram.gateway.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** Happy paths of every memory route, with their wire shapes. */
@QuarkusTest
@QuarkusTestResource(TempDataDirResource.class)
class MemoryRoutesTest {

    private static final String ISO_WITH_OFFSET = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}[+-]\\d{2}:\\d{2}";

    @Test
    void syncAddThenGetUpdateHistoryDelete() {
        String key = Api.newTenantKey("org-routes");
        String id = as(key).body(Map.of("messages", "I live in Lisbon", "user_id", "alice", "infer", false,
                        "metadata", Map.of("camelKey", 1, "nested", Map.of("innerKey", "v")), "org_id", "ignored", "unknown_field", true))
                .post("/v3/memories/add/").then().statusCode(200)
                .body("results[0].event", equalTo("ADD")).body("results[0].data.memory", equalTo("I live in Lisbon"))
                .extract().path("results[0].id");

        as(key).get("/v1/memories/" + id + "/").then().statusCode(200)
                .body("id", equalTo(id)).body("memory", equalTo("I live in Lisbon")).body("user_id", equalTo("alice"))
                .body("hash", matchesPattern("[0-9a-f]{32}"))
                .body("metadata.camelKey", equalTo(1)).body("metadata.nested.innerKey", equalTo("v"))
                .body("$", hasKey("session_id")).body("$", hasKey("run_id")).body("$", hasKey("agent_id")).body("$", hasKey("app_id"))
                .body("$", hasKey("expiration_date")).body("immutable", equalTo(false)).body("state", equalTo("ACTIVE"))
                .body("created_at", matchesPattern(ISO_WITH_OFFSET)).body("updated_at", matchesPattern(ISO_WITH_OFFSET))
                .body("categories", notNullValue()).body("sources", notNullValue()).body("$", hasKey("replaced_by"));

        as(key).body(Map.of("text", "I live in Porto", "metadata", Map.of("extra", "x"))).put("/v1/memories/" + id + "/").then()
                .statusCode(200).body("memory", equalTo("I live in Porto")).body("metadata.extra", equalTo("x")).body("metadata.camelKey", equalTo(1));
        as(key).body("{\"expiration_date\":\"2999-01-01\"}").put("/v1/memories/" + id).then().statusCode(200)
                .body("expiration_date", equalTo("2999-01-01"));
        as(key).body("{\"expiration_date\":null}").put("/v1/memories/" + id).then().statusCode(200).body("expiration_date", nullValue());

        as(key).get("/v1/memories/" + id + "/history/").then().statusCode(200)
                .body("event", hasItem("ADD")).body("event", hasItem("UPDATE")).body("[0].memory_id", equalTo(id))
                .body("[0].user_id", equalTo("alice")).body("[0].created_at", matchesPattern(ISO_WITH_OFFSET));

        as(key).delete("/v1/memories/" + id + "/").then().statusCode(200).body("message", equalTo("Memory deleted successfully!"));
        as(key).get("/v1/memories/" + id + "/").then().statusCode(404);
    }

    @Test
    void asyncAddIsPolledToSucceededThenSearchable() throws InterruptedException {
        String key = Api.newTenantKey("org-routes");
        String eventId = as(key).body(Map.of("messages", List.of(Map.of("role", "user", "content", "I am allergic to peanuts")),
                        "user_id", "bob"))
                .post("/v3/memories/add/").then().statusCode(200).body("status", equalTo("PENDING")).extract().path("event_id");
        String status = "PENDING";
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!status.equals("SUCCEEDED") && !status.equals("FAILED") && System.nanoTime() < deadline) {
            Thread.sleep(50);
            status = as(key).get("/v1/event/" + eventId + "/").then().statusCode(200).extract().path("status");
        }
        assertThat(status).isEqualTo("SUCCEEDED");
        as(key).get("/v1/event/" + eventId + "/").then().body("event_type", equalTo("ADD")).body("results", hasSize(1))
                .body("results[0].event", equalTo("ADD")).body("payload.user_id", equalTo("bob"))
                .body("completed_at", matchesPattern(ISO_WITH_OFFSET));
        as(key).body(Map.of("query", "peanut allergy", "filters", Map.of("user_id", "bob")))
                .post("/v3/memories/search/").then().statusCode(200)
                .body("results[0].memory", containsString("peanuts")).body("results[0].score", notNullValue())
                .body("results[0].run_id", nullValue());
        as(key).get("/v1/events/").then().statusCode(200).body("count", equalTo(1)).body("results[0].id", equalTo(eventId));
    }

    @Test
    void seedExampleRanksFirstThroughTheApi() {
        String key = Api.newTenantKey("org-routes");
        for (String text : List.of("用户偏好使用React和TypeScript开发", "周末喜欢去山里徒步", "家里养了一只橘猫", "目前住在上海", "每天早上喝一杯咖啡")) {
            addVerbatim(key, "developer_001", text);
        }
        as(key).body(Map.of("query", "前端开发", "filters", Map.of("user_id", "developer_001"), "top_k", 3))
                .post("/v3/memories/search/").then().statusCode(200).body("results[0].memory", equalTo("用户偏好使用React和TypeScript开发"));
    }

    @Test
    void rerankIsAcceptedOnEveryVersionAndChangesNothingAboutTheShape() {
        String key = Api.newTenantKey("org-routes");
        for (String text : List.of("用户偏好使用React和TypeScript开发", "周末喜欢去山里徒步", "家里养了一只橘猫", "目前住在上海", "每天早上喝一杯咖啡")) {
            addVerbatim(key, "reranked", text);
        }
        Map<String, Object> scope = Map.of("user_id", "reranked");
        // v3 (envelope), v2 (bare array), v1 (bare array, and v1.1's envelope): the same results, fields and seed answer.
        List<Map<String, Object>> bodies = List.of(Map.of("query", "前端开发", "filters", scope), Map.of("query", "前端开发", "filters", scope),
                Map.of("query", "前端开发", "user_id", "reranked"), Map.of("query", "前端开发", "user_id", "reranked", "output_format", "v1.1"));
        List<String> routes = List.of("/v3/memories/search/", "/v2/memories/search/", "/v1/memories/search/", "/v1/memories/search/");
        List<String> lists = List.of("results", "", "", "results"); // "": the bare array itself
        for (int i = 0; i < routes.size(); i++) {
            Response plain = as(key).body(bodies.get(i)).post(routes.get(i));
            Map<String, Object> asked = new java.util.HashMap<>(bodies.get(i));
            asked.put("rerank", true);
            Response reranked = as(key).body(asked).post(routes.get(i));
            String list = lists.get(i);
            plain.then().statusCode(200);
            reranked.then().statusCode(200).body(list + "[0].memory", equalTo("用户偏好使用React和TypeScript开发"));
            if (!list.isEmpty()) {
                assertThat(reranked.jsonPath().getMap("").keySet()).as(routes.get(i)).isEqualTo(plain.jsonPath().getMap("").keySet());
            }
            assertThat(reranked.jsonPath().getMap(list + "[0]").keySet()).as(routes.get(i)).isEqualTo(plain.jsonPath().getMap(list + "[0]").keySet());
            assertThat(reranked.jsonPath().getList(list.isEmpty() ? "id" : list + ".id")).as(routes.get(i))
                    .containsExactlyInAnyOrderElementsOf(plain.jsonPath().getList(list.isEmpty() ? "id" : list + ".id"));
        }
    }

    @Test
    void referenceDateSearchesAsOfThatTimeOnEveryVersion() {
        String key = Api.newTenantKey("org-routes");
        addVerbatim(key, "traveller", "I booked a trip to Kyoto");
        long tomorrow = java.time.Instant.now().plus(Duration.ofDays(1)).getEpochSecond();
        Map<String, Object> scope = Map.of("user_id", "traveller");
        // After the memory was made (epoch seconds as a number, an ISO date-time): found.
        as(key).body(Map.of("query", "Kyoto trip", "filters", scope, "reference_date", tomorrow)).post("/v3/memories/search/").then()
                .statusCode(200).body("results", hasSize(1));
        as(key).body(Map.of("query", "Kyoto trip", "user_id", "traveller", "reference_date", "2999-01-01T00:00:00Z"))
                .post("/v1/memories/search/").then().statusCode(200).body("$", hasSize(1));
        // Before it was made: search as of that date does not see it (v3, v2 and v1 bodies).
        as(key).body(Map.of("query", "Kyoto trip", "filters", scope, "reference_date", "2001-01-01")).post("/v3/memories/search/").then()
                .statusCode(200).body("results", hasSize(0));
        as(key).body(Map.of("query", "Kyoto trip", "filters", scope, "reference_date", "978307200")).post("/v2/memories/search/").then()
                .statusCode(200).body("$", hasSize(0));
        as(key).body(Map.of("query", "Kyoto trip", "user_id", "traveller", "reference_date", 978307200)).post("/v1/memories/search/").then()
                .statusCode(200).body("$", hasSize(0));
        // Malformed: a problem, for every version.
        for (String route : List.of("/v3/memories/search/", "/v2/memories/search/", "/v1/memories/search/")) {
            for (Object bad : List.of("yesterday", "2023-02-30", Map.of("date", "2023-01-01"), -5)) {
                as(key).body(Map.of("query", "Kyoto trip", "filters", scope, "reference_date", bad)).post(route).then().statusCode(400)
                        .contentType(containsString("application/problem+json")).body("detail", containsString("reference_date"));
            }
        }
    }

    @Test
    void listingPaginatesWithEnvelopes() {
        String key = Api.newTenantKey("org-routes");
        for (int i = 0; i < 5; i++) addVerbatim(key, "carol", "Fact number " + i + " about carol");
        Response first = as(key).body(Map.of("filters", Map.of("user_id", "carol"))).post("/v3/memories/?page=1&page_size=2");
        first.then().statusCode(200).body("count", equalTo(5)).body("results", hasSize(2)).body("previous", nullValue())
                .body("next", containsString("page=2")).body("next", containsString("page_size=2")).body("results[0]", hasKey("session_id"));
        as(key).body(Map.of("filters", Map.of("user_id", "carol"))).post("/v3/memories/?page=3&page_size=2").then()
                .body("results", hasSize(1)).body("next", nullValue()).body("previous", containsString("page=2"));
        // legacy list: bare array without both page params, envelope with them
        as(key).get("/v1/memories/?user_id=carol").then().statusCode(200).body("$", hasSize(5));
        as(key).get("/v1/memories/?user_id=carol&page=1&page_size=4").then().statusCode(200).body("count", equalTo(5)).body("results", hasSize(4));
        as(key).body(Map.of("filters", Map.of("user_id", "carol"))).post("/v2/memories/").then().statusCode(200).body("$", hasSize(5));
        as(key).body(Map.of("filters", Map.of("user_id", "carol"), "page", 1, "page_size", 2)).post("/v2/memories/").then()
                .statusCode(200).body("count", equalTo(5));
        as(key).body(Map.of("filters", Map.of("user_id", "carol"), "fields", List.of("memory"))).post("/v3/memories/").then()
                .statusCode(200).body("results[0]", hasKey("memory")).body("results[0]", hasKey("id"));
    }

    @Test
    void legacyAddAndSearchShapes() {
        String key = Api.newTenantKey("org-routes");
        as(key).body(Map.of("messages", List.of(Map.of("role", "user", "content", "I drive a red bicycle")), "user_id", "dan",
                        "async_mode", false, "infer", false, "output_format", "v1.1", "version", "v2"))
                .post("/v1/memories/").then().statusCode(200).body("results[0].event", equalTo("ADD")).body("relations", hasSize(0));
        as(key).body(Map.of("messages", List.of(Map.of("role", "user", "content", "I like jazz")), "user_id", "dan", "infer", false))
                .post("/v1/memories/").then().statusCode(200).body("[0].event", equalTo("ADD"));
        as(key).body(Map.of("messages", "I play chess on Sundays", "user_id", "dan"))
                .post("/v1/memories/").then().statusCode(200).body("[0].status", equalTo("PENDING")).body("[0].event_id", notNullValue());
        as(key).body(Map.of("query", "bicycle", "user_id", "dan")).post("/v1/memories/search/").then().statusCode(200)
                .body("[0].memory", equalTo("I drive a red bicycle"));
        as(key).body(Map.of("query", "bicycle", "user_id", "dan", "output_format", "v1.1")).post("/v1/memories/search/").then()
                .statusCode(200).body("results[0].memory", equalTo("I drive a red bicycle")).body("relations", hasSize(0));
        as(key).body(Map.of("query", "bicycle", "filters", Map.of("user_id", "dan"))).post("/v2/memories/search/").then()
                .statusCode(200).body("[0].memory", equalTo("I drive a red bicycle"));
    }

    @Test
    void deleteAllBatchEntitiesAndFeedback() {
        String key = Api.newTenantKey("org-routes");
        String a = addVerbatim(key, "erin", "Erin likes tea");
        String b = addVerbatim(key, "erin", "Erin owns a kayak");
        addVerbatim(key, "frank", "Frank studies law");
        as(key).body(Map.of("memories", List.of(Map.of("memory_id", a, "text", "Erin likes green tea")))).put("/v1/batch/").then()
                .statusCode(200).body("message", equalTo("Successfully updated 1 memories"));
        as(key).get("/v1/memories/" + a + "/").then().body("memory", equalTo("Erin likes green tea"));
        as(key).body(Map.of("memory_id", a, "feedback", "positive", "feedback_reason", "useful")).post("/v1/feedback/").then()
                .statusCode(200).body("feedback", equalTo("POSITIVE")).body("feedback_reason", equalTo("useful"));

        as(key).get("/v1/entities/").then().statusCode(200).body("count", equalTo(2)).body("total_users", equalTo(2))
                .body("results.name", hasItem("erin")).body("results.find { it.name == 'erin' }.total_memories", equalTo(2))
                .body("results[0].type", equalTo("user"));

        as(key).body(Map.of("memories", List.of(Map.of("memory_id", b)))).delete("/v1/batch/").then().statusCode(200)
                .body("message", equalTo("Successfully deleted 1 memories"));
        as(key).get("/v1/memories/" + b + "/").then().statusCode(404);

        as(key).delete("/v2/entities/user/frank/").then().statusCode(200);
        as(key).get("/v1/memories/?user_id=frank").then().body("$", hasSize(0));
        as(key).delete("/v1/memories/?user_id=*").then().statusCode(200).body("deleted_count", equalTo(1));
        as(key).get("/v1/entities/").then().body("count", equalTo(0));
    }

    @Test
    void deleteLinkedRemovesTheSupersededChain() throws InterruptedException {
        String key = Api.newTenantKey("org-routes");
        as(key).body(Map.of("messages", "I live in Berlin", "user_id", "gina", "async_mode", false)).post("/v1/memories/").then().statusCode(200);
        List<Map<String, Object>> moved = as(key).body(Map.of("messages", "I moved to Paris", "user_id", "gina", "async_mode", false))
                .post("/v1/memories/").then().statusCode(200).extract().path("$");
        Map<String, Object> supersede = moved.stream().filter(e -> "SUPERSEDE".equals(e.get("event"))).findFirst().orElseThrow();
        String newest = (String) supersede.get("id");
        String older = (String) supersede.get("related_memory_id");
        as(key).get("/v1/memories/" + older + "/").then().statusCode(200).body("state", equalTo("SUPERSEDED")).body("replaced_by", equalTo(newest));
        as(key).delete("/v1/memories/" + newest + "/?delete_linked=true").then().statusCode(200).body("cascade_count", equalTo(1));
        as(key).get("/v1/memories/" + older + "/").then().statusCode(404);
    }

    @Test
    void reindexRebuildsTheTenantsIndexFromTheStore() {
        String key = Api.newTenantKey("org-reindex");
        addVerbatim(key, "rex", "My favourite composer is Arvo Pärt");
        addVerbatim(key, "rex", "I play the cello on Sundays");
        String org = as(key).get("/v1/ping/").then().extract().path("org_id");
        String project = as(key).get("/v1/ping/").then().extract().path("project_id");

        as(key).body(Map.of("org_id", org, "project_id", project)).post("/api/v1/admin/reindex/").then().statusCode(403);
        Api.admin().body(Map.of("project_id", project)).post("/api/v1/admin/reindex/").then().statusCode(400);
        // A body without org_id never starts a platform-wide rebuild: that takes all_tenants: true.
        Api.admin().body(Map.of()).post("/api/v1/admin/reindex/").then().statusCode(400)
                .body("detail", containsString("all_tenants"));
        Api.admin().body(Map.of("user_id", "rex", "all_tenants", false)).post("/api/v1/admin/reindex/").then().statusCode(400);
        Api.admin().body(Map.of("org_id", org, "project_id", project)).post("/api/v1/admin/reindex/").then().statusCode(200)
                .body("tenants", equalTo(1)).body("memories", equalTo(2));
        as(key).body(Map.of("query", "which composer do I like?", "filters", Map.of("user_id", "rex"))).post("/v3/memories/search/")
                .then().statusCode(200).body("results[0].memory", equalTo("My favourite composer is Arvo Pärt"));
        Api.admin().body(Map.of("org_id", org, "project_id", "no-such-project")).post("/api/v1/admin/reindex/").then().statusCode(404);
        Api.admin().body(Map.of("all_tenants", true)).post("/api/v1/admin/reindex/").then().statusCode(200)
                .body("tenants", greaterThanOrEqualTo(1)).body("memories", greaterThanOrEqualTo(2));
    }
}
