package dev.engram.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.engram.gateway.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/** Statuses and problem bodies of the error contract. */
@QuarkusTest
@QuarkusTestResource(TempDataDirResource.class)
class ErrorContractTest {

    @Test
    void missingOrInvalidKeysAre401ProblemsWithDetail() {
        given().get("/v1/ping/").then().statusCode(401).contentType(startsWith("application/problem+json"))
                .body("detail", startsWith("Invalid API key")).body("status", equalTo(401)).body("title", equalTo("Unauthorized"))
                .body("type", notNullValue()).body("instance", equalTo("/v1/ping/"));
        given().header("Authorization", "Token eng_doesnotexist0000000000000000000000000").get("/v1/ping/").then().statusCode(401)
                .body("detail", startsWith("Invalid API key"));
        given().header("Authorization", "Basic abc").get("/v1/ping/").then().statusCode(401);
        given().header("Authorization", "Bearer " + TempDataDirResource.ADMIN_KEY).get("/v1/ping/").then().statusCode(200);
    }

    @Test
    void revokedKeysAre401AndMissingScopesAre403() {
        String project = "p" + UUID.randomUUID().toString().substring(0, 8);
        Api.admin().body(Map.of("org_id", "org-errors", "project_id", project)).post("/api/v1/admin/projects/").then().statusCode(201);
        Api.admin().body(Map.of("org_id", "org-errors", "project_id", project)).post("/api/v1/admin/projects/").then().statusCode(409);
        Map<String, Object> readOnly = Api.admin().body(Map.of("org_id", "org-errors", "project_id", project, "scopes", List.of("read")))
                .post("/api/v1/admin/keys/").then().statusCode(201).extract().path("$");
        String key = (String) readOnly.get("key");
        as(key).get("/v1/ping/").then().statusCode(200);
        as(key).body(Map.of("messages", "hi", "user_id", "u", "infer", false)).post("/v3/memories/add/").then().statusCode(403)
                .body("detail", containsString("write"));
        as(key).get("/api/v1/admin/projects/").then().statusCode(403);
        Api.admin().get("/api/v1/admin/projects/org-errors/" + project + "/keys/").then().statusCode(200)
                .body("[0].prefix", equalTo(key.substring(0, 12))).body("[0]", not(org.hamcrest.Matchers.hasKey("key")));
        Api.admin().delete("/api/v1/admin/keys/" + readOnly.get("id") + "/").then().statusCode(200);
        as(key).get("/v1/ping/").then().statusCode(401);
    }

    @Test
    void badIdsUnknownMemoriesAndConflicts() {
        String key = Api.newTenantKey("org-errors");
        as(key).get("/v1/memories/not-a-uuid/").then().statusCode(400).body("detail", equalTo("memory_id should be a valid UUID"));
        as(key).get("/v1/memories/" + UUID.randomUUID() + "/").then().statusCode(404).body("detail", equalTo("Memory not found!"));
        as(key).delete("/v1/memories/" + UUID.randomUUID() + "/").then().statusCode(404);
        as(key).get("/v1/event/" + UUID.randomUUID() + "/").then().statusCode(404);
        String id = as(key).body(Map.of("messages", "I never change", "user_id", "u", "infer", false, "immutable", true))
                .post("/v3/memories/add/").then().statusCode(200).extract().path("results[0].id");
        as(key).body(Map.of("text", "changed")).put("/v1/memories/" + id + "/").then().statusCode(409);
    }

    @Test
    void scopingRulesOfSearchAndList() {
        String key = Api.newTenantKey("org-errors");
        as(key).body(Map.of("query", "x", "user_id", "u", "filters", Map.of("user_id", "u"))).post("/v3/memories/search/").then().statusCode(400)
                .body("detail", containsString("filters"));
        as(key).body(Map.of("query", "x", "filters", Map.of("NOT", Map.of("user_id", "u")))).post("/v3/memories/search/").then().statusCode(400);
        as(key).body(Map.of("query", "x", "filters", Map.of())).post("/v3/memories/search/").then().statusCode(400);
        as(key).body(Map.of("query", "x", "filters", Map.of("bogus", 1))).post("/v3/memories/search/").then().statusCode(400)
                .body("detail", containsString("bogus"));
        as(key).body(Map.of("query", "x", "filters", Map.of("user_id", "u"), "top_k", 1001)).post("/v3/memories/search/").then().statusCode(400);
        as(key).body(Map.of("filters", Map.of("user_id", "u"), "user_id", "u")).post("/v3/memories/").then().statusCode(400);
        as(key).body(Map.of("filters", Map.of("user_id", "u"))).post("/v3/memories/?page_size=201").then().statusCode(400);
        as(key).body(Map.of("messages", "no scope", "infer", false)).post("/v3/memories/add/").then().statusCode(400);
        as(key).delete("/v1/memories/").then().statusCode(400);
        as(key).delete("/v2/entities/planet/earth/").then().statusCode(400).body("detail", equalTo("Invalid entity type"));
        List<Map<String, String>> many = new ArrayList<>();
        for (int i = 0; i < 1001; i++) many.add(Map.of("memory_id", UUID.randomUUID().toString()));
        as(key).body(Map.of("memories", many)).delete("/v1/batch/").then().statusCode(400);
    }

    @Test
    void limitsAnswer413() {
        String key = Api.newTenantKey("org-errors");
        as(key).body(Map.of("messages", "x".repeat(40_000), "user_id", "u", "infer", false)).post("/v3/memories/add/").then().statusCode(413);
        List<Map<String, String>> messages = new ArrayList<>();
        for (int i = 0; i < 101; i++) messages.add(Map.of("role", "user", "content", "m" + i));
        as(key).body(Map.of("messages", messages, "user_id", "u", "infer", false)).post("/v3/memories/add/").then().statusCode(413);
        as(key).body(Map.of("messages", "m", "user_id", "u", "infer", false, "metadata", Map.of("big", "y".repeat(17_000))))
                .post("/v3/memories/add/").then().statusCode(413);
    }
}
