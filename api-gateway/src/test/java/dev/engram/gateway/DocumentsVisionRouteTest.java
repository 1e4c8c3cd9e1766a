package dev.engram.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.engram.gateway.Api.admin;
import static dev.engram.gateway.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Documents and images by URL, with private URLs allowed and a vision-capable LLM profile ({@link DocumentServerResource}):
 * a Markdown document fetched over HTTP is remembered with its URL; an image is described by the project's vision
 * LLM (the image itself is in the LLM request), the description goes through extraction, and the memory says which
 * image it came from; the same image for a project on the default LLM (no vision) is a 415.
 */
@QuarkusTest
@TestProfile(DocumentsVisionRouteTest.VisionProfile.class)
class DocumentsVisionRouteTest {

    /** Private URLs allowed; profile {@code seeing} is vision-capable; no default LLM. */
    public static class VisionProfile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(DocumentServerResource.class), new TestResourceEntry(TempDataDirResource.class));
        }
    }

    private static final String ORG = "org-documents-vision";

    @Test
    void aMarkdownDocumentByUrlIsRememberedWithItsUrl() {
        String key = Api.newTenantKey(ORG);
        String url = DocumentServerResource.origin + "/docs/notes.md";
        String eventId = as(key).body(Map.of("messages", List.of(Map.of("role", "user", "content",
                        Map.of("type", "mdx_url", "mdx_url", Map.of("url", url)))), "user_id", "hal"))
                .post("/v3/memories/add/").then().statusCode(200).extract().path("event_id");
        DocumentsRouteTest.awaitSucceeded(key, eventId);

        List<Map<String, Object>> hits = as(key).body(Map.of("query", "where does the user live", "filters", Map.of("user_id", "hal")))
                .post("/v3/memories/search/").then().statusCode(200).extract().jsonPath().getList("results");
        assertThat(hits).isNotEmpty();
        assertThat((String) hits.getFirst().get("memory")).contains("Bergen");
        Map<?, ?> document = (Map<?, ?>) ((Map<?, ?>) hits.getFirst().get("metadata")).get("document");
        assertThat(document.get("url")).isEqualTo(url);
        assertThat(document.get("source")).isEqualTo("url");
        assertThat(document.get("passage")).isEqualTo(1);
        assertThat(document.get("passages")).isEqualTo(2);

        as(key).body(Map.of("messages", List.of(Map.of("role", "user", "content",
                        Map.of("type", "mdx_url", "mdx_url", Map.of("url", DocumentServerResource.origin + "/docs/page.html")))), "user_id", "hal"))
                .post("/v3/memories/add/").then().statusCode(415).body("detail", containsString("text/html"));
    }

    /** A new project whose adds use LLM profile {@code profile}; its read/write key. */
    private static String projectWithProfile(String profile) {
        String project = "p" + UUID.randomUUID().toString().substring(0, 8);
        admin().body(Map.of("org_id", ORG, "project_id", project, "name", "vision")).post("/api/v1/admin/projects/").then().statusCode(201);
        String key = admin().body(Map.of("org_id", ORG, "project_id", project, "name", "k", "scopes", List.of("read", "write")))
                .post("/api/v1/admin/keys/").then().statusCode(201).extract().path("key");
        admin().body(Map.of("llm_profile", profile)).put("/api/v1/admin/projects/" + ORG + "/" + project + "/defaults/").then().statusCode(200);
        return key;
    }

    @Test
    void aVisionLlmThatFailsIs503AndAddsNothing() {
        String key = projectWithProfile("broken");
        String png = Base64.getEncoder().encodeToString(DocumentServerResource.PNG);
        as(key).body(Map.of("messages", List.of(Map.of("role", "user", "content",
                        Map.of("type", "image_url", "image_url", Map.of("url", "data:image/png;base64," + png)))), "user_id", "jo"))
                .post("/v3/memories/add/").then().statusCode(503).contentType(org.hamcrest.Matchers.startsWith("application/problem+json"))
                .body("detail", containsString("vision LLM"));
        as(key).get("/v1/memories/?user_id=jo").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void anImageIsDescribedByTheVisionLlmAndRemembered() {
        String key = projectWithProfile("seeing");
        int before = DocumentServerResource.LLM_REQUESTS.size();
        String url = DocumentServerResource.origin + "/docs/photo.png";

        String eventId = as(key).body(Map.of("messages", List.of(Map.of("role", "user", "content",
                        Map.of("type", "image_url", "image_url", Map.of("url", url)))), "user_id", "ida"))
                .post("/v3/memories/add/").then().statusCode(200).extract().path("event_id");
        DocumentsRouteTest.awaitSucceeded(key, eventId);

        List<JsonNode> calls = DocumentServerResource.LLM_REQUESTS.subList(before, DocumentServerResource.LLM_REQUESTS.size());
        String png = Base64.getEncoder().encodeToString(DocumentServerResource.PNG);
        assertThat(calls.getFirst().path("model").asText()).isEqualTo("seeing-model");
        assertThat(calls.getFirst().toString()).contains("data:image/png;base64," + png);
        assertThat(calls).anySatisfy(c -> assertThat(c.toString()).contains(DocumentServerResource.DESCRIPTION).doesNotContain(png));

        List<Map<String, Object>> memories = as(key).get("/v1/memories/?user_id=ida").then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(memories).anySatisfy(m -> {
            assertThat(m.get("memory")).isEqualTo(DocumentServerResource.VISION_FACT);
            Map<?, ?> image = (Map<?, ?>) ((Map<?, ?>) m.get("metadata")).get("image");
            assertThat(image.get("url")).isEqualTo(url);
            assertThat(image.get("media_type")).isEqualTo("image/png");
        });

        // The same image on a project with the default LLM (none here, so no vision): refused before any download.
        as(Api.newTenantKey(ORG)).body(Map.of("messages", List.of(Map.of("role", "user", "content",
                        Map.of("type", "image_url", "image_url", Map.of("url", "data:image/png;base64," + png)))), "user_id", "ida"))
                .post("/v3/memories/add/").then().statusCode(415).body("status", equalTo(415))
                .body("detail", containsString("vision-capable LLM"));
    }
}
