package dev.engram.dashboard.memories;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.engram.dashboard.DashboardTestResources;
import dev.engram.dashboard.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * The memory browser against a stand-in gateway ({@link GatewayStubResource}): what it sends (the admin key and the
 * acting-for headers of the project in the path), how it maps the gateway's answers (404, 400 with the gateway's detail,
 * 503 for everything that is not the caller's fault, never a 500), and who may do what.
 */
@QuarkusTest
@TestProfile(DashboardTestResources.class)
class MemoryBrowserTest {

    private static final String MEMORY_ID = "22222222-2222-2222-2222-222222222222";
    private static final String MEMORY = """
            {"id":"22222222-2222-2222-2222-222222222222","memory":"Alice keeps bees","hash":"h","user_id":"alice","agent_id":null,
             "app_id":null,"run_id":null,"session_id":null,"actor_id":null,"role":null,"metadata":{"hive":2},"categories":["hobbies"],
             "created_at":"2026-03-01T09:00:00Z","updated_at":"2026-03-02T09:00:00Z","expiration_date":null,"immutable":false,
             "state":"ACTIVE","replaced_by":null,"event_time":"2026-03-01T08:59:00Z","future_field":"ignored",
             "feedback":"VERY_NEGATIVE","feedback_reason":"Alice never kept bees",
             "sources":[{"event_id":"ev-1","message_index":0,"message_id":"m-1","speaker":"Alice","role":"user","timestamp":"2026-03-01T08:59:00Z"}]}""";

    private WireMock gateway;
    private Tokens.Person owner;
    private String org;

    @BeforeEach
    void orgWithAStubbedGateway() {
        gateway = GatewayStubResource.client();
        owner = Tokens.person("Browser");
        org = owner.request().get("/api/v1/me").then().statusCode(200).extract().jsonPath().getString("organisations[0].id");
    }

    private String path(String suffix) {
        return "/api/v1/orgs/" + org + "/projects/default/memories" + suffix;
    }

    /** Stubs {@code mapping} for requests of this test's organisation only, ahead of the defaults. */
    private void stub(com.github.tomakehurst.wiremock.client.MappingBuilder mapping) {
        gateway.register(mapping.withHeader("X-Engram-Org-Id", WireMock.equalTo(org)).atPriority(1));
    }

    @Test
    void listsTheProjectsEndUsersMostRecentFirstWithoutOtherEntities() {
        stub(get(urlEqualTo("/v1/entities/?page=1&page_size=1000")).willReturn(okJson("""
                {"count":3,"next":null,"previous":null,"total_users":2,"total_agents":1,"total_apps":0,"total_runs":0,"results":[
                 {"id":"bob","name":"bob","type":"user","total_memories":3,"created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-05T00:00:00Z"},
                 {"id":"helper","name":"helper","type":"agent","total_memories":9,"created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-09T00:00:00Z"},
                 {"id":"alice","name":"alice","type":"user","total_memories":1,"created_at":"2026-01-02T00:00:00Z","updated_at":"2026-01-07T00:00:00Z"}]}""")));

        owner.request().get(path("/users")).then().statusCode(200)
                .body("user_id", contains("alice", "bob")).body("memories", contains(1, 3))
                .body("[0].updated_at", equalTo("2026-01-07T00:00:00Z"));

        gateway.verifyThat(getRequestedFor(urlPathEqualTo("/v1/entities/"))
                .withHeader("Authorization", WireMock.equalTo("Token " + GatewayStubResource.API_KEY))
                .withHeader("X-Engram-Org-Id", WireMock.equalTo(org)).withHeader("X-Engram-Project-Id", WireMock.equalTo("default")));
    }

    @Test
    void pagesThroughAnEndUsersMemories() {
        stub(post(urlEqualTo("/v2/memories/?page=2&page_size=5")).withRequestBody(equalToJson("{\"filters\":{\"user_id\":\"alice\"},\"include_very_negative\":true}"))
                .willReturn(okJson("{\"count\":6,\"next\":null,\"previous\":\"http://gw/v2/memories/?page=1&page_size=5\",\"results\":[" + MEMORY + "]}")));

        owner.request().get(path("?user_id=alice&page=2&page_size=5")).then().statusCode(200)
                .body("count", equalTo(6)).body("page", equalTo(2)).body("page_size", equalTo(5))
                .body("results", hasSize(1)).body("results[0].id", equalTo(MEMORY_ID)).body("results[0].memory", equalTo("Alice keeps bees"))
                .body("results[0].categories", contains("hobbies")).body("results[0].metadata.hive", equalTo(2))
                .body("results[0].state", equalTo("active")).body("results[0].sources[0].speaker", equalTo("Alice"))
                .body("results[0].feedback", equalTo("VERY_NEGATIVE")).body("results[0].feedback_reason", equalTo("Alice never kept bees"));
    }

    @Test
    void showsOneMemoryWithItsSourcesAndHistory() {
        stub(get(urlEqualTo("/v1/memories/" + MEMORY_ID + "/")).willReturn(okJson(MEMORY)));
        stub(get(urlEqualTo("/v1/memories/" + MEMORY_ID + "/history/")).willReturn(okJson("""
                [{"id":"h1","memory_id":"22222222-2222-2222-2222-222222222222","old_memory":null,"new_memory":"Alice keeps a hive",
                  "event":"ADD","created_at":"2026-03-01T09:00:00Z","actor_id":"alice","role":"user","event_id":"ev-1","reason":null},
                 {"id":"h2","memory_id":"22222222-2222-2222-2222-222222222222","old_memory":"Alice keeps a hive","new_memory":"Alice keeps bees",
                  "event":"UPDATE","created_at":"2026-03-02T09:00:00Z","actor_id":"alice","role":"user","event_id":"ev-2","reason":"more precise",
                  "related_memory_id":null}]""")));

        owner.request().get(path("/" + MEMORY_ID)).then().statusCode(200)
                .body("memory", equalTo("Alice keeps bees")).body("event_time", equalTo("2026-03-01T08:59:00Z"))
                .body("sources[0].event_id", equalTo("ev-1")).body("sources[0].message_index", equalTo(0))
                .body("sources[0].role", equalTo("user")).body("sources[0].timestamp", equalTo("2026-03-01T08:59:00Z"))
                .body("feedback", equalTo("VERY_NEGATIVE")).body("feedback_reason", equalTo("Alice never kept bees"));
        owner.request().get(path("/" + MEMORY_ID + "/history")).then().statusCode(200)
                .body("event", contains("ADD", "UPDATE")).body("[1].old_memory", equalTo("Alice keeps a hive"))
                .body("[1].new_memory", equalTo("Alice keeps bees")).body("[1].reason", equalTo("more precise"))
                .body("[0].actor_id", equalTo("alice"));
    }

    @Test
    void searchesAnEndUsersMemories() {
        String hit = MEMORY.replace("\"state\"", "\"score\":0.87,\"state\"");
        stub(post(urlEqualTo("/v2/memories/search/"))
                .withRequestBody(equalToJson("{\"query\":\"bees\",\"filters\":{\"user_id\":\"alice\"},\"top_k\":3,\"include_very_negative\":true}"))
                .willReturn(okJson("[" + hit + "]")));

        owner.request().body(Map.of("user_id", "alice", "query", " bees ", "top_k", 3)).post(path("/search")).then().statusCode(200)
                .body("$", hasSize(1)).body("[0].score", equalTo(0.87f)).body("[0].id", equalTo(MEMORY_ID))
                .body("[0].feedback", equalTo("VERY_NEGATIVE"));
    }

    @Test
    void deletesAMemoryAtTheGateway() {
        stub(delete(urlEqualTo("/v1/memories/" + MEMORY_ID + "/")).willReturn(okJson("{\"message\":\"Memory deleted successfully!\"}")));

        owner.request().delete(path("/" + MEMORY_ID)).then().statusCode(204);

        gateway.verifyThat(1, deleteRequestedFor(urlEqualTo("/v1/memories/" + MEMORY_ID + "/"))
                .withHeader("Authorization", WireMock.equalTo("Token " + GatewayStubResource.API_KEY))
                .withHeader("X-Engram-Org-Id", WireMock.equalTo(org)).withHeader("X-Engram-Project-Id", WireMock.equalTo("default")));
    }

    @Test
    void mapsTheGatewaysRefusalsAndFailures() {
        stub(get(urlEqualTo("/v1/memories/" + MEMORY_ID + "/")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/problem+json").withBody("{\"status\":404,\"detail\":\"Memory not found!\"}")));
        problem(owner.request().get(path("/" + MEMORY_ID)), 404, "Memory not found!");

        stub(post(urlPathEqualTo("/v2/memories/search/")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/problem+json").withBody("{\"status\":400,\"detail\":\"top_k is too large for this gateway\"}")));
        problem(owner.request().body(Map.of("user_id", "alice", "query", "x")).post(path("/search")), 400, "top_k is too large for this gateway");

        stub(get(urlEqualTo("/v1/memories/" + MEMORY_ID + "/history/")).willReturn(aResponse().withStatus(500).withBody("boom")));
        problem(owner.request().get(path("/" + MEMORY_ID + "/history")), 503, "The api-gateway is unavailable; try again later");

        stub(get(urlPathEqualTo("/v1/entities/")).willReturn(aResponse().withStatus(403)
                .withBody("{\"detail\":\"These credentials lack the 'admin' scope\"}")));
        problem(owner.request().get(path("/users")), 503, "The api-gateway refused the dashboard's key: engram.dashboard.gateway.api-key must be an active key with the admin scope");

        stub(post(urlPathEqualTo("/v2/memories/")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        problem(owner.request().get(path("?user_id=alice")), 503, "The api-gateway is unavailable; try again later");

        stub(delete(urlEqualTo("/v1/memories/" + MEMORY_ID + "/")).willReturn(okJson("{}").withFixedDelay(4000)));
        problem(owner.request().delete(path("/" + MEMORY_ID)), 503, "The api-gateway is unavailable; try again later");
    }

    @Test
    void badInputIsRefusedBeforeTheGatewayIsCalled() {
        problem(owner.request().get(path("/not-a-uuid")), 400, "memory_id should be a valid UUID");
        problem(owner.request().delete(path("/not-a-uuid")), 400, "memory_id should be a valid UUID");
        problem(owner.request().get(path("")), 400, "user_id is required");
        problem(owner.request().get(path("?user_id=alice&page_size=101")), 400, "page_size must be between 1 and 100");
        problem(owner.request().get(path("?user_id=alice&page=0")), 400, "page must be 1 or more");
        problem(owner.request().body(Map.of("user_id", "alice", "query", "  ")).post(path("/search")), 400, "query must not be empty");
        problem(owner.request().body(Map.of("user_id", "alice", "query", "x", "top_k", 0)).post(path("/search")), 400,
                "top_k must be between 1 and 100");
        problem(owner.request().body(Map.of("query", "x")).post(path("/search")), 400, "user_id is required");

        gateway.verifyThat(0, anyRequestedFor(anyUrl()).withHeader("X-Engram-Org-Id", WireMock.equalTo(org)));
    }

    @Test
    void onlyLiveProjectsOfTheOrganisationCanBeBrowsed() {
        problem(owner.request().get("/api/v1/orgs/" + org + "/projects/no-such-project/memories/users"), 404, "Project not found");
        String doomed = owner.request().body(Map.of("name", "Doomed")).post("/api/v1/orgs/" + org + "/projects")
                .then().statusCode(201).extract().jsonPath().getString("id");
        owner.request().delete("/api/v1/orgs/" + org + "/projects/" + doomed).then().statusCode(204);
        problem(owner.request().get("/api/v1/orgs/" + org + "/projects/" + doomed + "/memories/" + MEMORY_ID), 404, "Project not found");

        Tokens.Person outsider = Tokens.person("Outsider");
        outsider.request().get("/api/v1/me").then().statusCode(200);
        problem(outsider.request().get(path("/users")), 404, "Organisation not found");

        gateway.verifyThat(0, anyRequestedFor(anyUrl()).withHeader("X-Engram-Org-Id", WireMock.equalTo(org)));
    }

    @Test
    void readersBrowseButOnlyMembersAndUpDelete() {
        Tokens.Person reader = invite("reader");
        Tokens.Person member = invite("member");
        reader.request().get(path("/users")).then().statusCode(200);
        reader.request().get(path("/" + MEMORY_ID)).then().statusCode(200);
        problem(reader.request().delete(path("/" + MEMORY_ID)), 403, "This needs the member role or higher; you are reader");
        assertThat(gateway.find(deleteRequestedFor(urlEqualTo("/v1/memories/" + MEMORY_ID + "/"))
                .withHeader("X-Engram-Org-Id", WireMock.equalTo(org)))).isEmpty();
        member.request().delete(path("/" + MEMORY_ID)).then().statusCode(204);
    }

    private Tokens.Person invite(String role) {
        Tokens.Person p = Tokens.person(role);
        owner.request().body(Map.of("email", p.email(), "role", role)).post("/api/v1/orgs/" + org + "/invitations").then().statusCode(201);
        p.request().get("/api/v1/me").then().statusCode(200);
        return p;
    }

    private static void problem(Response r, int status, String detail) {
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.jsonPath().getString("detail")).isEqualTo(detail);
    }
}
