package dev.engram.gateway.security;

import dev.engram.gateway.Api;
import dev.engram.gateway.TempDataDirResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.engram.gateway.Api.addVerbatim;
import static dev.engram.gateway.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * An admin-scoped key sending {@code X-Engram-Org-Id} and {@code X-Engram-Project-Id} acts for that project (the
 * dashboard's memory browser relies on it); any other key, an unknown project or a lone header is refused, and requests
 * without the headers keep their own tenant.
 */
@QuarkusTest
@QuarkusTestResource(TempDataDirResource.class)
class ActingForTenantTest {

    private static RequestSpecification actingFor(String key, String org, String project) {
        return RestAssured.given().header("Authorization", "Token " + key).header("X-Engram-Org-Id", org)
                .header("X-Engram-Project-Id", project).contentType(ContentType.JSON);
    }

    /** A fresh project in {@code org} with a read/write key; returns {project id, key}. */
    private static String[] newProject(String org) {
        String project = "p" + UUID.randomUUID().toString().substring(0, 8);
        Api.admin().body(Map.of("org_id", org, "project_id", project, "name", "t")).post("/api/v1/admin/projects/").then().statusCode(201);
        String key = Api.admin().body(Map.of("org_id", org, "project_id", project, "name", "k", "scopes", List.of("read", "write")))
                .post("/api/v1/admin/keys/").then().statusCode(201).extract().path("key");
        return new String[] {project, key};
    }

    @Test
    void anAdminKeyReadsAndDeletesTheNamedProjectsMemories() {
        String[] p = newProject("org-acting");
        String id = addVerbatim(p[1], "alice", "Alice keeps bees");

        actingFor(TempDataDirResource.ADMIN_KEY, "org-acting", p[0]).get("/v1/memories/" + id + "/")
                .then().statusCode(200).body("memory", equalTo("Alice keeps bees"));
        actingFor(TempDataDirResource.ADMIN_KEY, "org-acting", p[0]).body(Map.of("filters", Map.of("user_id", "alice")))
                .post("/v2/memories/").then().statusCode(200).body("$", hasSize(1)).body("[0].id", equalTo(id));
        actingFor(TempDataDirResource.ADMIN_KEY, "org-acting", p[0]).get("/v1/entities/")
                .then().statusCode(200).body("results[0].name", equalTo("alice"));
        actingFor(TempDataDirResource.ADMIN_KEY, "org-acting", p[0]).delete("/v1/memories/" + id + "/").then().statusCode(200);
        as(p[1]).get("/v1/memories/" + id + "/").then().statusCode(404);
    }

    @Test
    void withoutTheHeadersTheAdminKeyKeepsItsOwnProject() {
        String[] p = newProject("org-acting");
        String id = addVerbatim(p[1], "bob", "Bob plays chess");
        Api.admin().get("/v1/memories/" + id + "/").then().statusCode(404);
        as(p[1]).get("/v1/memories/" + id + "/").then().statusCode(200);
    }

    @Test
    void aKeyWithoutTheAdminScopeIsRefused() {
        String[] mine = newProject("org-acting");
        String[] other = newProject("org-acting");
        String id = addVerbatim(other[1], "carol", "Carol swims");
        actingFor(mine[1], "org-acting", other[0]).get("/v1/memories/" + id + "/")
                .then().statusCode(403).contentType("application/problem+json").body("detail", containsString("admin"));
        actingFor(mine[1], "org-acting", mine[0]).get("/v1/entities/").then().statusCode(403);
    }

    @Test
    void anUnknownProjectIsNotFound() {
        actingFor(TempDataDirResource.ADMIN_KEY, "org-acting", "no-such-project").get("/v1/entities/")
                .then().statusCode(404).contentType("application/problem+json").body("detail", containsString("no-such-project"));
    }

    @Test
    void oneHeaderAloneOrAnInvalidIdIsABadRequest() {
        Api.admin().header("X-Engram-Org-Id", "org-acting").get("/v1/entities/")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("together"));
        Api.admin().header("X-Engram-Project-Id", "default").get("/v1/entities/").then().statusCode(400);
        actingFor(TempDataDirResource.ADMIN_KEY, "org/acting", "default").get("/v1/entities/").then().statusCode(400);
    }
}
