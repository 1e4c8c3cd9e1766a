package dev.engram.gateway;

import dev.engram.gateway.document.TestPdfs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static dev.engram.gateway.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * Documents in add, end to end on the default test gateway (offline extraction, embedded journal, no vision LLM,
 * private URLs not allowed): an inline base64 PDF in Mem0's {@code pdf_url} shape is read page by page and its memories
 * carry the document and page, found by search; the queued event records no base64; every refusal (a loopback URL, an
 * image without a vision LLM, a damaged PDF, a non-PDF, a bad shape, an oversized document) is a 4xx problem.
 */
@QuarkusTest
@QuarkusTestResource(TempDataDirResource.class)
class DocumentsRouteTest {

    private static final String ORG = "org-documents";

    static Map<String, Object> pdfMessage(String url) {
        return Map.of("role", "user", "content", Map.of("type", "pdf_url", "pdf_url", Map.of("url", url)));
    }

    static String pdfDataUrl(byte[] pdf) {
        return "data:application/pdf;base64," + Base64.getEncoder().encodeToString(pdf);
    }

    @Test
    void anInlinePdfIsRememberedWithItsPageAndFoundBySearch() {
        String key = Api.newTenantKey(ORG);
        byte[] pdf = TestPdfs.pages(List.of(
                List.of("Travel notes", "I am flying to Lisbon on March 3."),
                List.of("Health", "I am allergic to peanuts.")));

        String eventId = as(key).body(Map.of("messages", List.of(pdfMessage(pdfDataUrl(pdf))), "user_id", "dora",
                        "metadata", Map.of("folder", "trips")))
                .post("/v3/memories/add/").then().statusCode(200).body("status", equalTo("PENDING")).extract().path("event_id");
        awaitSucceeded(key, eventId);

        List<Map<String, Object>> hits = as(key).body(Map.of("query", "peanut allergy", "filters", Map.of("user_id", "dora")))
                .post("/v3/memories/search/").then().statusCode(200).extract().jsonPath().getList("results");
        assertThat(hits).isNotEmpty();
        Map<String, Object> top = hits.getFirst();
        assertThat((String) top.get("memory")).containsIgnoringCase("peanut");
        @SuppressWarnings("unchecked") Map<String, Object> metadata = (Map<String, Object>) top.get("metadata");
        assertThat(metadata).containsEntry("folder", "trips");
        @SuppressWarnings("unchecked") Map<String, Object> document = (Map<String, Object>) metadata.get("document");
        assertThat(document).containsEntry("type", "pdf").containsEntry("source", "inline").containsEntry("page", 2)
                .containsEntry("pages", 2).containsEntry("bytes", pdf.length).containsKey("sha256");

        List<Map<String, Object>> lisbon = as(key).body(Map.of("query", "flight to Lisbon", "filters", Map.of("user_id", "dora")))
                .post("/v3/memories/search/").then().statusCode(200).extract().jsonPath().getList("results");
        assertThat(lisbon.getFirst()).extracting(m -> ((Map<?, ?>) ((Map<?, ?>) m.get("metadata")).get("document")).get("page")).isEqualTo(1);

        // The event keeps the client's body, without the base64.
        as(key).get("/v1/event/" + eventId + "/").then().statusCode(200)
                .body("payload.messages[0].content.pdf_url.url", startsWith("(inline content, "))
                .body("payload.metadata.folder", equalTo("trips"));
    }

    @Test
    void aPdfWithTextMessagesIsStoredVerbatimPerPassageWithInferOff() {
        String key = Api.newTenantKey(ORG);
        byte[] pdf = TestPdfs.pages(List.of(List.of("Warranty: two years."), List.of("Serial number B-7731.")));
        List<Map<String, Object>> results = as(key).body(Map.of("messages", List.of(
                                Map.of("role", "user", "content", "Here is my laptop receipt."), pdfMessage(pdfDataUrl(pdf))),
                        "user_id", "eli", "infer", false))
                .post("/v3/memories/add/").then().statusCode(200).extract().jsonPath().getList("results");
        assertThat(results).extracting(r -> (Object) ((Map<?, ?>) r.get("data")).get("memory"))
                .containsExactly("Here is my laptop receipt.", "Warranty: two years.", "Serial number B-7731.");
        List<Map<String, Object>> all = as(key).get("/v1/memories/?user_id=eli").then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(all).anySatisfy(m -> {
            assertThat(m.get("memory")).isEqualTo("Serial number B-7731.");
            assertThat(((Map<?, ?>) ((Map<?, ?>) m.get("metadata")).get("document")).get("page")).isEqualTo(2);
        });
        assertThat(all).anySatisfy(m -> {
            assertThat(m.get("memory")).isEqualTo("Here is my laptop receipt.");
            assertThat(((Map<?, ?>) m.get("metadata")).containsKey("document")).isFalse();
        });
    }

    @Test
    void aMarkdownDocumentInlineAsBareBase64IsSplitAtItsHeadings() {
        String key = Api.newTenantKey(ORG);
        String md = "# Work\n\nI work at Acme as a pilot.\n\n# Home\n\nI live in Bergen.";
        String b64 = Base64.getEncoder().encodeToString(md.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        List<Map<String, Object>> results = as(key).body(Map.of("messages", List.of(Map.of("role", "user",
                        "content", Map.of("type", "mdx_url", "mdx_url", Map.of("url", b64)))), "user_id", "fay", "infer", false))
                .post("/v3/memories/add/").then().statusCode(200).extract().jsonPath().getList("results");
        assertThat(results).extracting(r -> (Object) ((Map<?, ?>) r.get("data")).get("memory"))
                .containsExactly("# Work\nI work at Acme as a pilot.", "# Home\nI live in Bergen.");
        List<Map<String, Object>> all = as(key).get("/v1/memories/?user_id=fay").then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(all).allSatisfy(m -> assertThat(document(m))
                .containsEntry("type", "text").containsEntry("passages", 2).doesNotContainKey("page"));
    }

    @Test
    void aContentListMixesTextAndDocuments() {
        String key = Api.newTenantKey(ORG);
        String b64 = Base64.getEncoder().encodeToString("I keep bees in the garden.".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        List<Map<String, Object>> results = as(key).body(Map.of("messages", List.of(Map.of("role", "user", "content", List.of(
                        Map.of("type", "text", "text", "My notes:"),
                        Map.of("type", "mdx_url", "mdx_url", Map.of("url", "data:text/plain;base64," + b64))))), "user_id", "kim", "infer", false))
                .post("/v3/memories/add/").then().statusCode(200).extract().jsonPath().getList("results");
        assertThat(results).extracting(r -> (Object) ((Map<?, ?>) r.get("data")).get("memory")).containsExactly("My notes:", "I keep bees in the garden.");
    }

    @Test
    void everyRefusalIsAProblemAndNothingIsAdded() {
        String key = Api.newTenantKey(ORG);
        byte[] pdf = TestPdfs.pages(List.of(List.of("Text")));

        refused(key, List.of(pdfMessage("http://127.0.0.1:9/secret.pdf")), 400, "private");
        refused(key, List.of(pdfMessage("http://169.254.169.254/latest/meta-data/")), 400, "allow-private-urls");
        refused(key, List.of(pdfMessage("file:///etc/passwd")), 400, "http or https");
        refused(key, List.of(Map.of("role", "user", "content", Map.of("type", "image_url",
                "image_url", Map.of("url", "data:image/png;base64,iVBORw0KGgo=")))), 415, "vision-capable LLM");
        refused(key, List.of(pdfMessage(pdfDataUrl(java.util.Arrays.copyOf(pdf, 40)))), 422, "not a readable PDF");
        refused(key, List.of(pdfMessage("data:text/plain;base64,aGVsbG8=")), 415, "not a PDF");
        refused(key, List.of(Map.of("role", "user", "content", Map.of("type", "video_url", "video_url", Map.of("url", "x")))), 415, "video_url");
        refused(key, List.of(Map.of("role", "user", "content", Map.of("type", "pdf_url"))), 400, "pdf_url.url is required");
        refused(key, List.of(Map.of("role", "user", "content", 42)), 400, "must be a string");
        refused(key, List.of(pdfMessage("data:application/pdf;base64," + Base64.getEncoder().encodeToString(new byte[400_000]))), 413, "max-bytes");

        as(key).get("/v1/memories/?user_id=gus").then().statusCode(200).body("size()", equalTo(0));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> document(Map<String, Object> memory) {
        return (Map<String, Object>) ((Map<String, Object>) memory.get("metadata")).get("document");
    }

    private static void refused(String key, List<Map<String, Object>> messages, int status, String detail) {
        as(key).body(Map.of("messages", messages, "user_id", "gus")).post("/v3/memories/add/").then().statusCode(status)
                .contentType(startsWith("application/problem+json")).body("status", equalTo(status)).body("detail", containsString(detail));
    }

    static void awaitSucceeded(String key, String eventId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String status = null;
        while (System.nanoTime() < deadline && !"SUCCEEDED".equals(status)) {
            status = as(key).get("/v1/event/" + eventId + "/").then().statusCode(200).extract().path("status");
            if ("FAILED".equals(status)) break;
            if (!"SUCCEEDED".equals(status)) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        assertThat(status).isEqualTo("SUCCEEDED");
    }
}
