package dev.engram.dashboard;

import dev.engram.core.tenant.ApiKey;
import dev.engram.core.domain.Tenant;
import dev.engram.core.tenant.JdbcApiKeyStore;
import dev.engram.core.tenant.ProjectDefaults;
import dev.engram.core.tenant.KeyScope;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/** Sign-up, invitations, the API key lifecycle and the error contract, on PostgreSQL with OIDC tokens. */
@QuarkusTest
@TestProfile(DashboardTestResources.class)
class SignUpAndKeysTest {

    @Inject
    DataSource platform;

    @Test
    void firstRequestCreatesOrganisationAndDefaultProjectOnce() {
        Tokens.Person alice = Tokens.person("Alice");
        Response first = alice.request().get("/api/v1/me").then().statusCode(200).extract().response();
        assertThat(first.jsonPath().getBoolean("signed_up")).isTrue();
        assertThat(first.jsonPath().getList("organisations")).hasSize(1);
        String orgId = first.jsonPath().getString("organisations[0].id");
        assertThat(first.jsonPath().getString("organisations[0].role")).isEqualTo("owner");
        assertThat(first.jsonPath().getString("organisations[0].name")).isEqualTo("Alice");

        Response second = alice.request().get("/api/v1/me").then().statusCode(200).extract().response();
        assertThat(second.jsonPath().getBoolean("signed_up")).isFalse();
        assertThat(second.jsonPath().getList("organisations.id")).containsExactly(orgId);
        assertThat(JdbcApiKeyStore.onManagedSchema(platform).projects(orgId))
                .singleElement().satisfies(p -> assertThat(p.tenant().projectId()).isEqualTo("default"));
        alice.request().get("/api/v1/orgs/" + orgId + "/projects").then().statusCode(200)
                .body("id", equalTo(List.of("default")));
    }

    @Test
    void concurrentFirstRequestsSignUpOnce() throws Exception {
        Tokens.Person bob = Tokens.person("Bob");
        String token = bob.token();
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return RestAssured.given().auth().oauth2(token).get("/api/v1/me").then().extract().response();
            }));
        }
        start.countDown();
        List<Response> responses = new ArrayList<>();
        for (CompletableFuture<Response> c : calls) responses.add(c.get());
        assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
        assertThat(responses.stream().filter(r -> r.jsonPath().getBoolean("signed_up"))).hasSize(1);
        assertThat(responses.stream().map(r -> r.jsonPath().getList("organisations.id")).distinct()).hasSize(1);
        assertThat(responses.getFirst().jsonPath().getList("organisations")).hasSize(1);
    }

    @Test
    void invitationBecomesMembershipAtFirstLoginOfVerifiedAddress() {
        Tokens.Person owner = Tokens.person("Olivia");
        String orgId = owner.request().get("/api/v1/me").jsonPath().getString("organisations[0].id");
        Tokens.Person carol = Tokens.person("Carol");
        owner.request().body(Map.of("email", carol.email().toUpperCase(), "role", "admin"))
                .post("/api/v1/orgs/" + orgId + "/invitations").then().statusCode(201)
                .body("email", equalTo(carol.email())).body("role", equalTo("admin"));
        owner.request().get("/api/v1/orgs/" + orgId + "/invitations").then().statusCode(200).body("email", equalTo(List.of(carol.email())));

        // An unverified address does not claim the invitation; the person gets an organisation of their own.
        Response unverified = carol.unverified().request().get("/api/v1/me").then().statusCode(200).extract().response();
        assertThat(unverified.jsonPath().getList("organisations.id")).doesNotContain(orgId);

        Response verified = carol.request().get("/api/v1/me").then().statusCode(200).extract().response();
        assertThat(verified.jsonPath().getInt("invitations_accepted")).isEqualTo(1);
        assertThat(verified.jsonPath().getList("organisations.id")).contains(orgId);
        carol.request().get("/api/v1/orgs/" + orgId).then().statusCode(200).body("role", equalTo("admin"));
        owner.request().get("/api/v1/orgs/" + orgId + "/invitations").then().statusCode(200).body("size()", equalTo(0));

        // Invited before their first request: the invitation is their organisation, no other is created.
        Tokens.Person dave = Tokens.person("Dave");
        owner.request().body(Map.of("email", dave.email(), "role", "reader")).post("/api/v1/orgs/" + orgId + "/invitations")
                .then().statusCode(201);
        Response daveMe = dave.request().get("/api/v1/me").then().statusCode(200).extract().response();
        assertThat(daveMe.jsonPath().getBoolean("signed_up")).isFalse();
        assertThat(daveMe.jsonPath().getList("organisations.id")).containsExactly(orgId);
        assertThat(daveMe.jsonPath().getString("organisations[0].role")).isEqualTo("reader");
    }

    @Test
    void createdKeyAuthenticatesUntilRevoked() {
        Tokens.Person owner = Tokens.person("Kim");
        String orgId = owner.request().get("/api/v1/me").jsonPath().getString("organisations[0].id");
        String keys = "/api/v1/orgs/" + orgId + "/projects/default/keys";
        Response created = owner.request().body(Map.of("name", "support bot", "scopes", List.of("read", "write")))
                .post(keys).then().statusCode(201).extract().response();
        String text = created.jsonPath().getString("key");
        String id = created.jsonPath().getString("id");
        assertThat(text).startsWith("eng_").startsWith(created.jsonPath().getString("prefix"));

        JdbcApiKeyStore store = JdbcApiKeyStore.onManagedSchema(platform);
        Optional<ApiKey> found = store.findByKey(text);
        assertThat(found).hasValueSatisfying(k -> {
            assertThat(k.active()).isTrue();
            assertThat(k.tenant().orgId()).isEqualTo(orgId);
            assertThat(k.tenant().projectId()).isEqualTo("default");
            assertThat(k.scopes()).containsExactlyInAnyOrder(KeyScope.READ, KeyScope.WRITE);
            assertThat(k.userEmail()).isEqualTo(owner.email());
        });

        owner.request().get(keys).then().statusCode(200)
                .body("[0].id", equalTo(id)).body("[0].active", equalTo(true)).body("[0]", not(hasKey("key")))
                .body("[0].scopes", equalTo(List.of("read", "write"))).body("[0].created_at", notNullValue());

        owner.request().delete(keys + "/" + id).then().statusCode(200).body("active", equalTo(false)).body("revoked_at", notNullValue());
        assertThat(store.findByKey(text)).hasValueSatisfying(k -> assertThat(k.active()).isFalse());

        // Deleting the project revokes the rest of its keys and hides it.
        String other = owner.request().body(Map.of("name", "scratch", "scopes", List.of("read"))).post(keys)
                .then().statusCode(201).extract().jsonPath().getString("key");
        owner.request().delete("/api/v1/orgs/" + orgId + "/projects/default").then().statusCode(204);
        assertThat(store.findByKey(other)).hasValueSatisfying(k -> assertThat(k.active()).isFalse());
        owner.request().get("/api/v1/orgs/" + orgId + "/projects").then().statusCode(200).body("size()", equalTo(0));
        owner.request().get(keys).then().statusCode(404);
    }

    @Test
    void aKeysDefaultUserRoundTripsAndIsValidated() {
        Tokens.Person owner = Tokens.person("Dee");
        String orgId = owner.request().get("/api/v1/me").jsonPath().getString("organisations[0].id");
        String keys = "/api/v1/orgs/" + orgId + "/projects/default/keys";
        Response created = owner.request().body(Map.of("name", "mcp", "scopes", List.of("read", "write"), "default_user_id", " dee-42 "))
                .post(keys).then().statusCode(201).body("default_user_id", equalTo("dee-42")).extract().response();
        String id = created.jsonPath().getString("id");
        JdbcApiKeyStore store = JdbcApiKeyStore.onManagedSchema(platform);
        assertThat(store.findByKey(created.jsonPath().getString("key"))).hasValueSatisfying(k -> assertThat(k.defaultUserId()).isEqualTo("dee-42"));
        owner.request().get(keys).then().statusCode(200).body("find { it.id == '" + id + "' }.default_user_id", equalTo("dee-42"));

        owner.request().body(Map.of("default_user_id", "someone@example.com")).patch(keys + "/" + id).then().statusCode(200)
                .body("default_user_id", equalTo("someone@example.com"));
        assertThat(store.findById(java.util.UUID.fromString(id))).hasValueSatisfying(k -> assertThat(k.defaultUserId()).isEqualTo("someone@example.com"));

        for (String bad : List.of("two words", "tab\tinside", "*", "u".repeat(257))) {
            owner.request().body(Map.of("default_user_id", bad)).patch(keys + "/" + id).then().statusCode(400)
                    .contentType("application/problem+json").body("detail", org.hamcrest.Matchers.containsString("default_user_id"));
            owner.request().body(Map.of("name", "bad", "scopes", List.of("read"), "default_user_id", bad)).post(keys).then().statusCode(400)
                    .contentType("application/problem+json");
        }
        owner.request().body(Map.of("default_user_id", "")).patch(keys + "/" + id).then().statusCode(200)
                .body("default_user_id", org.hamcrest.Matchers.nullValue());
        assertThat(store.findById(java.util.UUID.fromString(id))).hasValueSatisfying(k -> assertThat(k.defaultUserId()).isNull());
        owner.request().body(Map.of("default_user_id", "x")).patch(keys + "/" + java.util.UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void unauthenticatedRequestsAre401Problems() {
        RestAssured.given().get("/api/v1/me").then().statusCode(401).contentType("application/problem+json")
                .body("status", equalTo(401)).body("detail", notNullValue());
        RestAssured.given().get("/api/v1/orgs").then().statusCode(401);
        RestAssured.given().auth().oauth2("not-a-token").get("/api/v1/me").then().statusCode(401);
    }

    static Stream<Object[]> invalidSettings() {
        String big = "x".repeat(8 * 1024 + 1);
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i < 51; i++) tooMany.add("c" + i);
        List<Map<String, Object>> hooks = new ArrayList<>();
        for (int i = 0; i < 11; i++) hooks.add(Map.of("url", "https://h" + i + ".example.com/x", "events", List.of("memory.created")));
        return Stream.of(
                new Object[]{"instructions over 8 KB", Map.of("custom_instructions", big), "custom_instructions"},
                new Object[]{"51 categories", Map.of("categories", tooMany), "categories"},
                new Object[]{"duplicate category", Map.of("categories", List.of("food", "Food")), "categories"},
                new Object[]{"0 days", Map.of("default_expiration_days", 0), "default_expiration_days"},
                new Object[]{"3651 days", Map.of("default_expiration_days", 3651), "default_expiration_days"},
                new Object[]{"unknown mode", Map.of("extraction_mode", "magic"), "extraction_mode"},
                new Object[]{"llm profile not configured", Map.of("llm_profile", "gpt-9"), "'gpt-9' is not a configured LLM profile"},
                new Object[]{"llm profile with a space", Map.of("llm_profile", "my profile"), "llm_profile"},
                new Object[]{"llm profile of 65 characters", Map.of("llm_profile", "p".repeat(65)), "llm_profile"},
                new Object[]{"http webhook", Map.of("webhooks", List.of(Map.of("url", "http://hooks.example.com/x"))), "https"},
                new Object[]{"11 webhooks", Map.of("webhooks", hooks), "webhooks"},
                new Object[]{"unknown field", Map.of("colour", "red"), "colour"},
                new Object[]{"wrong type", Map.of("default_expiration_days", "soon"), "default_expiration_days"});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSettings")
    void invalidSettingsAre400Problems(String name, Map<String, Object> body, String mentioned) {
        Tokens.Person owner = Tokens.person("Sam");
        String orgId = owner.request().get("/api/v1/me").jsonPath().getString("organisations[0].id");
        owner.request().body(body).put("/api/v1/orgs/" + orgId + "/projects/default/settings").then()
                .statusCode(400).contentType("application/problem+json").body("status", equalTo(400))
                .body("detail", org.hamcrest.Matchers.containsString(mentioned));
    }

    @Test
    void validSettingsRoundTrip() {
        Tokens.Person owner = Tokens.person("Val");
        String orgId = owner.request().get("/api/v1/me").jsonPath().getString("organisations[0].id");
        String path = "/api/v1/orgs/" + orgId + "/projects/default/settings";
        owner.request().get(path).then().statusCode(200).body("extraction_mode", equalTo("llm")).body("categories.size()", equalTo(0));
        owner.request().body(Map.of("custom_instructions", "Remember food preferences", "categories", List.of("food", "travel"),
                        "extraction_mode", "llm", "llm_provider", "openai", "llm_model", "gpt-4o-mini", "default_expiration_days", 30,
                        "webhooks", List.of(Map.of("url", "https://hooks.example.com/engram", "events", List.of("memory.created")),
                                Map.of("url", "http://localhost:9000/hook", "events", List.of()))))
                .put(path).then().statusCode(200);
        owner.request().get(path).then().statusCode(200)
                .body("extraction_mode", equalTo("llm")).body("categories", equalTo(List.of("food", "travel")))
                .body("default_expiration_days", equalTo(30)).body("webhooks[0].url", equalTo("https://hooks.example.com/engram"))
                .body("webhooks[1].url", equalTo("http://localhost:9000/hook")).body("updated_at", notNullValue());
        // The engine's subset reaches the platform's project, where the gateways read it for the project's adds.
        Map<String, String> categories = new LinkedHashMap<>();
        categories.put("food", "");
        categories.put("travel", "");
        assertThat(platformDefaults(orgId)).isEqualTo(new ProjectDefaults("Remember food preferences", categories, 30, false));

        owner.request().body(Map.of("extraction_mode", "offline")).put(path).then().statusCode(200);
        assertThat(platformDefaults(orgId)).isEqualTo(new ProjectDefaults(null, null, null, true));
    }

    @Test
    void anLlmProfileRoundTripsAndReachesTheEngine() {
        Tokens.Person owner = Tokens.person("Lin");
        String orgId = owner.request().get("/api/v1/me").jsonPath().getString("organisations[0].id");
        String path = "/api/v1/orgs/" + orgId + "/projects/default/settings";
        owner.request().get("/api/v1/orgs/" + orgId + "/projects/default/llm-profiles").then().statusCode(200)
                .body("profiles", equalTo(List.of("claude", "fast")));
        owner.request().get(path).then().statusCode(200).body("llm_profile", org.hamcrest.Matchers.nullValue());

        owner.request().body(Map.of("llm_profile", " claude ")).put(path).then().statusCode(200).body("llm_profile", equalTo("claude"));

        owner.request().get(path).then().statusCode(200).body("llm_profile", equalTo("claude"));
        assertThat(platformDefaults(orgId)).isEqualTo(new ProjectDefaults(null, null, null, false, "claude"));
        // A refused profile changes nothing.
        owner.request().body(Map.of("llm_profile", "gpt-9")).put(path).then().statusCode(400);
        assertThat(platformDefaults(orgId).llmProfile()).isEqualTo("claude");
        // Leaving it out is the default LLM again.
        owner.request().body(Map.of("custom_instructions", "Be brief.")).put(path).then().statusCode(200);
        assertThat(platformDefaults(orgId).llmProfile()).isNull();
    }

    /** One source of truth: what a Mem0 client's updateProject writes (the platform's project row) is what the console shows. */
    @Test
    void theConsoleShowsTheEngineSettingsTheProjectHolds() {
        Tokens.Person owner = Tokens.person("Uma");
        String orgId = owner.request().get("/api/v1/me").jsonPath().getString("organisations[0].id");
        String path = "/api/v1/orgs/" + orgId + "/projects/default/settings";
        owner.request().body(Map.of("custom_instructions", "Old", "llm_model", "gpt-4o-mini")).put(path).then().statusCode(200);

        Map<String, String> categories = new LinkedHashMap<>();
        categories.put("drinks", "what the user drinks");
        JdbcApiKeyStore.onManagedSchema(platform).updateDefaults(Tenant.of(orgId, "default"),
                new ProjectDefaults("Keep drinks only.", categories, 7, true), java.time.Instant.now());

        owner.request().get(path).then().statusCode(200)
                .body("custom_instructions", equalTo("Keep drinks only.")).body("categories", equalTo(List.of("drinks")))
                .body("default_expiration_days", equalTo(7)).body("extraction_mode", equalTo("offline"))
                .body("llm_model", equalTo("gpt-4o-mini"));
    }

    private ProjectDefaults platformDefaults(String orgId) {
        return JdbcApiKeyStore.onManagedSchema(platform).project(Tenant.of(orgId, "default")).orElseThrow().defaults();
    }

    @Test
    void otherBadInputIs4xxProblem() {
        Tokens.Person owner = Tokens.person("Bea");
        String orgId = owner.request().get("/api/v1/me").jsonPath().getString("organisations[0].id");
        String base = "/api/v1/orgs/" + orgId;
        owner.request().body(Map.of("email", "not-an-address")).post(base + "/invitations").then().statusCode(400)
                .contentType("application/problem+json");
        owner.request().body(Map.of("email", "x@example.com", "role", "emperor")).post(base + "/invitations").then().statusCode(400);
        owner.request().body(Map.of("name", "k", "scopes", List.of("fly"))).post(base + "/projects/default/keys").then().statusCode(400);
        owner.request().body(Map.of("name", "k", "scopes", List.of())).post(base + "/projects/default/keys").then().statusCode(400);
        owner.request().body("{not json").post(base + "/projects").then().statusCode(400).contentType("application/problem+json");
        owner.request().post(base + "/projects").then().statusCode(400);
        owner.request().body(Map.of("name", "Bad", "project_id", "Has Spaces")).post(base + "/projects").then().statusCode(400);
        owner.request().body(Map.of("name", "Dup", "project_id", "default")).post(base + "/projects").then().statusCode(409);
        owner.request().get(base + "/projects/missing/keys").then().statusCode(404).contentType("application/problem+json");
        owner.request().delete(base + "/members/" + owner.subject()).then().statusCode(409);
        RestAssured.given().auth().oauth2(owner.token()).contentType(ContentType.JSON).body(Map.of("name", " "))
                .patch(base).then().statusCode(400);
    }
}
