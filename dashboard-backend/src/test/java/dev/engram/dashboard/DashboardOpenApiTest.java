package dev.engram.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console API's OpenAPI document: served without sign-in on the HTTP port, it lists the console's routes with
 * snake_case schemas; Swagger UI is not served (the console's CSP forbids its inline script).
 * Standalone profile (same boot as {@link StandaloneProfileTest}).
 */
@QuarkusTest
@TestProfile(StandaloneProfileTest.Standalone.class)
class DashboardOpenApiTest {

    @Test
    void theDocumentIsPublicAndDescribesTheConsoleApi() throws Exception {
        String json = given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        JsonNode doc = new ObjectMapper().readTree(json);
        List<String> paths = new ArrayList<>();
        doc.path("paths").fieldNames().forEachRemaining(paths::add);
        assertThat(paths).contains("/api/v1/me", "/api/v1/orgs", "/api/v1/orgs/{org_id}/members",
                "/api/v1/orgs/{org_id}/projects/{project_id}/keys", "/api/v1/orgs/{org_id}/projects/{project_id}/settings");
        JsonNode org = doc.path("components").path("schemas").path("Org").path("properties");
        List<String> names = new ArrayList<>();
        org.fieldNames().forEachRemaining(names::add);
        assertThat(names).contains("id", "name", "role", "created_at").doesNotContain("createdAt");
        assertThat(doc.path("components").path("securitySchemes").path("bearer").path("scheme").asText()).isEqualTo("bearer");
        given().get("/q/swagger-ui/").then().statusCode(404);
    }
}
