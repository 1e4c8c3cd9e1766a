package dev.engram.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.engram.gateway.Api.addVerbatim;
import static dev.engram.gateway.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * Keys of other tenants (another organisation, and another project of the same organisation) never see, change or
 * delete a tenant's memories or events, on any route, even when they name the same user id.
 */
@QuarkusTest
@QuarkusTestResource(TempDataDirResource.class)
class TenantIsolationTest {

    @Test
    void otherOrganisationsAndProjectsSeeNothing() {
        String owner = Api.newTenantKey("org-a");
        String memoryId = addVerbatim(owner, "shared-user", "Tenant A secret: the launch code is 1234");
        String eventId = as(owner).body(Map.of("messages", "I like sailing", "user_id", "shared-user"))
                .post("/v3/memories/add/").then().statusCode(200).extract().path("event_id");
        for (String other : List.of(Api.newTenantKey("org-b"), Api.newTenantKey("org-a"))) {
            as(other).get("/v1/memories/" + memoryId + "/").then().statusCode(404);
            as(other).get("/v1/memories/" + memoryId + "/history/").then().statusCode(404);
            as(other).body(Map.of("text", "hijacked")).put("/v1/memories/" + memoryId + "/").then().statusCode(404);
            as(other).delete("/v1/memories/" + memoryId + "/").then().statusCode(404);
            as(other).body(Map.of("memories", List.of(Map.of("memory_id", memoryId, "text", "x")))).put("/v1/batch/").then().statusCode(404);
            as(other).body(Map.of("memories", List.of(Map.of("memory_id", memoryId)))).delete("/v1/batch/").then().statusCode(404);
            as(other).body(Map.of("memory_id", memoryId, "feedback", "POSITIVE")).post("/v1/feedback/").then().statusCode(404);
            as(other).body(Map.of("query", "launch code", "filters", Map.of("user_id", "shared-user"))).post("/v3/memories/search/")
                    .then().statusCode(200).body("results", hasSize(0));
            as(other).body(Map.of("query", "launch code", "user_id", "shared-user")).post("/v1/memories/search/").then().body("$", hasSize(0));
            as(other).body(Map.of("query", "launch code", "filters", Map.of("user_id", "*"))).post("/v2/memories/search/").then().body("$", hasSize(0));
            as(other).body(Map.of("filters", Map.of("user_id", "*"))).post("/v3/memories/").then().body("count", equalTo(0));
            as(other).body(Map.of("filters", Map.of("user_id", "shared-user"))).post("/v2/memories/").then().body("$", hasSize(0));
            as(other).get("/v1/memories/?user_id=shared-user").then().body("$", hasSize(0));
            as(other).get("/v1/entities/").then().body("count", equalTo(0));
            as(other).get("/v1/event/" + eventId + "/").then().statusCode(404);
            as(other).get("/v1/events/").then().body("count", equalTo(0));
            as(other).delete("/v1/memories/?user_id=*").then().statusCode(200).body("deleted_count", equalTo(0));
            as(other).delete("/v2/entities/user/shared-user/").then().statusCode(200).body("deleted_count", equalTo(0));
        }
        as(owner).get("/v1/memories/" + memoryId + "/").then().statusCode(200).body("memory", equalTo("Tenant A secret: the launch code is 1234"));
        as(owner).get("/v1/entities/").then().body("results[0].name", equalTo("shared-user"));
        as(owner).get("/v1/event/" + eventId + "/").then().statusCode(200);
    }
}
