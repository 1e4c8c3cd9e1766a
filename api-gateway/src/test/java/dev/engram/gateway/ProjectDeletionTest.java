package dev.engram.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.engram.gateway.Api.addVerbatim;
import static dev.engram.gateway.Api.admin;
import static dev.engram.gateway.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * Deleting a project ({@code DELETE /api/v1/admin/projects/{org}/{project}}, what the console's project deletion
 * calls) erases it, provably: after the deletion a new key for the same project id finds no memory, history, event,
 * entity, feedback, search hit or memory export, while another project of the organisation keeps its memories (docs/security.md). Embedded
 * store (H2 and Lucene); {@link ProjectDeletionOnPostgresTest} runs the same on PostgreSQL.
 */
@QuarkusTest
@QuarkusTestResource(TempDataDirResource.class)
class ProjectDeletionTest {

    @jakarta.inject.Inject
    dev.engram.core.feedback.FeedbackStore feedback;

    @Test
    void aNewKeyForADeletedProjectIdFindsNothing() throws InterruptedException {
        String org = "org-del-" + UUID.randomUUID().toString().substring(0, 8);
        String project = "doomed";
        admin().body(Map.of("org_id", org, "project_id", project, "name", "doomed")).post("/api/v1/admin/projects/").then().statusCode(201);
        String key = newKey(org, project);
        String memoryId = addVerbatim(key, "alice", "Alice's passport number is X1234567");
        String eventId = as(key).body(Map.of("messages", "I like sailing on Sundays", "user_id", "alice"))
                .post("/v3/memories/add/").then().statusCode(200).extract().path("event_id");
        awaitEventDone(key, eventId);
        as(key).get("/v1/memories/" + memoryId + "/history/").then().statusCode(200).body("$", hasSize(1));
        as(key).body(Map.of("memory_id", memoryId, "feedback", "VERY_NEGATIVE")).post("/v1/feedback/").then().statusCode(200);
        String exportId = as(key).body(Map.of("schema", Map.of(), "filters", Map.of("user_id", "alice"))).post("/v1/exports/").then()
                .statusCode(201).extract().path("id");
        for (int i = 0; i < 300 && !"COMPLETED".equals(as(key).get("/v1/exports/" + exportId + "/").then().extract().path("status")); i++) {
            Thread.sleep(100);
        }
        as(key).get("/v1/exports/" + exportId + "/").then().statusCode(200).body("status", equalTo("COMPLETED"));
        String neighbour = Api.newTenantKey(org);
        String kept = addVerbatim(neighbour, "alice", "The neighbour project's memory");

        admin().delete("/api/v1/admin/projects/" + org + "/" + project + "/").then().statusCode(200)
                .body("revoked_keys", equalTo(1)).body("erased_events", greaterThanOrEqualTo(1));

        as(key).get("/v1/ping/").then().statusCode(401);
        String again = newKey(org, project);
        as(again).get("/v1/memories/" + memoryId + "/").then().statusCode(404);
        as(again).get("/v1/memories/" + memoryId + "/history/").then().statusCode(404);
        as(again).get("/v1/event/" + eventId + "/").then().statusCode(404);
        as(again).get("/v1/events/").then().statusCode(200).body("count", equalTo(0));
        as(again).body(Map.of("filters", Map.of("user_id", "*"))).post("/v3/memories/").then().statusCode(200).body("count", equalTo(0));
        as(again).body(Map.of("query", "passport number", "filters", Map.of("user_id", "alice"))).post("/v3/memories/search/")
                .then().statusCode(200).body("results", hasSize(0));
        as(again).body(Map.of("query", "sailing", "filters", Map.of("user_id", "*"))).post("/v2/memories/search/")
                .then().statusCode(200).body("$", hasSize(0));
        as(again).get("/v1/entities/").then().statusCode(200).body("count", equalTo(0));
        assertThat(feedback.all(dev.engram.core.domain.Tenant.of(org, project))).as("the project's feedback").isEmpty();
        as(again).get("/v1/exports/" + exportId + "/").then().statusCode(404);
        as(again).body(Map.of("memory_export_id", exportId)).post("/v1/exports/get/").then().statusCode(404);
        as(again).get("/v1/exports/").then().statusCode(200).body("$", hasSize(0));

        as(neighbour).get("/v1/memories/" + kept + "/").then().statusCode(200).body("memory", equalTo("The neighbour project's memory"));
        // Deleting again is harmless: nothing left to revoke or erase but the new key.
        admin().delete("/api/v1/admin/projects/" + org + "/" + project + "/").then().statusCode(200)
                .body("revoked_keys", equalTo(1)).body("erased_events", equalTo(0));
    }

    /** Mem0's own project routes ({@code project.create} / {@code project.delete} of its Python client) do the same. */
    @Test
    void mem0ProjectCreateAndDeleteNeedAnAdminKeyAndEraseTheProject() {
        String org = "org-m0p-" + UUID.randomUUID().toString().substring(0, 8);
        String projects = "/api/v1/orgs/organizations/" + org + "/projects/";
        String projectId = admin().body(Map.of("name", "From the Mem0 client", "description", "not stored")).post(projects)
                .then().statusCode(201).body("message", equalTo("Project created successfully")).extract().path("project_id");
        assertThat(projectId).startsWith("proj_");
        admin().get("/api/v1/admin/projects/?org_id=" + org).then().statusCode(200)
                .body("find { it.project_id == '" + projectId + "' }.name", equalTo("From the Mem0 client"));
        String key = newKey(org, projectId);
        String memoryId = addVerbatim(key, "alice", "Alice keeps her notes in a red notebook");

        // A project key may not create or delete projects; bad bodies are 400s.
        as(key).body(Map.of("name", "sneaky")).post(projects).then().statusCode(403);
        as(key).delete(projects + projectId + "/").then().statusCode(403);
        admin().body(Map.of("description", "no name")).post(projects).then().statusCode(400);
        admin().body(Map.of("name", 42)).post(projects).then().statusCode(400);
        admin().body(Map.of("name", "x", "description", List.of("not", "a", "string"))).post(projects).then().statusCode(400);
        admin().delete(projects + "proj_nonexistent/").then().statusCode(404);

        admin().delete(projects + projectId + "/").then().statusCode(200).body("message", equalTo("Project deleted successfully"));
        as(key).get("/v1/ping/").then().statusCode(401);
        as(newKey(org, projectId)).get("/v1/memories/" + memoryId + "/").then().statusCode(404);
    }

    private static String newKey(String org, String project) {
        return admin().body(Map.of("org_id", org, "project_id", project, "name", "k", "scopes", List.of("read", "write")))
                .post("/api/v1/admin/keys/").then().statusCode(201).extract().path("key");
    }

    private static void awaitEventDone(String key, String eventId) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        String status;
        do {
            status = as(key).get("/v1/event/" + eventId + "/").then().statusCode(200).extract().path("status");
            if (!"PENDING".equals(status) && !"RUNNING".equals(status)) break;
            Thread.sleep(200);
        } while (Instant.now().isBefore(deadline));
        assertThat(status).isEqualTo("SUCCEEDED");
    }
}
