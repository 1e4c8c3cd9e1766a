package dev.engram.dashboard;

import dev.engram.core.domain.Tenant;
import dev.engram.core.usage.UsageEvent;
import dev.engram.core.usage.UsageEventCodec;
import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The standalone build's own doors, in the standalone profile (same boot as {@link StandaloneProfileTest}): the local
 * administrator's sign-in link and session cookie, and usage events delivered over HTTP.
 */
@QuarkusTest
@TestProfile(StandaloneProfileTest.Standalone.class)
class StandaloneSignInAndUsageTest {

    @Inject
    @DataSource("dashboard")
    AgroalDataSource dashboard;

    @Test
    void theConsoleSendsAVisitorWithoutASessionToTheSignInExplanation() {
        given().redirects().follow(false).get("/console/").then().statusCode(302).header("Location", "/local-sign-in.html");
        given().get("/local-sign-in.html").then().statusCode(200);
        given().header("X-Requested-With", "JavaScript").get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void aWrongTokenIsRefusedAndTheRightOneSetsASessionForTheConsole() {
        given().redirects().follow(false).queryParam("token", "wrong").get("/local-sign-in").then().statusCode(401)
                .header("Set-Cookie", (String) null);
        given().redirects().follow(false).get("/local-sign-in").then().statusCode(401);

        Response signIn = given().redirects().follow(false).queryParam("token", StandaloneProfileTest.LOCAL_ADMIN_TOKEN).get("/local-sign-in");
        assertThat(signIn.statusCode()).isEqualTo(303);
        assertThat(signIn.header("Location")).isEqualTo("/console/");
        assertThat(signIn.header("Cache-Control")).isEqualTo("no-store");
        String setCookie = signIn.header("Set-Cookie");
        assertThat(setCookie).contains("engram_local_session=").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax")
                .doesNotContain(StandaloneProfileTest.LOCAL_ADMIN_TOKEN);
        String session = signIn.getCookie("engram_local_session");

        given().redirects().follow(false).cookie("engram_local_session", session).get("/console/").then().statusCode(200);
        // The session is a console session: API calls with it need the console's header (cross-site request forgery).
        given().cookie("engram_local_session", session).get("/api/v1/orgs").then().statusCode(403);
        given().cookie("engram_local_session", session).header("X-Requested-With", "JavaScript").get("/api/v1/orgs").then().statusCode(200);
        given().cookie("engram_local_session", session + "x").header("X-Requested-With", "JavaScript").get("/api/v1/orgs").then().statusCode(401);

        Response signOut = given().redirects().follow(false).cookie("engram_local_session", session).get("/console/sign-out");
        assertThat(signOut.statusCode()).isEqualTo(303);
        assertThat(signOut.header("Location")).isEqualTo("/signed-out.html");
        assertThat(signOut.header("Set-Cookie")).contains("engram_local_session=").containsIgnoringCase("Max-Age=0");
    }

    @Test
    void usageEventsOverHttpNeedTheSecretAndTheirTypeAndAreRolledUp() throws Exception {
        Tenant tenant = Tenant.of("org-" + UUID.randomUUID(), "default");
        Instant at = Instant.parse("2026-03-01T09:30:00Z");
        List<UsageEvent> events = List.of(
                UsageEvent.request(tenant, at, UsageEvent.Operation.ADD, "POST /v1/memories/", 200, 12, "alice", 0, 40),
                UsageEvent.request(tenant, at, UsageEvent.Operation.SEARCH, "POST /v2/memories/search/", 200, 7, "bob", 25, 0));
        byte[] body = UsageEventCodec.encodeBatch(events);

        given().header("Authorization", "Bearer wrong").contentType(UsageEventCodec.BATCH_CONTENT_TYPE).body(body)
                .post("/internal/usage").then().statusCode(401);
        given().header("Authorization", "Bearer " + StandaloneProfileTest.USAGE_TOKEN).contentType("application/json").body(body)
                .post("/internal/usage").then().statusCode(415);
        assertThat(requests(tenant)).isZero();

        given().header("Authorization", "Bearer " + StandaloneProfileTest.USAGE_TOKEN).contentType(UsageEventCodec.BATCH_CONTENT_TYPE)
                .body(body).post("/internal/usage").then().statusCode(204);
        assertThat(requests(tenant)).isEqualTo(2);
    }

    private long requests(Tenant tenant) throws Exception {
        try (Connection c = dashboard.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COALESCE(SUM(requests), 0) FROM dashboard.usage_hourly WHERE org_id = ?")) {
            ps.setString(1, tenant.orgId());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
