package dev.engram.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.engram.gateway.Api.admin;
import static dev.engram.gateway.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Mem0's memory export routes on the gateway: an export requested with a schema and filters (flat or {@code AND}, or
 * Python's flat ids) is written in the background with progress, read back by id or as the newest matching its
 * filters, shaped by the schema; unknown and foreign ids are not found, bad requests are 400s; a large export is
 * written page by page; and the admin import restores a full export into another project, searchable there and not
 * duplicated by a second import.
 */
@QuarkusTest
@QuarkusTestResource(TempDataDirResource.class)
class ExportRoutesTest {

    private static final Map<String, Object> SCHEMA = Map.of("type", "object", "properties", Map.of(
            "memories", Map.of("type", "array", "items", Map.of("type", "object", "properties", Map.of(
                    "id", Map.of("type", "string"), "memory", Map.of("type", "string"), "user_id", Map.of("type", "string"),
                    "nickname", Map.of("type", "string"))))));

    private static String create(String key, Map<String, Object> body) {
        return as(key).body(body).post("/v1/exports/").then().statusCode(201)
                .body("message", equalTo("Memory export request received. The export will be ready in a few seconds."))
                .extract().path("id");
    }

    private static JsonPath awaitDone(String key, String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonPath job = as(key).get("/v1/exports/" + id + "/").then().statusCode(200).extract().jsonPath();
            if (job.getString("status").equals("COMPLETED") || job.getString("status").equals("FAILED")) return job;
            Thread.sleep(100);
        }
        throw new AssertionError("Export " + id + " did not finish");
    }

    private static void addMany(String key, String user, int count) {
        for (int from = 0; from < count; from += 100) {
            List<Map<String, Object>> messages = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + 100); i++) messages.add(Map.of("role", "user", "content", "Fact " + i + " of " + user));
            as(key).body(Map.of("messages", messages, "user_id", user, "infer", false)).post("/v3/memories/add/").then().statusCode(200);
        }
    }

    @Test
    void anExportIsWrittenInTheBackgroundWithProgressAndShapedByItsSchema() throws Exception {
        String key = Api.newTenantKey("org-exports");
        Api.addVerbatim(key, "alice", "Alice drinks jasmine tea");
        Api.addVerbatim(key, "alice", "Alice lives in Lisbon");
        Api.addVerbatim(key, "bob", "Bob plays the cello");

        String id = create(key, Map.of("schema", SCHEMA, "filters", Map.of("AND", List.of(Map.of("user_id", "alice")))));
        JsonPath job = awaitDone(key, id);
        assertThat(job.getString("status")).isEqualTo("COMPLETED");
        assertThat(job.getInt("processed")).isEqualTo(2);
        assertThat(job.getInt("total")).isEqualTo(2);
        assertThat(job.getDouble("progress")).isEqualTo(1.0);
        assertThat(job.getString("finished_at")).isNotNull();

        JsonPath export = as(key).body(Map.of("memory_export_id", id)).post("/v1/exports/get/").then().statusCode(200).extract().jsonPath();
        assertThat(export.getMap("")).containsOnlyKeys("memories");
        assertThat(export.getList("memories.memory", String.class)).containsExactlyInAnyOrder("Alice drinks jasmine tea", "Alice lives in Lisbon");
        assertThat(export.getList("memories.user_id", String.class)).containsOnly("alice");
        assertThat(export.getMap("memories[0]")).containsOnlyKeys("id", "memory", "user_id");

        JsonPath full = as(key).get("/v1/exports/" + id + "/download/").then().statusCode(200)
                .header("Content-Disposition", org.hamcrest.Matchers.containsString("attachment")).extract().jsonPath();
        assertThat(full.getInt("engram_export")).isEqualTo(1);
        assertThat(full.getList("memories[0].history.event", String.class)).containsExactly("ADD");
        assertThat(full.getList("memories[0].sources")).hasSize(1);
        as(key).get("/v1/exports/").then().statusCode(200).body("[0].id", equalTo(id));
    }

    @Test
    void withoutAnIdTheNewestCompletedExportWithTheSameFiltersIsRead() throws Exception {
        String key = Api.newTenantKey("org-exports");
        Api.addVerbatim(key, "carol", "Carol runs marathons");
        String older = create(key, Map.of("schema", SCHEMA, "user_id", "carol")); // Python's flat kwargs
        awaitDone(key, older);
        Api.addVerbatim(key, "carol", "Carol speaks Portuguese");
        String newer = create(key, Map.of("schema", SCHEMA, "filters", Map.of("user_id", "carol")));
        awaitDone(key, newer);
        String other = create(key, Map.of("schema", SCHEMA, "filters", Map.of("user_id", "dave")));
        awaitDone(key, other);

        as(key).body(Map.of("filters", Map.of("AND", List.of(Map.of("user_id", "carol"))))).post("/v1/exports/get/").then().statusCode(200)
                .body("memories", hasSize(2));
        as(key).body(Map.of("user_id", "carol")).post("/v1/exports/get/").then().statusCode(200).body("memories", hasSize(2)); // Python
        as(key).body(Map.of("memory_export_id", older)).post("/v1/exports/get/").then().statusCode(200).body("memories", hasSize(1));
        as(key).body(Map.of("filters", Map.of("user_id", "erin"))).post("/v1/exports/get/").then().statusCode(404)
                .contentType("application/problem+json").body("detail", equalTo("No memory export request found"));
    }

    @Test
    void unknownAndForeignExportsAreNotFound() throws Exception {
        String owner = Api.newTenantKey("org-exports");
        String stranger = Api.newTenantKey("org-exports");
        Api.addVerbatim(owner, "alice", "Alice keeps bees");
        String id = create(owner, Map.of("schema", SCHEMA, "filters", Map.of("user_id", "alice")));
        awaitDone(owner, id);

        for (String unknown : List.of(UUID.randomUUID().toString(), "not-a-uuid")) {
            as(owner).body(Map.of("memory_export_id", unknown)).post("/v1/exports/get/").then().statusCode(404)
                    .contentType("application/problem+json").body("detail", equalTo("No memory export request found"));
        }
        as(stranger).body(Map.of("memory_export_id", id)).post("/v1/exports/get/").then().statusCode(404);
        as(stranger).get("/v1/exports/" + id + "/").then().statusCode(404);
        as(stranger).get("/v1/exports/" + id + "/download/").then().statusCode(404);
        as(stranger).body(Map.of("filters", Map.of("user_id", "alice"))).post("/v1/exports/get/").then().statusCode(404);
        as(stranger).get("/v1/exports/").then().statusCode(200).body("", hasSize(0));
    }

    @Test
    void badExportRequestsAreRefusedWithProblems() {
        String key = Api.newTenantKey("org-exports");
        for (Map<String, Object> body : List.<Map<String, Object>>of(
                Map.of("filters", Map.of("user_id", "alice")),
                Map.of("schema", "not a schema", "filters", Map.of("user_id", "alice")),
                Map.of("schema", Map.of("properties", List.of()), "filters", Map.of("user_id", "alice")),
                Map.of("schema", SCHEMA, "filters", "user_id=alice"),
                Map.of("schema", SCHEMA, "filters", Map.of("categories", Map.of("in", List.of("food")))),
                Map.of("schema", SCHEMA),
                Map.of("schema", SCHEMA, "filters", Map.of("user_id", Map.of(">=", "a"))),
                Map.of("schema", SCHEMA, "filters", Map.of("colour", "red")))) {
            as(key).body(body).post("/v1/exports/").then().statusCode(400).contentType("application/problem+json")
                    .body("status", equalTo(400)).body("detail", notNullValue());
        }
        as(key).body(Map.of()).post("/v1/exports/get/").then().statusCode(400).contentType("application/problem+json");
        as(key).body(Map.of("filters", Map.of("colour", "red"))).post("/v1/exports/get/").then().statusCode(400);
        as(key).get("/v1/exports/?limit=0").then().statusCode(400);
    }

    @Test
    void aLargeExportIsWrittenPageByPage() throws Exception {
        String key = Api.newTenantKey("org-exports");
        addMany(key, "frank", 450);

        String id = create(key, Map.of("schema", Map.of(), "filters", Map.of("user_id", "frank")));
        JsonPath job = awaitDone(key, id);
        assertThat(job.getString("status")).isEqualTo("COMPLETED");
        assertThat(job.getInt("processed")).isEqualTo(450);
        assertThat(job.getLong("result_bytes")).isPositive();
        JsonPath export = as(key).body(Map.of("memory_export_id", id)).post("/v1/exports/get/").then().statusCode(200).extract().jsonPath();
        assertThat(export.getInt("count")).isEqualTo(450);
        assertThat(export.getList("memories")).hasSize(450);
    }

    @Test
    void anImportRestoresAFullExportIntoAnotherProjectSearchablyAndOnlyOnce() throws Exception {
        String source = Api.newTenantKey("org-exports");
        String memoryId = Api.addVerbatim(source, "gina", "Gina collects vintage typewriters");
        as(source).body(Map.of("text", "Gina collects vintage Olivetti typewriters")).put("/v1/memories/" + memoryId + "/").then().statusCode(200);
        String id = create(source, Map.of("schema", Map.of(), "filters", Map.of("user_id", "gina")));
        awaitDone(source, id);
        String export = as(source).get("/v1/exports/" + id + "/download/").then().statusCode(200).extract().asString();

        String targetProject = "p" + UUID.randomUUID().toString().substring(0, 8);
        admin().body(Map.of("org_id", "org-import", "project_id", targetProject, "name", "target")).post("/api/v1/admin/projects/")
                .then().statusCode(201);
        String target = admin().body(Map.of("org_id", "org-import", "project_id", targetProject, "name", "k", "scopes", List.of("read", "write"),
                "user_email", "t@example.com")).post("/api/v1/admin/keys/").then().statusCode(201).extract().path("key");
        String importPath = "/api/v1/admin/projects/org-import/" + targetProject + "/import/";

        for (int run = 0; run < 2; run++) {
            admin().body(export).post(importPath).then().statusCode(200).body("imported", equalTo(1)).body("history_entries", equalTo(2));
        }

        as(target).get("/v1/memories/" + memoryId + "/").then().statusCode(200)
                .body("memory", equalTo("Gina collects vintage Olivetti typewriters")).body("user_id", equalTo("gina"));
        as(target).get("/v1/memories/" + memoryId + "/history/").then().statusCode(200).body("", hasSize(2));
        as(target).body(Map.of("filters", Map.of("user_id", "gina"))).post("/v3/memories/").then().statusCode(200).body("results", hasSize(1));
        as(target).body(Map.of("query", "what does gina collect", "filters", Map.of("user_id", "gina"))).post("/v3/memories/search/")
                .then().statusCode(200).body("results[0].id", equalTo(memoryId));

        as(target).delete("/v1/memories/" + memoryId + "/").then().statusCode(200);
        as(source).get("/v1/memories/" + memoryId + "/").then().statusCode(200);
        as(target).get("/v1/exports/" + id + "/").then().statusCode(404);

        as(source).body(export).post(importPath).then().statusCode(403);
        admin().body(export).post("/api/v1/admin/projects/org-import/no-such-project/import/").then().statusCode(404);
        admin().body(Map.of("memories", List.of())).post(importPath).then().statusCode(400).contentType("application/problem+json");
    }
}
