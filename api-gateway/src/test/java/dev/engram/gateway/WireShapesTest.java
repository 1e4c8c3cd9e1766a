package dev.engram.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.engram.gateway.Api.admin;
import static dev.engram.gateway.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exact key sets (and nulls) of the response shapes whose records have optional fields or alternative forms, as
 * the routes answered them when they were built from maps: typed records must not add, drop or rename a field.
 */
@QuarkusTest
@QuarkusTestResource(TempDataDirResource.class)
class WireShapesTest {

    @Test
    void pingCarriesANullEmailAsNull() {
        Map<String, Object> ping = admin().get("/v1/ping/").then().statusCode(200).extract().jsonPath().getMap("");
        assertThat(ping).containsOnlyKeys("status", "org_id", "project_id", "user_email");
    }

    @Test
    void addAnswersKeepTheirFormsPerOutputFormat() {
        String key = Api.newTenantKey("wire");
        var message = List.of(Map.of("role", "user", "content", "Wire likes tea"));
        Map<String, Object> queued = as(key).body(Map.of("messages", message, "user_id", "w")).post("/v3/memories/add/").then().statusCode(200)
                .extract().jsonPath().getMap("");
        assertThat(queued).containsOnlyKeys("message", "status", "event_id").containsEntry("status", "PENDING");

        Map<String, Object> processed = as(key).body(Map.of("messages", message, "user_id", "w", "infer", false)).post("/v3/memories/add/")
                .then().statusCode(200).extract().jsonPath().getMap("");
        assertThat(processed).containsOnlyKeys("message", "event_id", "results");
        Map<String, Object> item = as(key).body(Map.of("messages", List.of(Map.of("role", "user", "content", "Wire owns a kayak")),
                "user_id", "w", "infer", false)).post("/v3/memories/add/").then().extract().jsonPath().getMap("results[0]");
        assertThat(item).containsOnlyKeys("id", "memory", "event", "data");
        assertThat(item.get("data")).isEqualTo(Map.of("memory", "Wire owns a kayak"));

        List<Object> v10 = as(key).body(Map.of("messages", List.of(Map.of("role", "user", "content", "Wire reads novels")), "user_id", "w",
                "async_mode", false, "infer", false)).post("/v1/memories/").then().statusCode(200).extract().jsonPath().getList("");
        assertThat(v10).hasSize(1);
        Map<String, Object> v11 = as(key).body(Map.of("messages", List.of(Map.of("role", "user", "content", "Wire plays chess")), "user_id", "w",
                "output_format", "v1.1")).post("/v1/memories/").then().statusCode(200).extract().jsonPath().getMap("");
        assertThat(v11).containsOnlyKeys("results", "relations");
        assertThat(v11.get("relations")).isEqualTo(List.of());
        assertThat((List<?>) v11.get("results")).singleElement().asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsOnlyKeys("message", "status", "event_id");
    }

    @Test
    void feedbackAnswersMem0sFieldsWithTheClientsMessageAndShowsOnTheMemory() {
        String key = Api.newTenantKey("wire");
        String id = Api.addVerbatim(key, "f", "Feedback shape memory");
        Map<String, Object> memory = as(key).get("/v1/memories/" + id + "/").then().statusCode(200).extract().jsonPath().getMap("");
        assertThat(memory).containsEntry("feedback", null).containsEntry("feedback_reason", null);

        Map<String, Object> answer = as(key).body(Map.of("memory_id", id, "feedback", "POSITIVE")).post("/v1/feedback/").then()
                .statusCode(200).extract().jsonPath().getMap("");
        assertThat(answer).containsOnlyKeys("id", "feedback", "feedback_reason", "message").containsEntry("feedback_reason", null)
                .containsEntry("feedback", "POSITIVE");
        Map<String, Object> cleared = as(key).body("{\"memory_id\":\"" + id + "\",\"feedback\":null}").post("/v1/feedback/").then()
                .statusCode(200).extract().jsonPath().getMap("");
        assertThat(cleared).containsOnlyKeys("id", "feedback", "feedback_reason", "message").containsEntry("feedback", null);
    }

    @Test
    void projectionsKeepOnlyTheRequestedFieldsPlusId() {
        String key = Api.newTenantKey("wire");
        Api.addVerbatim(key, "p", "Projection test memory");
        Map<String, Object> found = as(key).body(Map.of("query", "projection", "filters", Map.of("user_id", "p"), "fields", List.of("memory")))
                .post("/v3/memories/search/").then().statusCode(200).extract().jsonPath().getMap("results[0]");
        assertThat(found).containsOnlyKeys("id", "memory");
        Map<String, Object> page = as(key).body(Map.of("filters", Map.of("user_id", "p"))).post("/v3/memories/").then().statusCode(200)
                .extract().jsonPath().getMap("");
        assertThat(page).containsOnlyKeys("count", "next", "previous", "results");
        List<Object> bare = as(key).body(Map.of("filters", Map.of("user_id", "p"))).post("/v2/memories/").then().statusCode(200)
                .extract().jsonPath().getList("");
        assertThat(bare).hasSize(1);
        Map<String, Object> v11 = as(key).body(Map.of("query", "projection", "user_id", "p", "output_format", "v1.1"))
                .post("/v1/memories/search/").then().statusCode(200).extract().jsonPath().getMap("");
        assertThat(v11).containsOnlyKeys("results", "relations");

        Map<String, Object> ping = as(key).get("/v1/ping/").then().extract().jsonPath().getMap("");
        String path = "/api/v1/orgs/organizations/" + ping.get("org_id") + "/projects/" + ping.get("project_id") + "/";
        Map<String, Object> some = as(key).queryParam("fields", "name,custom_instructions,no_such_field").get(path).then().statusCode(200)
                .extract().jsonPath().getMap("");
        assertThat(some).containsOnlyKeys("name", "custom_instructions");
        Map<String, Object> all = as(key).get(path).then().statusCode(200).extract().jsonPath().getMap("");
        assertThat(all).hasSize(22).containsEntry("description", null).containsEntry("members", List.of()).containsEntry("is_default", false)
                .containsEntry("enable_graph", false).containsKeys("created_at", "custom_categories", "default_expiration_days", "llm_profile");
    }

    @Test
    @SuppressWarnings("unchecked")
    void deletionsAndKeysCarryTheirOptionalFieldsOnlyWhenTheyApply() {
        String key = Api.newTenantKey("wire");
        String id = Api.addVerbatim(key, "d", "Delete shape memory");
        Map<String, Object> plain = as(key).delete("/v1/memories/" + id + "/").then().statusCode(200).extract().jsonPath().getMap("");
        assertThat(plain).containsOnlyKeys("message");
        String other = Api.addVerbatim(key, "d", "Delete linked shape memory");
        Map<String, Object> linked = as(key).delete("/v1/memories/" + other + "/?delete_linked=true").then().statusCode(200).extract()
                .jsonPath().getMap("");
        assertThat(linked).containsOnlyKeys("message", "cascade_count");
        assertThat(as(key).delete("/v1/memories/?user_id=d").then().statusCode(200).extract().jsonPath().getMap(""))
                .containsOnlyKeys("message", "deleted_count");

        admin().body(Map.of("org_id", "wire", "project_id", "keys", "name", "k")).post("/api/v1/admin/projects/").then().statusCode(201);
        Map<String, Object> created = admin().body(Map.of("org_id", "wire", "project_id", "keys")).post("/api/v1/admin/keys/").then()
                .statusCode(201).extract().jsonPath().getMap("");
        assertThat(created).containsOnlyKeys("id", "org_id", "project_id", "name", "prefix", "scopes", "user_email", "default_user_id", "created_at",
                "last_used_at", "revoked_at", "key");
        Map<String, Object> listed = admin().get("/api/v1/admin/projects/wire/keys/keys/").then().statusCode(200).extract().jsonPath()
                .getMap("[0]");
        assertThat(listed).containsOnlyKeys("id", "org_id", "project_id", "name", "prefix", "scopes", "user_email", "default_user_id", "created_at",
                "last_used_at", "revoked_at");
        Map<String, Object> project = admin().queryParam("org_id", "wire").get("/api/v1/admin/projects/").then().statusCode(200).extract()
                .jsonPath().getMap("find { it.project_id == 'keys' }");
        assertThat(project).containsOnlyKeys("org_id", "project_id", "name", "created_at", "defaults");
        assertThat((Map<String, Object>) project.get("defaults")).containsOnlyKeys("custom_instructions", "categories", "default_expiration_days",
                "extraction_mode", "llm_profile");
    }

    @Test
    void exportAnswersCarryMem0sFieldsAndTheJobItsProgress() throws InterruptedException {
        String key = Api.newTenantKey("wire");
        Api.addVerbatim(key, "x", "Export shape memory");
        Map<String, Object> created = as(key).body(Map.of("schema", Map.of(), "filters", Map.of("user_id", "x"))).post("/v1/exports/").then()
                .statusCode(201).extract().jsonPath().getMap("");
        assertThat(created).containsOnlyKeys("message", "id");
        Map<String, Object> job = Map.of();
        for (int i = 0; i < 300 && !"COMPLETED".equals(job.get("status")); i++) {
            Thread.sleep(100);
            job = as(key).get("/v1/exports/" + created.get("id") + "/").then().statusCode(200).extract().jsonPath().getMap("");
        }
        assertThat(job).containsOnlyKeys("id", "status", "message", "processed", "total", "progress", "filters", "error", "result_bytes",
                "attempts", "created_at", "started_at", "finished_at");
        Map<String, Object> export = as(key).body(Map.of("memory_export_id", created.get("id"))).post("/v1/exports/get/").then().statusCode(200)
                .extract().jsonPath().getMap("");
        assertThat(export).containsOnlyKeys("engram_export", "export_id", "org_id", "project_id", "created_at", "exported_at", "filters",
                "memories", "count");
        assertThat(as(key).body(Map.of("memory_export_id", created.get("id"))).post("/v1/exports/get/").then().extract().jsonPath()
                .getMap("memories[0]")).containsOnlyKeys("id", "memory", "hash", "user_id", "agent_id", "app_id", "run_id", "actor_id", "role",
                "metadata", "categories", "created_at", "updated_at", "event_time", "expiration_date", "immutable", "state", "replaced_by",
                "slot", "sources", "history");
    }

    @Test
    void profileRoutesAnswerTheClientsShapes() {
        String key = Api.newTenantKey("wire");
        for (String t : List.of("Wire lives in Graz", "Wire plays darts", "Wire owns a van")) Api.addVerbatim(key, "wp", t);

        Map<String, Object> settings = as(key).get("/v2/profiles/settings/").then().statusCode(200).extract().jsonPath().getMap("");
        assertThat(settings).containsOnlyKeys("enabled", "entities", "capabilities");
        assertThat(as(key).get("/v2/profiles/settings/").then().extract().jsonPath().getMap("entities.user"))
                .containsOnlyKeys("schema", "custom_instructions");

        Map<String, Object> trigger = as(key).header("Idempotency-Key", "wire-1").body(Map.of("operation", "trigger", "entity_type", "user",
                "entity_id", "wp")).post("/v2/profiles/jobs/").then().statusCode(200).extract().jsonPath().getMap("");
        assertThat(trigger).containsOnlyKeys("job_id", "status", "status_url", "operation", "entity_type", "entity_count_reserved",
                "event_id", "replayed").containsEntry("event_id", null);
        Map<String, Object> sample = as(key).header("Idempotency-Key", "wire-2").body(Map.of("operation", "sample", "entity_type", "user"))
                .post("/v2/profiles/jobs/").then().statusCode(200).extract().jsonPath().getMap("");
        assertThat(sample).containsOnlyKeys("job_id", "status", "status_url", "operation", "entity_type", "entity_count_reserved",
                "event_id", "replayed", "sampled", "entity_ids");

        Map<String, Object> job = as(key).get((String) trigger.get("status_url")).then().statusCode(200).extract().jsonPath().getMap("");
        assertThat(job).containsOnlyKeys("job");
        assertThat(as(key).get((String) trigger.get("status_url")).then().extract().jsonPath().getMap("job")).containsOnlyKeys("id",
                "operation", "entity_type", "status", "total", "enumeration_complete", "completed", "succeeded", "failed", "skipped",
                "entity_ids", "created_at", "updated_at");

        Map<String, Object> profile = as(key).get("/v2/entities/user/wp/profile/").then().statusCode(200).extract().jsonPath().getMap("");
        assertThat(profile).containsOnlyKeys("profile", "status", "entity_type", "entity_id", "updated_at", "generation_count", "error")
                .containsEntry("error", null);
    }
}
