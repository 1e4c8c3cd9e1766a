package dev.engram.dashboard;

import dev.engram.dashboard.memories.GatewayStubResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The audit log of administrative actions (docs/security.md#audit-log): every key created and revoked, project created
 * and deleted, invitation, member joined, role changed and member removed is recorded with who did it, newest first,
 * readable by owners only ({@code GET /api/v1/orgs/{org}/audit}; the role matrix checks the other roles get 403).
 * Also: the console's project deletion has the gateway erase the project's data
 * ({@code DELETE /api/v1/admin/projects/{org}/{project}}, proven against a real gateway by the gateway's
 * ProjectDeletionTest).
 */
@QuarkusTest
@TestProfile(DashboardTestResources.class)
class AuditLogTest {

    @Test
    void everyAdministrativeActionIsRecordedForTheOwners() {
        Tokens.Person owner = Tokens.person("Olga");
        String org = owner.request().get("/api/v1/me").then().statusCode(200).extract().jsonPath().getString("organisations[0].id");
        String base = "/api/v1/orgs/" + org;

        owner.request().body(Map.of("name", "Audited", "project_id", "audited")).post(base + "/projects").then().statusCode(201);
        JsonPath key = owner.request().body(Map.of("name", "bot", "scopes", List.of("read", "write")))
                .post(base + "/projects/audited/keys").then().statusCode(201).extract().jsonPath();
        owner.request().delete(base + "/projects/audited/keys/" + key.getString("id")).then().statusCode(200);
        Tokens.Person bea = Tokens.person("Bea");
        owner.request().body(Map.of("email", bea.email(), "role", "reader")).post(base + "/invitations").then().statusCode(201);
        bea.request().get("/api/v1/me").then().statusCode(200);
        owner.request().body(Map.of("role", "admin")).patch(base + "/members/" + bea.subject()).then().statusCode(200);
        owner.request().delete(base + "/members/" + bea.subject()).then().statusCode(204);
        owner.request().delete(base + "/projects/audited").then().statusCode(204);

        JsonPath log = owner.request().get(base + "/audit").then().statusCode(200).extract().jsonPath();
        assertThat(log.getList("results.action", String.class)).containsExactly(
                "project.deleted", "member.removed", "member.role_changed", "member.joined", "member.invited", "key.revoked",
                "key.created", "project.created", "project.created", "organisation.created");
        assertThat(log.getInt("count")).isEqualTo(10);
        List<Map<String, Object>> entries = log.getList("results");
        String prefix = key.getString("prefix");
        assertThat(entries.get(0)).containsEntry("target", "audited").containsEntry("actor_subject", owner.subject())
                .containsEntry("actor_email", owner.email());
        assertThat((String) entries.get(0).get("detail")).contains("memories, history and events erased");
        assertThat(entries.get(1)).containsEntry("target", bea.email()).containsEntry("detail", "role admin");
        assertThat(entries.get(2)).containsEntry("target", bea.email()).containsEntry("detail", "reader → admin");
        assertThat(entries.get(3)).containsEntry("actor_subject", bea.subject());
        assertThat(entries.get(5)).containsEntry("target", "audited: " + prefix + "… \"bot\"");
        assertThat(entries.get(6)).containsEntry("detail", "scopes read,write");
        assertThat(entries).allSatisfy(e -> assertThat(e.get("at")).isNotNull());
        // The key's text is never in the log, only its prefix.
        assertThat(owner.request().get(base + "/audit").asString()).doesNotContain(key.getString("key"));

        owner.request().get(base + "/audit?page=2&page_size=4").then().statusCode(200)
                .body("count", equalTo(10)).body("results.size()", equalTo(4)).body("results[0].action", equalTo("member.invited"));
        owner.request().get(base + "/audit?page_size=201").then().statusCode(400);
        // The deletion had the gateway revoke the keys and erase the memories, history and events.
        GatewayStubResource.client().verifyThat(1, deleteRequestedFor(urlEqualTo("/api/v1/admin/projects/" + org + "/audited")));
    }

    @Test
    void anActionThatFailsRecordsNothingAndOtherOrganisationsSeeNothing() {
        Tokens.Person owner = Tokens.person("Pia");
        String org = owner.request().get("/api/v1/me").then().statusCode(200).extract().jsonPath().getString("organisations[0].id");
        String base = "/api/v1/orgs/" + org;
        int before = owner.request().get(base + "/audit").then().statusCode(200).extract().jsonPath().getInt("count");
        owner.request().body(Map.of("name", "Twin", "project_id", "default")).post(base + "/projects").then().statusCode(409);
        owner.request().body(Map.of("role", "admin")).patch(base + "/members/nobody").then().statusCode(404);
        owner.request().get(base + "/audit").then().statusCode(200).body("count", equalTo(before));

        Tokens.Person stranger = Tokens.person("Quinn");
        stranger.request().get("/api/v1/me").then().statusCode(200);
        stranger.request().get(base + "/audit").then().statusCode(404);
    }
}
