package dev.engram.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@QuarkusTestResource(TempDataDirResource.class)
class SmokeTest {

    @Test
    void pingAnswersWithTheKeysTenant() {
        Api.admin().get("/v1/ping/").then().statusCode(200).body("status", equalTo("ok")).body("org_id", equalTo("default"))
                .body("project_id", equalTo("default"));
        Api.admin().get("/v1/ping").then().statusCode(200);
        Api.admin().get("//v1/ping/").then().statusCode(200);
    }

    @Test
    void healthAndMetricsAreOpen() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/metrics").then().statusCode(200).body(notNullValue());
    }
}
