package dev.engram.gateway;

import dev.engram.core.domain.Tenant;
import dev.engram.core.tenant.ApiKeyStore;
import dev.engram.core.tenant.ProjectDefaults;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.engram.gateway.Api.admin;
import static dev.engram.gateway.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * Named LLM profiles chosen per project: two projects whose {@code llm_profile} names two profiles (an OpenAI-wire and
 * an Anthropic-wire server) get their adds extracted by their own provider; a name that is not configured is a 400 when
 * set through the admin API or Mem0's {@code updateProject}; a stored name whose profile was removed falls back to the
 * default LLM (here none: the offline extractor), never a 500.
 */
@QuarkusTest
@TestProfile(LlmProfilesRouteTest.TwoProfiles.class)
class LlmProfilesRouteTest {

    /** Profiles {@code fast} (OpenAI wire) and {@code claude} (Anthropic wire); no default LLM. */
    public static class TwoProfiles implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(LlmStubsResource.class), new TestResourceEntry(TempDataDirResource.class));
        }
    }

    private static final String ORG = "org-llm-profiles";

    @Inject
    ApiKeyStore directory;

    @Test
    void eachProjectsAddsAreExtractedByItsOwnProfile() {
        Project fast = newProject();
        Project claude = newProject();
        admin().body(Map.of("llm_profile", "fast")).put(defaultsPath(fast)).then().statusCode(200).body("llm_profile", equalTo("fast"));
        // The second project picks its profile through Mem0's updateProject, with its own key.
        as(claude.key()).body(Map.of("llm_profile", "claude")).patch(projectPath(claude)).then().statusCode(200);
        as(claude.key()).get(projectPath(claude)).then().statusCode(200).body("llm_profile", equalTo("claude"));
        int openAiBefore = LlmStubsResource.OPENAI_REQUESTS.size();
        int anthropicBefore = LlmStubsResource.ANTHROPIC_REQUESTS.size();

        List<Map<String, Object>> fastMemories = addAndList(fast.key(), "ann", "I drink green tea every morning.");
        List<Map<String, Object>> claudeMemories = addAndList(claude.key(), "ben", "I play the cello on weekends.");

        assertThat(fastMemories).extracting(m -> m.get("memory")).containsExactly(LlmStubsResource.OPENAI_FACT);
        assertThat(claudeMemories).extracting(m -> m.get("memory")).containsExactly(LlmStubsResource.ANTHROPIC_FACT);
        assertThat(LlmStubsResource.OPENAI_REQUESTS.subList(openAiBefore, LlmStubsResource.OPENAI_REQUESTS.size()))
                .singleElement().satisfies(b -> {
                    assertThat(b.path("model").asText()).isEqualTo("fast-model");
                    assertThat(b.toString()).contains("green tea").doesNotContain("cello");
                });
        assertThat(LlmStubsResource.ANTHROPIC_REQUESTS.subList(anthropicBefore, LlmStubsResource.ANTHROPIC_REQUESTS.size()))
                .singleElement().satisfies(b -> {
                    assertThat(b.path("model").asText()).isEqualTo("claude-model");
                    assertThat(b.toString()).contains("cello").doesNotContain("green tea");
                });
    }

    @Test
    void anUnknownProfileIsRefusedWithAProblem() {
        Project p = newProject();
        admin().get("/api/v1/admin/llm-profiles/").then().statusCode(200).body("profiles", equalTo(List.of("claude", "fast")));

        admin().body(Map.of("llm_profile", "gpt-9")).put(defaultsPath(p)).then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(400))
                .body("detail", containsString("'gpt-9' is not a configured LLM profile"))
                .body("detail", containsString("claude, fast"));
        as(p.key()).body(Map.of("llm_profile", "gpt-9")).patch(projectPath(p)).then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("'gpt-9' is not a configured LLM profile"));
        admin().body(Map.of("llm_profile", 7)).put(defaultsPath(p)).then().statusCode(400);

        as(p.key()).get(projectPath(p)).then().statusCode(200).body("llm_profile", nullValue());
        // null clears it: the default LLM again
        as(p.key()).body(Map.of("llm_profile", "fast")).patch(projectPath(p)).then().statusCode(200);
        Map<String, Object> clear = new LinkedHashMap<>();
        clear.put("llm_profile", null);
        as(p.key()).body(clear).patch(projectPath(p)).then().statusCode(200);
        as(p.key()).get(projectPath(p)).then().statusCode(200).body("llm_profile", nullValue());
    }

    @Test
    void aProfileRemovedFromTheConfigurationFallsBackToTheDefault() {
        Project p = newProject();
        // As if the project chose "retired" while a gateway was configured with it: stored directly, never validated.
        directory.updateDefaults(Tenant.of(ORG, p.id()), new ProjectDefaults(null, null, null, false, "retired"), Instant.now());
        int calls = LlmStubsResource.OPENAI_REQUESTS.size() + LlmStubsResource.ANTHROPIC_REQUESTS.size();

        List<Map<String, Object>> memories = addAndList(p.key(), "cat", "I am allergic to shellfish.");

        assertThat(memories).isNotEmpty().anySatisfy(m -> assertThat((String) m.get("memory")).contains("shellfish"));
        assertThat(LlmStubsResource.OPENAI_REQUESTS.size() + LlmStubsResource.ANTHROPIC_REQUESTS.size()).isEqualTo(calls);
    }

    private record Project(String id, String key) {
    }

    private static Project newProject() {
        String project = "p" + UUID.randomUUID().toString().substring(0, 8);
        admin().body(Map.of("org_id", ORG, "project_id", project, "name", "llm")).post("/api/v1/admin/projects/").then().statusCode(201);
        String key = admin().body(Map.of("org_id", ORG, "project_id", project, "name", "k", "scopes", List.of("read", "write")))
                .post("/api/v1/admin/keys/").then().statusCode(201).extract().path("key");
        return new Project(project, key);
    }

    private static String defaultsPath(Project p) {
        return "/api/v1/admin/projects/" + ORG + "/" + p.id() + "/defaults/";
    }

    private static String projectPath(Project p) {
        return "/api/v1/orgs/organizations/" + ORG + "/projects/" + p.id() + "/";
    }

    /** Adds synchronously with extraction and lists the user's memories. */
    private static List<Map<String, Object>> addAndList(String key, String userId, String text) {
        as(key).body(Map.of("messages", text, "user_id", userId, "async_mode", false, "output_format", "v1.1"))
                .post("/v1/memories/").then().statusCode(200);
        return as(key).get("/v1/memories/?user_id=" + userId).then().statusCode(200).extract().jsonPath().getList("$");
    }

    /** A user profile's summary is written by the project's own LLM profile; a project without one gets none. */
    @Test
    void aUserProfilesSummaryIsWrittenByTheProjectsLlmProfile() throws Exception {
        Project claude = newProject();
        Project plain = newProject();
        admin().body(Map.of("llm_profile", "claude")).put(defaultsPath(claude)).then().statusCode(200);
        as(claude.key()).get("/v2/profiles/settings/").then().statusCode(200).body("capabilities.llm_summary", equalTo(true));
        as(plain.key()).get("/v2/profiles/settings/").then().statusCode(200).body("capabilities.llm_summary", equalTo(false));
        int openAiBefore = LlmStubsResource.OPENAI_REQUESTS.size();

        Map<String, Object> summarised = generatedProfile(claude.key(), "cleo");
        assertThat(summarised.get("summary")).isEqualTo(LlmStubsResource.ANTHROPIC_SUMMARY);
        assertThat(summarised.get("categories").toString()).contains("Lives in Tromso");
        assertThat(LlmStubsResource.ANTHROPIC_REQUESTS).anySatisfy(b -> assertThat(b.toString()).contains("concise profile of a user")
                .contains("Lives in Tromso"));

        Map<String, Object> offline = generatedProfile(plain.key(), "dag");
        assertThat(offline).containsOnlyKeys("categories");
        assertThat(LlmStubsResource.OPENAI_REQUESTS.subList(openAiBefore, LlmStubsResource.OPENAI_REQUESTS.size()))
                .noneSatisfy(b -> assertThat(b.toString()).contains("concise profile of a user"));
    }

    /** Three verbatim memories, a trigger job, its success: the profile object. */
    private static Map<String, Object> generatedProfile(String key, String user) throws InterruptedException {
        for (String fact : List.of("Lives in Tromso", "Works as a fisher", "Likes northern lights")) {
            as(key).body(Map.of("messages", List.of(Map.of("role", "user", "content", fact)), "user_id", user, "infer", false))
                    .post("/v3/memories/add/").then().statusCode(200);
        }
        String statusUrl = as(key).header("Idempotency-Key", java.util.UUID.randomUUID().toString())
                .body(Map.of("operation", "trigger", "entity_type", "user", "entity_id", user)).post("/v2/profiles/jobs/")
                .then().statusCode(200).extract().path("status_url");
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (!"succeeded".equals(as(key).get(statusUrl).then().extract().path("job.status"))) {
            if (System.nanoTime() > deadline) throw new AssertionError("the profile job did not succeed");
            Thread.sleep(50);
        }
        return as(key).get("/v2/entities/user/" + user + "/profile/").then().statusCode(200).body("status", equalTo("succeeded"))
                .extract().jsonPath().getMap("profile");
    }
}
