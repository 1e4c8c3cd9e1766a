package dev.engram.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.gateway.TempDataDirResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document at {@code /q/openapi}: public (no key), and it describes every route the Mem0 clients call
 * (docs/api-compatibility.md) with a typed 200/201 response, in the wire's snake_case.
 */
@QuarkusTest
@QuarkusTestResource(TempDataDirResource.class)
class OpenApiDocumentTest {

    /**
     * The routes of Mem0's endpoint catalogue that Engram serves (/work/shared/reference/mem0-api.md §1.3, the routes the
     * official client mem0ai 3.3.1 calls in Mem0ClientCompatibilityTest's scenario, plus the legacy and niche ones of
     * older SDKs, the CLI and the MCP server): method, path as the clients send it, and the success status.
     */
    static final List<Route> MEM0_ROUTES = List.of(
            // current clients (Python 2.x, TS 3.x; the compatibility scenario)
            new Route("GET", "/v1/ping/", 200),
            new Route("POST", "/v3/memories/add/", 200),
            new Route("POST", "/v3/memories/search/", 200),
            new Route("POST", "/v3/memories/?page=&page_size=", 200),
            new Route("GET", "/v1/memories/{memory_id}/", 200),
            new Route("PUT", "/v1/memories/{memory_id}/", 200),
            new Route("DELETE", "/v1/memories/{memory_id}/?delete_linked=true", 200),
            new Route("DELETE", "/v1/memories/?user_id=&agent_id=&app_id=&run_id=", 200),
            new Route("GET", "/v1/memories/{memory_id}/history/", 200),
            new Route("GET", "/v1/entities/", 200),
            new Route("DELETE", "/v2/entities/{type}/{name}/", 200),
            new Route("PUT", "/v1/batch/", 200),
            new Route("DELETE", "/v1/batch/", 200),
            new Route("GET", "/api/v1/orgs/organizations/{org_id}/projects/{project_id}/", 200),
            new Route("PATCH", "/api/v1/orgs/organizations/{org_id}/projects/{project_id}/", 200),
            new Route("POST", "/api/v1/orgs/organizations/{org_id}/projects/", 201),
            new Route("POST", "/v1/summary/", 200),
            new Route("DELETE", "/api/v1/orgs/organizations/{org_id}/projects/{project_id}/", 200),
            new Route("GET", "/api/v1/webhooks/projects/{project_id}/", 200),
            new Route("POST", "/api/v1/webhooks/projects/{project_id}/", 201),
            new Route("PUT", "/api/v1/webhooks/{webhook_id}/", 200),
            new Route("DELETE", "/api/v1/webhooks/{webhook_id}/", 200),
            new Route("GET", "/v2/entities/user/{entity_id}/profile/", 200),
            new Route("POST", "/v2/profiles/jobs/", 200),
            new Route("GET", "/v2/profiles/jobs/{job_id}/", 200),
            new Route("GET", "/v2/profiles/settings/", 200),
            new Route("POST", "/v2/profiles/settings/", 200),
            // legacy clients (Python 0.1/1.0, TS 2.x)
            new Route("POST", "/v1/memories/", 200),
            new Route("GET", "/v1/memories/", 200),
            new Route("POST", "/v2/memories/", 200),
            new Route("POST", "/v1/memories/search/", 200),
            new Route("POST", "/v2/memories/search/", 200),
            new Route("DELETE", "/v1/entities/{type}/{id}/", 200),
            // niche: events (CLI, MCP), exports, feedback
            new Route("GET", "/v1/event/{event_id}/", 200),
            new Route("GET", "/v1/events/", 200),
            new Route("POST", "/v1/exports/", 201),
            new Route("POST", "/v1/exports/get/", 200),
            new Route("POST", "/v1/feedback/", 200));

    record Route(String method, String path, int status) {
        /** The path without query and trailing slash, each path parameter as {@code {}}: how JAX-RS templates compare. */
        String key() {
            return normalize(path);
        }
    }

    private static JsonNode document;

    /** Fetched once, without a key, when the first test runs (rest-assured knows the port only then). */
    @BeforeEach
    void fetch() throws Exception {
        if (document != null) return;
        String json = given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        document = new ObjectMapper().readTree(json);
    }

    @Test
    void theDocumentAndSwaggerUiNeedNoKey() {
        given().get("/q/openapi").then().statusCode(200);
        given().redirects().follow(true).get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void everyMem0RouteIsDescribedWithATypedSuccessResponse() {
        List<String> problems = new ArrayList<>();
        for (Route r : MEM0_ROUTES) {
            JsonNode op = operation(r.method(), r.key());
            if (op == null) {
                problems.add(r.method() + " " + r.path() + ": not in the document");
                continue;
            }
            JsonNode response = op.path("responses").path(String.valueOf(r.status()));
            if (response.isMissingNode()) {
                problems.add(r.method() + " " + r.path() + ": no " + r.status() + " response (has " + names(op.path("responses")) + ")");
                continue;
            }
            JsonNode schema = response.path("content").path("application/json").path("schema");
            if (!typed(schema, 0)) problems.add(r.method() + " " + r.path() + ": " + r.status() + " response has no typed schema: " + schema);
            if (op.path("summary").asText("").isBlank()) problems.add(r.method() + " " + r.path() + ": no summary");
            if (op.path("tags").isEmpty()) problems.add(r.method() + " " + r.path() + ": no tag");
        }
        assertThat(problems).isEmpty();
    }

    /** Beyond the Mem0 list: every operation of the REST API (the MCP transport aside) answers a typed body. */
    @Test
    void everyOperationHasASummaryAndATypedSuccessResponse() {
        List<String> problems = new ArrayList<>();
        document.path("paths").properties().forEach(p -> p.getValue().properties().forEach(m -> {
            JsonNode op = m.getValue();
            if (p.getKey().startsWith("/mcp")) return;
            if (op.path("summary").asText("").isBlank()) problems.add(m.getKey() + " " + p.getKey() + ": no summary");
            JsonNode ok = op.path("responses").has("201") ? op.path("responses").path("201") : op.path("responses").path("200");
            if (!typed(ok.path("content").path("application/json").path("schema"), 0)) {
                problems.add(m.getKey() + " " + p.getKey() + ": no typed 200/201 response");
            }
        }));
        assertThat(problems).isEmpty();
    }

    /**
     * The bodies the Mem0 clients send, by route: each operation documents a JSON request body whose schema has at least
     * these properties (snake_case, as on the wire). The add, webhook and project routes read raw JSON for their precise
     * 400s; their schema comes from a documentation record ({@code @RequestBody}), which this keeps from being forgotten.
     */
    static final Map<String, List<String>> REQUEST_BODIES = Map.ofEntries(
            Map.entry("POST /v3/memories/add/", List.of("messages", "user_id", "agent_id", "app_id", "run_id", "metadata", "infer",
                    "custom_instructions", "custom_categories", "expiration_date", "immutable", "timestamp")),
            Map.entry("POST /v1/memories/", List.of("messages", "user_id", "agent_id", "run_id", "metadata", "infer", "async_mode",
                    "output_format")),
            Map.entry("POST /v3/memories/search/", List.of("query", "filters", "top_k", "threshold", "fields", "include_very_negative")),
            Map.entry("POST /v3/memories/", List.of("filters", "page", "page_size", "include_very_negative")),
            Map.entry("POST /v2/memories/", List.of("filters", "page", "page_size", "include_very_negative")),
            Map.entry("POST /v1/memories/search/", List.of("query", "user_id", "agent_id", "run_id", "include_very_negative")),
            Map.entry("POST /v2/memories/search/", List.of("query", "filters", "include_very_negative")),
            Map.entry("PUT /v1/memories/{memory_id}/", List.of("text", "metadata", "timestamp", "expiration_date")),
            Map.entry("PUT /v1/batch/", List.of("memories")),
            Map.entry("PATCH /api/v1/orgs/organizations/{org_id}/projects/{project_id}/", List.of("custom_instructions",
                    "custom_categories", "default_expiration_days", "extraction_mode", "llm_profile")),
            Map.entry("POST /api/v1/orgs/organizations/{org_id}/projects/", List.of("name", "description")),
            Map.entry("POST /v1/summary/", List.of("filters")),
            Map.entry("POST /api/v1/webhooks/projects/{project_id}/", List.of("name", "url", "event_types")),
            Map.entry("PUT /api/v1/webhooks/{webhook_id}/", List.of("name", "url", "event_types", "is_active")),
            Map.entry("POST /v1/feedback/", List.of("memory_id", "feedback", "feedback_reason")),
            Map.entry("POST /v1/exports/", List.of("schema", "filters", "export_instructions", "user_id", "agent_id", "app_id", "run_id")),
            Map.entry("POST /v1/exports/get/", List.of("memory_export_id", "filters")),
            Map.entry("POST /v2/profiles/jobs/", List.of("operation", "entity_type", "entity_id", "limit")),
            Map.entry("POST /v2/profiles/settings/", List.of("enabled", "entities")),
            Map.entry("PUT /api/v1/admin/projects/{org_id}/{project_id}/defaults/", List.of("custom_instructions", "categories",
                    "default_expiration_days", "extraction_mode", "llm_profile")));

    @Test
    void everyBodyTheClientsSendIsDescribed() {
        List<String> routes = MEM0_ROUTES.stream().filter(r -> Set.of("POST", "PUT", "PATCH").contains(r.method()))
                .map(r -> r.method() + " " + r.path().replaceAll("\\?.*", "")).toList();
        assertThat(REQUEST_BODIES.keySet()).as("every Mem0 POST/PUT/PATCH route has its expected body properties listed")
                .containsAll(routes);
        List<String> problems = new ArrayList<>();
        REQUEST_BODIES.forEach((route, expected) -> {
            String method = route.substring(0, route.indexOf(' '));
            JsonNode op = operation(method, normalize(route.substring(route.indexOf(' ') + 1)));
            if (op == null) {
                problems.add(route + ": not in the document");
                return;
            }
            JsonNode schema = op.path("requestBody").path("content").path("application/json").path("schema");
            List<String> properties = properties(schema, 0);
            List<String> missing = expected.stream().filter(name -> !properties.contains(name)).toList();
            if (!missing.isEmpty()) problems.add(route + ": request body lacks " + missing + " (has " + properties + ")");
        });
        assertThat(problems).isEmpty();
    }

    /** The add's schema documents the message shape and which fields the add requires. */
    @Test
    void theAddBodyDescribesItsMessages() {
        JsonNode add = component(operation("POST", normalize("/v3/memories/add/")).path("requestBody").path("content")
                .path("application/json").path("schema"), 0);
        assertThat(add.path("required").toString()).contains("messages");
        assertThat(add.path("properties").path("messages").path("description").asText()).contains("string");
        assertThat(properties(add.path("properties").path("messages").path("items"), 0)).contains("role", "content", "name");
        // content: a string, or Mem0's multimodal part (or a list of parts) in the wire's snake_case
        JsonNode content = component(add.path("properties").path("messages").path("items"), 0).path("properties").path("content");
        assertThat(content.path("oneOf").toString()).contains("\"string\"").contains("ContentPart").contains("\"array\"");
        JsonNode part = document.path("components").path("schemas").path("ContentPart");
        assertThat(names(part.path("properties"))).contains("type", "text", "pdf_url", "mdx_url", "image_url");
        assertThat(part.path("properties").path("type").path("enum").toString()).contains("pdf_url", "mdx_url", "image_url");
        assertThat(names(document.path("components").path("schemas").path("UrlRef").path("properties"))).containsExactly("url");
    }

    @Test
    void bothCredentialSchemesAreDeclaredAndRequired() {
        JsonNode schemes = document.path("components").path("securitySchemes");
        assertThat(schemes.path("token").path("type").asText()).isEqualTo("apiKey");
        assertThat(schemes.path("token").path("in").asText()).isEqualTo("header");
        assertThat(schemes.path("token").path("name").asText()).isEqualTo("Authorization");
        assertThat(schemes.path("bearer").path("type").asText()).isEqualTo("http");
        assertThat(schemes.path("bearer").path("scheme").asText()).isEqualTo("bearer");
        assertThat(names(document.path("security").path(0))).contains("token");
        assertThat(names(document.path("security").path(1))).contains("bearer");
    }

    /** The schemas use the wire's names (the gateway's Jackson mapper writes snake_case), not the records' Java names. */
    @Test
    void schemasUseTheWiresSnakeCaseNames() {
        JsonNode memory = document.path("components").path("schemas").path("MemoryView").path("properties");
        assertThat(names(memory)).contains("id", "memory", "user_id", "agent_id", "created_at", "updated_at", "expiration_date")
                .doesNotContain("userId", "createdAt");
        JsonNode page = document.path("components").path("schemas").path("MemoryPage").path("properties");
        assertThat(names(page)).containsExactlyInAnyOrder("count", "next", "previous", "results");
    }

    /** The schema a reference points to, followed through {@code $ref}s; the schema itself otherwise. */
    private static JsonNode component(JsonNode schema, int depth) {
        if (schema.has("$ref") && depth < 12) {
            return component(document.path("components").path("schemas").path(schema.get("$ref").asText().replace("#/components/schemas/", "")),
                    depth + 1);
        }
        return schema;
    }

    /** The property names of an object schema (empty when it is not one). */
    private static List<String> properties(JsonNode schema, int depth) {
        return names(component(schema, depth).path("properties"));
    }

    private static JsonNode operation(String method, String key) {
        for (Iterator<Map.Entry<String, JsonNode>> it = document.path("paths").fields(); it.hasNext(); ) {
            var p = it.next();
            if (normalize(p.getKey()).equals(key)) {
                JsonNode op = p.getValue().get(method.toLowerCase(Locale.ROOT));
                if (op != null) return op;
            }
        }
        return null;
    }

    /** A schema that says something: a reference to a component with properties or alternatives, an array of such, or alternatives. */
    private static boolean typed(JsonNode schema, int depth) {
        if (schema == null || schema.isMissingNode() || schema.isEmpty() || depth > 12) return false;
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asText().replace("#/components/schemas/", "");
            return typed(document.path("components").path("schemas").path(name), depth + 1);
        }
        if (schema.has("oneOf")) {
            for (JsonNode alternative : schema.get("oneOf")) if (!typed(alternative, depth + 1)) return false;
            return true;
        }
        if ("array".equals(schema.path("type").asText())) return typed(schema.path("items"), depth + 1);
        return !schema.path("properties").isEmpty() || (schema.has("description") && "object".equals(schema.path("type").asText()));
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static String normalize(String path) {
        String p = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        if (p.length() > 1 && p.endsWith("/")) p = p.substring(0, p.length() - 1);
        return p.replaceAll("\\{[^}]*}", "{}");
    }
}
