package dev.engram.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.engram.gateway.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

/** Every add answers an event id that {@code GET /v1/event/{id}/} finds, in any letter case, with the client's body as payload. */
@QuarkusTest
@QuarkusTestResource(TempDataDirResource.class)
class EventRoutesTest {

    @Test
    void aSynchronousAddHasAnEventWithTheClientsBody() {
        String key = Api.newTenantKey("org-events");
        String eventId = as(key).body(Map.of("messages", List.of(Map.of("role", "user", "content", "I collect stamps")), "user_id", "eve",
                        "infer", false, "metadata", Map.of("source", "test")))
                .post("/v3/memories/add/").then().statusCode(200).extract().path("event_id");

        as(key).get("/v1/event/" + eventId + "/").then().statusCode(200)
                .body("id", equalTo(eventId)).body("status", equalTo("SUCCEEDED")).body("results[0].event", equalTo("ADD"))
                .body("payload.messages[0].content", equalTo("I collect stamps")).body("payload.user_id", equalTo("eve"))
                .body("payload.metadata.source", equalTo("test")).body("payload", not(hasKey("org_id")));
        as(key).get("/v1/event/" + eventId.toUpperCase(Locale.ROOT) + "/").then().statusCode(200).body("id", equalTo(eventId));
        as(Api.newTenantKey("org-events-other")).get("/v1/event/" + eventId + "/").then().statusCode(404);
    }

    @Test
    void aBackgroundAddShowsTheClientsBodyToo() {
        String key = Api.newTenantKey("org-events");
        String eventId = as(key).body(Map.of("messages", "I moved to Oslo", "user_id", "eve")).post("/v3/memories/add/").then()
                .statusCode(200).extract().path("event_id");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String status = null;
        while (System.nanoTime() < deadline && !"SUCCEEDED".equals(status)) {
            status = as(key).get("/v1/event/" + eventId.toUpperCase(Locale.ROOT) + "/").then().statusCode(200).extract().path("status");
            if (!"SUCCEEDED".equals(status)) sleep();
        }
        org.assertj.core.api.Assertions.assertThat(status).isEqualTo("SUCCEEDED");
        as(key).get("/v1/event/" + eventId + "/").then().body("payload.messages", equalTo("I moved to Oslo"))
                .body("payload", not(hasKey("v"))).body("payload", not(hasKey("event_id")));
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
