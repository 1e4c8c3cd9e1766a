package dev.engram.dashboard.exports;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.engram.dashboard.DashboardTestResources;
import dev.engram.dashboard.Tokens;
import dev.engram.dashboard.memories.GatewayStubResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The console's memory export against a stand-in gateway ({@link GatewayStubResource}): starting one sends the
 * gateway's {@code POST /v1/exports/} as the project (every end user, or one), the progress bar's polls and the download
 * pass the gateway's answers through (the file as an attachment), unknown ids are 404s, and who may do what.
 */
@QuarkusTest
@TestProfile(DashboardTestResources.class)
class ProjectExportsTest {

    private static final String EXPORT_ID = "33333333-3333-4333-8333-333333333333";

    private WireMock gateway;
    private Tokens.Person owner;
    private String org;

    @BeforeEach
    void orgWithAStubbedGateway() {
        gateway = GatewayStubResource.client();
        owner = Tokens.person("Exporter");
        org = owner.request().get("/api/v1/me").then().statusCode(200).extract().jsonPath().getString("organisations[0].id");
    }

    private String path(String suffix) {
        return "/api/v1/orgs/" + org + "/projects/default/exports" + suffix;
    }

    private void stub(com.github.tomakehurst.wiremock.client.MappingBuilder mapping) {
        gateway.register(mapping.withHeader("X-Engram-Org-Id", WireMock.equalTo(org)).atPriority(1));
    }

    @Test
    void startingAnExportAsksTheGatewayForEveryEndUsersMemoriesAsTheProject() {
        stub(post(urlEqualTo("/v1/exports/")).willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Memory export request received. The export will be ready in a few seconds.\",\"id\":\"" + EXPORT_ID + "\"}")));

        owner.request().body(Map.of()).post(path("")).then().statusCode(201).body("id", equalTo(EXPORT_ID));
        owner.request().body(Map.of("user_id", "alice")).post(path("")).then().statusCode(201);

        gateway.verifyThat(1, postRequestedFor(urlEqualTo("/v1/exports/"))
                .withHeader("X-Engram-Org-Id", WireMock.equalTo(org)).withHeader("X-Engram-Project-Id", WireMock.equalTo("default"))
                .withRequestBody(equalToJson("{\"schema\":{},\"filters\":{\"OR\":[{\"user_id\":\"*\"},{\"agent_id\":\"*\"},"
                        + "{\"app_id\":\"*\"},{\"run_id\":\"*\"}]}}")));
        gateway.verifyThat(1, postRequestedFor(urlEqualTo("/v1/exports/")).withHeader("X-Engram-Org-Id", WireMock.equalTo(org))
                .withRequestBody(equalToJson("{\"schema\":{},\"filters\":{\"user_id\":\"alice\"}}")));
    }

    @Test
    void theProgressBarsPollsAndTheDownloadPassTheGatewaysAnswersThrough() {
        stub(get(urlEqualTo("/v1/exports/" + EXPORT_ID + "/")).willReturn(okJson(
                "{\"id\":\"" + EXPORT_ID + "\",\"status\":\"RUNNING\",\"processed\":200,\"total\":450,\"progress\":0.444}")));
        stub(get(urlEqualTo("/v1/exports/?limit=10")).willReturn(okJson("[{\"id\":\"" + EXPORT_ID + "\",\"status\":\"RUNNING\"}]")));
        stub(get(urlEqualTo("/v1/exports/" + EXPORT_ID + "/download/")).willReturn(okJson(
                "{\"engram_export\":1,\"count\":1,\"memories\":[{\"id\":\"m\",\"memory\":\"Alice keeps bees\",\"metadata\":{\"Hive_Count\":2}}]}")));

        owner.request().get(path("/" + EXPORT_ID)).then().statusCode(200).body("status", equalTo("RUNNING"))
                .body("processed", equalTo(200)).body("total", equalTo(450));
        owner.request().get(path("")).then().statusCode(200).body("[0].id", equalTo(EXPORT_ID));
        owner.request().get(path("/" + EXPORT_ID + "/download")).then().statusCode(200)
                .header("Content-Disposition", containsString("attachment; filename=\"engram-export-default-" + EXPORT_ID + ".json\""))
                .body("memories[0].memory", equalTo("Alice keeps bees")).body("memories[0].metadata.Hive_Count", equalTo(2));
    }

    @Test
    void unknownExportsAreNotFound() {
        stub(get(urlEqualTo("/v1/exports/" + EXPORT_ID + "/")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/problem+json").withBody("{\"status\":404,\"detail\":\"No memory export request found\"}")));

        problem(owner.request().get(path("/" + EXPORT_ID)), 404, "No memory export request found");
        problem(owner.request().get(path("/not-a-uuid")), 404, "No memory export request found");
        owner.request().get("/api/v1/orgs/" + org + "/projects/nope/exports/" + EXPORT_ID).then().statusCode(404);
    }

    @Test
    void readersFollowExportsButOnlyMembersAndUpStartOrDownloadThem() {
        stub(get(urlEqualTo("/v1/exports/" + EXPORT_ID + "/")).willReturn(okJson("{\"id\":\"" + EXPORT_ID + "\",\"status\":\"PENDING\"}")));
        Tokens.Person reader = Tokens.person("reader");
        owner.request().body(Map.of("email", reader.email(), "role", "reader")).post("/api/v1/orgs/" + org + "/invitations").then().statusCode(201);
        reader.request().get("/api/v1/me").then().statusCode(200);

        reader.request().get(path("/" + EXPORT_ID)).then().statusCode(200);
        problem(reader.request().body(Map.of()).post(path("")), 403, "This needs the member role or higher; you are reader");
        problem(reader.request().get(path("/" + EXPORT_ID + "/download")), 403, "This needs the member role or higher; you are reader");
        assertThat(gateway.find(postRequestedFor(urlEqualTo("/v1/exports/")).withHeader("X-Engram-Org-Id", WireMock.equalTo(org)))).isEmpty();
    }

    private static void problem(Response r, int status, String detail) {
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.jsonPath().getString("detail")).isEqualTo(detail);
    }
}
