package dev.engram.gateway;

import dev.engram.core.domain.Tenant;
import dev.engram.core.feedback.FeedbackStore;
import dev.engram.core.feedback.FeedbackValue;
import dev.engram.core.feedback.MemoryFeedback;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.engram.gateway.Api.addVerbatim;
import static dev.engram.gateway.Api.admin;
import static dev.engram.gateway.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * {@code POST /v1/feedback/}: feedback kept per memory (shown on the memory, replaced, cleared with null), refused with a
 * 400 problem when malformed and a 404 for a memory of another project, dropped with its memory, and applied: a
 * VERY_NEGATIVE memory is left out of every search and listing (v1, v2, v3, MCP) unless the caller sends
 * {@code include_very_negative: true}, while GET by id still returns it.
 */
@QuarkusTest
@QuarkusTestResource(TempDataDirResource.class)
class FeedbackRoutesTest {

    @Inject
    FeedbackStore store;

    /** A fresh project with a read/write key, both known to the test. */
    private record Project(Tenant tenant, String key) {
        static Project create() {
            Tenant tenant = Tenant.of("org-feedback", "p" + UUID.randomUUID().toString().substring(0, 8));
            admin().body(Map.of("org_id", tenant.orgId(), "project_id", tenant.projectId(), "name", "t")).post("/api/v1/admin/projects/")
                    .then().statusCode(201);
            String key = admin().body(Map.of("org_id", tenant.orgId(), "project_id", tenant.projectId(), "name", "k",
                    "scopes", List.of("read", "write"))).post("/api/v1/admin/keys/").then().statusCode(201).extract().path("key");
            return new Project(tenant, key);
        }
    }

    private static Map<String, Object> feedback(String memoryId, Object value, Object reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("memory_id", memoryId);
        body.put("feedback", value);
        if (reason != null) body.put("feedback_reason", reason);
        return body;
    }

    @Test
    void feedbackIsStoredShownOnTheMemoryReplacedAndClearedWithNull() {
        Project p = Project.create();
        String id = addVerbatim(p.key(), "ann", "Ann drinks her coffee black");

        as(p.key()).body(feedback(id, "positive", "spot on")).post("/v1/feedback/").then().statusCode(200)
                .body("id", equalTo(id)).body("feedback", equalTo("POSITIVE")).body("feedback_reason", equalTo("spot on"))
                .body("message", equalTo("Feedback recorded"));
        as(p.key()).get("/v1/memories/" + id + "/").then().statusCode(200)
                .body("feedback", equalTo("POSITIVE")).body("feedback_reason", equalTo("spot on"));
        MemoryFeedback kept = store.get(p.tenant(), UUID.fromString(id)).orElseThrow();
        assertThat(kept.value()).isEqualTo(FeedbackValue.POSITIVE);
        assertThat(kept.submittedBy()).as("who submitted it: the key's id").isNotBlank();

        as(p.key()).body(feedback(id, "NEGATIVE", null)).post("/v1/feedback/").then().statusCode(200)
                .body("feedback", equalTo("NEGATIVE")).body("feedback_reason", nullValue());
        as(p.key()).body(Map.of("query", "coffee", "filters", Map.of("user_id", "ann"))).post("/v3/memories/search/").then()
                .statusCode(200).body("results[0].id", equalTo(id)).body("results[0].feedback", equalTo("NEGATIVE"));

        as(p.key()).body(feedback(id, null, "never mind")).post("/v1/feedback/").then().statusCode(200)
                .body("id", equalTo(id)).body("feedback", nullValue()).body("message", equalTo("Feedback cleared"));
        as(p.key()).get("/v1/memories/" + id + "/").then().statusCode(200).body("feedback", nullValue()).body("feedback_reason", nullValue());
        assertThat(store.get(p.tenant(), UUID.fromString(id))).isEmpty();
    }

    @Test
    void veryNegativeMemoryIsLeftOutOfEverySearchAndListingUnlessAskedFor() {
        Project p = Project.create();
        String bad = addVerbatim(p.key(), "bo", "Bo is allergic to peanuts");
        String good = addVerbatim(p.key(), "bo", "Bo is allergic to cats");
        as(p.key()).body(feedback(bad, "VERY_NEGATIVE", "made up")).post("/v1/feedback/").then().statusCode(200);

        Map<String, Object> scope = Map.of("user_id", "bo");
        // Searches: v3, v2, v1 (bare array), without and with the opt-in.
        as(p.key()).body(Map.of("query", "allergic", "filters", scope)).post("/v3/memories/search/").then().statusCode(200)
                .body("results.id", not(hasItem(bad))).body("results.id", hasItem(good));
        as(p.key()).body(Map.of("query", "allergic", "filters", scope, "include_very_negative", true)).post("/v3/memories/search/")
                .then().statusCode(200).body("results.id", hasItem(bad)).body("results.find { it.id == '" + bad + "' }.feedback",
                        equalTo("VERY_NEGATIVE"));
        as(p.key()).body(Map.of("query", "allergic", "filters", scope)).post("/v2/memories/search/").then().statusCode(200)
                .body("id", not(hasItem(bad))).body("id", hasItem(good));
        as(p.key()).body(Map.of("query", "allergic", "filters", scope, "include_very_negative", true)).post("/v2/memories/search/")
                .then().statusCode(200).body("id", hasItem(bad));
        as(p.key()).body(Map.of("query", "allergic", "user_id", "bo")).post("/v1/memories/search/").then().statusCode(200)
                .body("id", not(hasItem(bad))).body("id", hasItem(good));
        as(p.key()).body(Map.of("query", "allergic", "user_id", "bo", "include_very_negative", true)).post("/v1/memories/search/")
                .then().statusCode(200).body("id", hasItem(bad));
        // Listings: v3 (page envelope), v2, v1 (query parameter), without and with the opt-in.
        as(p.key()).body(Map.of("filters", scope)).post("/v3/memories/").then().statusCode(200)
                .body("count", equalTo(1)).body("results.id", equalTo(List.of(good)));
        as(p.key()).body(Map.of("filters", scope, "include_very_negative", true)).post("/v3/memories/").then().statusCode(200)
                .body("count", equalTo(2)).body("results.id", hasItem(bad));
        as(p.key()).body(Map.of("filters", scope)).post("/v2/memories/").then().statusCode(200).body("id", equalTo(List.of(good)));
        as(p.key()).body(Map.of("filters", scope, "include_very_negative", true)).post("/v2/memories/").then().statusCode(200)
                .body("id", hasItem(bad));
        as(p.key()).get("/v1/memories/?user_id=bo").then().statusCode(200).body("id", equalTo(List.of(good)));
        as(p.key()).get("/v1/memories/?user_id=bo&include_very_negative=true").then().statusCode(200).body("id", hasItem(bad));
        // MCP search and list.
        assertThat(mcp(p.key(), "search_memories", Map.of("query", "allergic", "user_id", "bo")).getList("results.id"))
                .contains(good).doesNotContain(bad);
        assertThat(mcp(p.key(), "search_memories", Map.of("query", "allergic", "user_id", "bo", "include_very_negative", true))
                .getList("results.id")).contains(bad);
        assertThat(mcp(p.key(), "list_memories", Map.of("user_id", "bo")).getList("results.id")).containsExactly(good);
        assertThat(mcp(p.key(), "list_memories", Map.of("user_id", "bo", "include_very_negative", true)).getList("results.id"))
                .contains(bad, good);
        // GET by id still returns it, with its feedback.
        as(p.key()).get("/v1/memories/" + bad + "/").then().statusCode(200).body("feedback", equalTo("VERY_NEGATIVE"))
                .body("feedback_reason", equalTo("made up"));

        // Feedback changed from VERY_NEGATIVE: returned again at once.
        as(p.key()).body(feedback(bad, "NEGATIVE", null)).post("/v1/feedback/").then().statusCode(200);
        as(p.key()).body(Map.of("query", "allergic", "filters", scope)).post("/v3/memories/search/").then().statusCode(200)
                .body("results.id", hasItem(bad));
    }

    @Test
    void malformedFeedbackIsA400ProblemAndChangesNothing() {
        Project p = Project.create();
        String id = addVerbatim(p.key(), "cy", "Cy plays the cello");
        as(p.key()).body(feedback(id, "POSITIVE", "kept")).post("/v1/feedback/").then().statusCode(200);

        List<String> bodies = List.of("{\"memory_id\":\"" + id + "\",\"feedback\":\"MEH\"}",
                "{\"memory_id\":\"" + id + "\",\"feedback\":{}}", "{\"memory_id\":\"" + id + "\",\"feedback\":[\"POSITIVE\"]}",
                "{\"memory_id\":\"" + id + "\",\"feedback\":5}", "{\"memory_id\":\"" + id + "\",\"feedback\":true}",
                "{\"memory_id\":\"" + id + "\",\"feedback\":\"NEGATIVE\",\"feedback_reason\":{\"a\":1}}",
                "{\"memory_id\":\"" + id + "\",\"feedback\":\"NEGATIVE\",\"feedback_reason\":\"" + "x".repeat(1001) + "\"}",
                "{\"feedback\":\"NEGATIVE\"}", "{\"memory_id\":\"nope\",\"feedback\":\"NEGATIVE\"}",
                "{\"memory_id\":42,\"feedback\":\"NEGATIVE\"}", "{\"memory_id\":{},\"feedback\":\"NEGATIVE\"}", "[]", "null");
        for (String body : bodies) {
            as(p.key()).body(body).post("/v1/feedback/").then().statusCode(400).contentType("application/problem+json")
                    .body("status", equalTo(400));
        }
        as(p.key()).get("/v1/memories/" + id + "/").then().body("feedback", equalTo("POSITIVE")).body("feedback_reason", equalTo("kept"));
    }

    @Test
    void anotherProjectsMemoryIsNotFoundAndKeepsItsFeedback() {
        Project mine = Project.create();
        Project other = Project.create();
        String id = addVerbatim(mine.key(), "di", "Di works night shifts");
        as(mine.key()).body(feedback(id, "POSITIVE", null)).post("/v1/feedback/").then().statusCode(200);

        for (Object value : java.util.Arrays.asList("VERY_NEGATIVE", null)) {
            as(other.key()).body(feedback(id, value, "not yours")).post("/v1/feedback/").then().statusCode(404)
                    .contentType("application/problem+json");
        }
        assertThat(store.get(other.tenant(), UUID.fromString(id))).isEmpty();
        as(mine.key()).get("/v1/memories/" + id + "/").then().body("feedback", equalTo("POSITIVE"));
        as(mine.key()).body(Map.of("query", "night shifts", "filters", Map.of("user_id", "di"))).post("/v3/memories/search/").then()
                .body("results.id", hasItem(id));
    }

    @Test
    void deletingMemoriesDropsTheirFeedback() {
        Project p = Project.create();
        String one = addVerbatim(p.key(), "ed", "Ed rides a red bike");
        String batch = addVerbatim(p.key(), "ed", "Ed keeps bees");
        String all = addVerbatim(p.key(), "fay", "Fay speaks Welsh");
        String entity = addVerbatim(p.key(), "gus", "Gus sails on weekends");
        for (String id : List.of(one, batch, all, entity)) {
            as(p.key()).body(feedback(id, "VERY_NEGATIVE", null)).post("/v1/feedback/").then().statusCode(200);
        }

        as(p.key()).delete("/v1/memories/" + one + "/").then().statusCode(200);
        as(p.key()).body(Map.of("memories", List.of(Map.of("memory_id", batch)))).delete("/v1/batch/").then().statusCode(200);
        as(p.key()).delete("/v1/memories/?user_id=fay").then().statusCode(200);
        as(p.key()).delete("/v2/entities/user/gus/").then().statusCode(200);

        assertThat(store.all(p.tenant())).isEmpty();
        as(p.key()).body(feedback(one, "POSITIVE", null)).post("/v1/feedback/").then().statusCode(404);
        // The project keeps working: new memories are searched and listed as usual.
        String fresh = addVerbatim(p.key(), "ed", "Ed rides a blue bike now");
        as(p.key()).body(Map.of("query", "bike", "filters", Map.of("user_id", "ed"))).post("/v3/memories/search/").then()
                .statusCode(200).body("results.id", equalTo(List.of(fresh)));
    }

    /** Calls an MCP tool and returns its JSON result. */
    private static JsonPath mcp(String key, String tool, Map<String, Object> arguments) {
        Map<String, Object> rpc = Map.of("jsonrpc", "2.0", "id", UUID.randomUUID().toString(), "method", "tools/call",
                "params", Map.of("name", tool, "arguments", arguments));
        JsonPath result = RestAssured.given().header("Authorization", "Token " + key).contentType(ContentType.JSON)
                .accept("application/json, text/event-stream").body(rpc).post("/mcp").then().statusCode(200).extract().jsonPath()
                .setRootPath("result");
        assertThat(result.getBoolean("isError")).as(result.getString("content[0].text")).isFalse();
        return JsonPath.from(result.getString("content[0].text"));
    }
}
