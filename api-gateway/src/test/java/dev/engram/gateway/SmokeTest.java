package dev.engram.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@QuarkusTestResource(TempDataDirResource.class)
class SmokeTest {

    @Test
    void pingAnswersWithTheKeysTenant() {
        Api.admin().get("/v1/ping/").then().statusCode(200).body("status", equalTo("ok")).body("org_id", equalTo("default"))
                .body("project_id", equalTo("default"));
        Api.admin().get("/v1/ping").then().statusCode(200);
    }

    @Test
    void doubleSlashesAreCollapsed() throws Exception {
        // the TS SDK with a host ending in '/' sends //v1/ping/ (rest-assured would rewrite the path, so use the JDK client)
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + io.restassured.RestAssured.port + "//v1/ping/"))
                .header("Authorization", "Token " + TempDataDirResource.ADMIN_KEY).build();
        try (var client = java.net.http.HttpClient.newHttpClient()) {
            var response = client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            org.assertj.core.api.Assertions.assertThat(response.statusCode()).isEqualTo(200);
            org.assertj.core.api.Assertions.assertThat(response.body()).contains("\"status\":\"ok\"");
        }
    }

    /** Metrics on Quarkus' management interface (a port of its own), not on the API's port (docs/security.md). */
    @Test
    void healthIsOpenOnTheApiPortAndMetricsOnlyOnTheManagementPort(io.quarkus.vertx.http.HttpServer server) {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'dependencies' }.data.index", equalTo("UP"))
                .body("checks.find { it.name == 'dependencies' }.data.'ingest-queue'", equalTo("UP"));
        given().get("/v1/ping/").then().statusCode(401); // an API request, so http_server_requests exists whatever ran before
        given().get("/q/metrics").then().statusCode(404);
        int management = server.getManagementPort();
        assertThat(management).isPositive().isNotEqualTo(io.restassured.RestAssured.port);
        given().port(management).get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("http_server_requests"));
    }

    @Test
    void apiResponsesForbidContentTypeSniffing() {
        Api.admin().get("/v1/ping/").then().statusCode(200).header("X-Content-Type-Options", "nosniff");
        given().get("/v1/ping/").then().statusCode(401).header("X-Content-Type-Options", "nosniff");
    }
}
