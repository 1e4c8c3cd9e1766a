package dev.engram.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.engram.gateway.Api.addVerbatim;
import static dev.engram.gateway.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/**
 * {@code POST /v1/summary/} (Python's {@code get_summary}): an offline summary of the memories the filters match, grouped
 * by category, in one array item; another user's or another project's memories and VERY_NEGATIVE ones never show;
 * malformed bodies are 400 problems.
 */
@QuarkusTest
@QuarkusTestResource(TempDataDirResource.class)
class SummaryRouteTest {

    private static final List<String> ALICE = List.of("Alice is allergic to peanuts", "Alice works as a pediatric nurse",
            "Alice plays the cello on weekends");

    @Test
    void summarisesTheMatchedUsersFactsByCategory() {
        String key = Api.newTenantKey("org-summary");
        for (String fact : ALICE) addVerbatim(key, "alice", fact);
        String hidden = addVerbatim(key, "alice", "Alice secretly hates her job");
        addVerbatim(key, "bob", "Bob collects vintage radios");
        String elsewhere = Api.newTenantKey("org-summary");
        addVerbatim(elsewhere, "alice", "Another project's Alice sails");
        as(key).body(Map.of("memory_id", hidden, "feedback", "VERY_NEGATIVE")).post("/v1/feedback/").then().statusCode(200);

        JsonPath summary = as(key).body(Map.of("filters", Map.of("user_id", "alice"))).post("/v1/summary/").then().statusCode(200)
                .extract().jsonPath();
        assertThat(summary.getList("$")).hasSize(1);
        assertThat(summary.getInt("[0].total_memories")).isEqualTo(3);
        Map<String, List<String>> categories = summary.getMap("[0].categories");
        assertThat(categories.values().stream().flatMap(List::stream).toList()).containsExactlyInAnyOrderElementsOf(ALICE);
        String text = summary.getString("[0].summary");
        for (String fact : ALICE) assertThat(text).contains(fact);
        assertThat(text).doesNotContain("Bob").doesNotContain("sails").doesNotContain("hates");

        // The AND form narrows the same way; a user with no memories has an empty summary.
        as(key).body(Map.of("filters", Map.of("AND", List.of(Map.of("user_id", "bob"))))).post("/v1/summary/").then().statusCode(200)
                .body("[0].total_memories", org.hamcrest.Matchers.equalTo(1)).body("[0].summary", containsString("vintage radios"));
        as(key).body(Map.of("filters", Map.of("user_id", "nobody"))).post("/v1/summary/").then().statusCode(200)
                .body("[0].total_memories", org.hamcrest.Matchers.equalTo(0)).body("[0].summary", org.hamcrest.Matchers.equalTo(""));
    }

    @Test
    void malformedBodiesAreProblems() {
        String key = Api.newTenantKey("org-summary");
        as(key).body(Map.of()).post("/v1/summary/").then().statusCode(400).body("detail", containsString("filters is required"));
        as(key).body(Map.of("filters", "alice")).post("/v1/summary/").then().statusCode(400).body("detail", containsString("JSON object"));
        as(key).body(Map.of("filters", Map.of("user_id", Map.of("bogus_op", "x")))).post("/v1/summary/").then().statusCode(400);
        as(key).body("[1, 2]").post("/v1/summary/").then().statusCode(400);
    }
}
