package dev.engram.gateway.mcp;

import dev.engram.gateway.Api;
import dev.engram.gateway.TempDataDirResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * The MCP endpoint in process, over HTTP with JSON-RPC bodies: the protocol (initialize, notifications, tools/list,
 * unsupported versions, GET), the tools on the seed example, and what the tools refuse: bad arguments answer a tool
 * result with {@code isError} and a message naming the problem, a read-only key cannot write, and another tenant's key
 * sees none of the memories. (The official TypeScript client runs against the packaged platform in
 * {@code McpClientCompatibilityTest}.)
 */
@QuarkusTest
@QuarkusTestResource(TempDataDirResource.class)
class McpEndpointTest {

    private static final String ACCEPT = "application/json, text/event-stream";
    private static final String SEED = "用户偏好使用React和TypeScript开发";

    private static RequestSpecification mcp(String key) {
        return RestAssured.given().header("Authorization", "Token " + key).contentType(ContentType.JSON).accept(ACCEPT);
    }

    private static Map<String, Object> request(String method, Map<String, Object> params) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jsonrpc", "2.0");
        body.put("id", UUID.randomUUID().toString());
        body.put("method", method);
        if (params != null) body.put("params", params);
        return body;
    }

    /** Calls a tool and returns the JSON-RPC result ({@code content}, {@code isError}). */
    private static JsonPath call(String key, String tool, Map<String, Object> arguments) {
        return call(mcp(key), tool, arguments);
    }

    private static JsonPath call(RequestSpecification spec, String tool, Map<String, Object> arguments) {
        return spec.body(request("tools/call", Map.of("name", tool, "arguments", arguments))).post("/mcp")
                .then().statusCode(200).body("error", org.hamcrest.Matchers.nullValue()).extract().jsonPath().setRootPath("result");
    }

    private static JsonPath ok(JsonPath result) {
        assertThat(result.getBoolean("isError")).as("isError of %s", result.getString("content[0].text")).isFalse();
        return JsonPath.from(result.getString("content[0].text"));
    }

    private static String error(JsonPath result) {
        assertThat(result.getBoolean("isError")).as("isError of %s", result.getString("content[0].text")).isTrue();
        return result.getString("content[0].text");
    }

    @Test
    void initializeNegotiatesTheVersionAndListsEightToolsWithSchemas() {
        String key = Api.newTenantKey("org-mcp");
        mcp(key).body(request("initialize", Map.of("protocolVersion", "2025-06-18", "capabilities", Map.of(),
                        "clientInfo", Map.of("name", "test", "version", "1")))).post("/mcp")
                .then().statusCode(200).contentType(ContentType.JSON)
                .body("result.protocolVersion", equalTo("2025-06-18"))
                .body("result.serverInfo.name", equalTo("engram"))
                .body("result.capabilities.tools", notNullValue());
        mcp(key).body(Map.of("jsonrpc", "2.0", "method", "notifications/initialized")).post("/mcp").then().statusCode(202);

        JsonPath tools = mcp(key).body(request("tools/list", Map.of())).post("/mcp").then().statusCode(200).extract().jsonPath();
        assertThat(tools.getList("result.tools.name")).containsExactlyInAnyOrder("add_memory", "search_memories", "list_memories",
                "get_memory", "update_memory", "delete_memory", "delete_all_memories", "list_entities");
        for (Map<String, Object> tool : tools.<Map<String, Object>>getList("result.tools")) {
            assertThat((String) tool.get("description")).as("%s description", tool.get("name")).hasSizeGreaterThan(40);
            @SuppressWarnings("unchecked")
            Map<String, Object> schema = (Map<String, Object>) tool.get("inputSchema");
            assertThat(schema).containsEntry("type", "object").containsEntry("additionalProperties", false).containsKey("properties");
        }
        assertThat(tools.getList("result.tools.find { it.name == 'search_memories' }.inputSchema.required")).containsExactly("query");
    }

    @Test
    void transportRefusesWhatItDoesNotServe() {
        String key = Api.newTenantKey("org-mcp");
        mcp(key).get("/mcp").then().statusCode(405).header("Allow", "POST");
        mcp(key).header("MCP-Protocol-Version", "1999-01-01").body(request("tools/list", Map.of())).post("/mcp")
                .then().statusCode(400).body("error.message", org.hamcrest.Matchers.containsString("Unsupported MCP-Protocol-Version"));
        mcp(key).header("MCP-Protocol-Version", "2025-06-18").body(request("tools/list", Map.of())).post("/mcp").then().statusCode(200);
        mcp(key).body("{\"not\": \"json-rpc\"").post("/mcp").then().statusCode(400).body("error.code", equalTo(-32700));
        mcp(key).body(request("no/such/method", Map.of())).post("/mcp").then().statusCode(200).body("error.code", equalTo(-32601));
        for (Map<String, Object> params : List.of(Map.<String, Object>of("name", "search_memories", "arguments", "oops"),
                Map.<String, Object>of("name", "no_such_tool", "arguments", Map.of()), Map.<String, Object>of("arguments", Map.of()))) {
            var response = mcp(key).body(request("tools/call", params)).post("/mcp");
            JsonPath answer = response.jsonPath();
            assertThat(response.statusCode()).as("malformed tools/call %s: %s", params, response.asString()).isIn(200, 400);
            assertThat(answer.getString("error.message") != null || Boolean.TRUE.equals(answer.get("result.isError")))
                    .as("a malformed tools/call %s answers a JSON-RPC error or a tool error: %s", params, response.asString()).isTrue();
        }
        RestAssured.given().contentType(ContentType.JSON).accept(ACCEPT).body(request("tools/list", Map.of())).post("/mcp")
                .then().statusCode(401);
        mcp("m0-not-a-key").body(request("tools/list", Map.of())).post("/mcp").then().statusCode(401);
    }

    @Test
    void seedExampleAddsAndSearchesFirst() {
        String key = Api.newTenantKey("org-mcp");
        JsonPath added = ok(call(key, "add_memory", Map.of("messages", List.of(Map.of("role", "user", "content", SEED)), "user_id", "developer_001")));
        assertThat(added.getString("status")).isEqualTo("SUCCEEDED");
        for (String text : List.of("周末喜欢去山里徒步", "家里养了一只橘猫", "目前住在上海")) {
            ok(call(key, "add_memory", Map.of("messages", text, "user_id", "developer_001", "infer", false)));
        }
        JsonPath found = ok(call(key, "search_memories", Map.of("query", "前端开发", "user_id", "developer_001")));
        assertThat(found.getString("results[0].memory")).contains("React").contains("TypeScript");
        assertThat(found.getString("results[0].user_id")).isEqualTo("developer_001");
        String id = found.getString("results[0].id");

        assertThat(ok(call(key, "get_memory", Map.of("memory_id", id))).getString("memory")).contains("React");
        assertThat(ok(call(key, "update_memory", Map.of("memory_id", id, "text", "用户偏好使用Vue和TypeScript开发"))).getString("memory"))
                .contains("Vue");
        assertThat(ok(call(key, "list_entities", Map.of())).getString("results[0].id")).isEqualTo("developer_001");
        assertThat(ok(call(key, "list_memories", Map.of("user_id", "developer_001"))).getInt("total")).isEqualTo(4);
        assertThat(ok(call(key, "delete_memory", Map.of("memory_id", id))).getString("deleted")).isEqualTo(id);
        assertThat(error(call(key, "get_memory", Map.of("memory_id", id)))).isEqualTo("Memory not found!");
        assertThat(ok(call(key, "delete_all_memories", Map.of("user_id", "developer_001"))).getInt("deleted_count")).isEqualTo(3);
    }

    @Test
    void badArgumentsAnswerToolErrorsThatNameTheProblem() {
        String key = Api.newTenantKey("org-mcp");
        assertThat(error(call(key, "search_memories", Map.of("user_id", "u")))).contains("query is required");
        assertThat(error(call(key, "search_memories", Map.of("query", "x", "user_id", "u", "top_k", "ten")))).contains("top_k must be an integer");
        assertThat(error(call(key, "search_memories", Map.of("query", "x", "user_id", "u", "top_k", 1000)))).contains("top_k must be between 1 and 100");
        assertThat(error(call(key, "search_memories", Map.of("query", "x", "userId", "u")))).contains("Unknown argument 'userId'");
        assertThat(error(call(key, "search_memories", Map.of("query", "x")))).contains("needs user_id, agent_id or run_id")
                .contains(McpResource.USER_HEADER);
        assertThat(error(call(key, "delete_all_memories", Map.of("user_id", "*")))).contains("wildcard");
        assertThat(error(call(key, "get_memory", Map.of("memory_id", "not-a-uuid")))).isEqualTo("memory_id should be a valid UUID");
        assertThat(error(call(key, "add_memory", Map.of("user_id", "u")))).contains("messages is required");
        assertThat(error(call(key, "add_memory", Map.of("messages", 42, "user_id", "u")))).contains("messages");
        assertThat(error(call(key, "update_memory", Map.of("memory_id", UUID.randomUUID().toString())))).contains("needs text or metadata");
        assertThat(error(call(key, "list_entities", Map.of("type", "robot")))).contains("type must be");
        assertThat(error(call(key, "list_memories", Map.of("user_id", "u", "max_tokens", 1)))).contains("max_tokens must be between");
    }

    @Test
    void maxTokensKeepsListsWithinTheBudget() {
        String key = Api.newTenantKey("org-mcp");
        for (int i = 0; i < 30; i++) Api.addVerbatim(key, "talker", "Fact number " + i + ": the user once mentioned a detail worth keeping, " + "x".repeat(40));
        JsonPath all = ok(call(key, "list_memories", Map.of("user_id", "talker", "page_size", 100)));
        assertThat(all.getList("results")).hasSize(30);
        JsonPath small = ok(call(key, "list_memories", Map.of("user_id", "talker", "page_size", 100, "max_tokens", 300)));
        assertThat(small.getList("results")).isNotEmpty().hasSizeLessThan(30);
        assertThat(small.getInt("omitted")).isEqualTo(30 - small.getList("results").size());
        assertThat(small.getString("note")).contains("max_tokens=300");
    }

    @Test
    void connectionDefaultUserStandsInForAMissingUserId() {
        String key = Api.newTenantKey("org-mcp");
        RequestSpecification asAlice = mcp(key).header(McpResource.USER_HEADER, "alice");
        ok(call(asAlice, "add_memory", Map.of("messages", "Alice is allergic to peanuts", "infer", false)));
        assertThat(ok(call(mcp(key).header(McpResource.USER_HEADER, "alice"), "search_memories", Map.of("query", "allergy")))
                .getString("results[0].user_id")).isEqualTo("alice");
        JsonPath viaQuery = ok(call(RestAssured.given().header("Authorization", "Token " + key).contentType(ContentType.JSON).accept(ACCEPT)
                .queryParam("user_id", "alice"), "list_memories", Map.of()));
        assertThat(viaQuery.getInt("total")).isEqualTo(1);
        assertThat(ok(call(mcp(key).header(McpResource.USER_HEADER, "alice"), "list_memories", Map.of("user_id", "bob"))).getInt("total"))
                .as("an explicit user_id wins over the default").isZero();
    }

    @Test
    void aKeysDefaultUserStandsInWhenTheCallAndTheConnectionNameNone() {
        String project = "p" + UUID.randomUUID().toString().substring(0, 8);
        Api.admin().body(Map.of("org_id", "org-mcp", "project_id", project)).post("/api/v1/admin/projects/").then().statusCode(201);
        io.restassured.response.ExtractableResponse<?> created = Api.admin().body(Map.of("org_id", "org-mcp", "project_id", project,
                        "scopes", List.of("read", "write"), "default_user_id", "kim"))
                .post("/api/v1/admin/keys/").then().statusCode(201).body("default_user_id", equalTo("kim")).extract();
        String key = created.path("key");

        ok(call(key, "add_memory", Map.of("messages", "Kim takes the night train to Vienna", "infer", false)));

        JsonPath listed = Api.as(key).get("/v1/memories/?user_id=kim").then().statusCode(200).extract().jsonPath();
        assertThat(listed.getList("memory", String.class)).containsExactly("Kim takes the night train to Vienna");
        assertThat(ok(call(key, "list_memories", Map.of())).getInt("total")).isEqualTo(1);
        // The connection's default wins over the key's, and the call's own user_id over both.
        assertThat(ok(call(mcp(key).header(McpResource.USER_HEADER, "lee"), "list_memories", Map.of())).getInt("total")).isZero();
        assertThat(ok(call(mcp(key).queryParam("user_id", "lee"), "list_memories", Map.of())).getInt("total")).isZero();
        assertThat(ok(call(key, "list_memories", Map.of("user_id", "lee"))).getInt("total")).isZero();
        // Cleared through the admin API: the tool needs a user again.
        Api.admin().body(Map.of("default_user_id", "")).patch("/api/v1/admin/keys/" + created.path("id") + "/").then().statusCode(200)
                .body("default_user_id", org.hamcrest.Matchers.nullValue());
        assertThat(error(call(key, "list_memories", Map.of()))).contains("default user");
        Api.admin().body(Map.of("default_user_id", "two words")).patch("/api/v1/admin/keys/" + created.path("id") + "/").then().statusCode(400);
        Api.admin().body(Map.of("default_user_id", "x")).patch("/api/v1/admin/keys/" + UUID.randomUUID() + "/").then().statusCode(404);
    }

    @Test
    void readOnlyKeysCannotWriteThroughTools() {
        String project = "p" + UUID.randomUUID().toString().substring(0, 8);
        Api.admin().body(Map.of("org_id", "org-mcp", "project_id", project)).post("/api/v1/admin/projects/").then().statusCode(201);
        String readOnly = Api.admin().body(Map.of("org_id", "org-mcp", "project_id", project, "scopes", List.of("read")))
                .post("/api/v1/admin/keys/").then().statusCode(201).extract().path("key");
        assertThat(error(call(readOnly, "add_memory", Map.of("messages", "x", "user_id", "u")))).contains("lacks the 'write' scope");
        assertThat(error(call(readOnly, "delete_all_memories", Map.of("user_id", "u")))).contains("lacks the 'write' scope");
        ok(call(readOnly, "search_memories", Map.of("query", "x", "user_id", "u")));
    }

    @Test
    void anotherTenantsKeySeesNothingThroughTools() {
        String owner = Api.newTenantKey("org-mcp-a");
        String id = ok(call(owner, "add_memory", Map.of("messages", "Tenant A secret: the launch code is 1234", "user_id", "shared-user", "infer", false)))
                .getString("results[0].id");
        for (String other : List.of(Api.newTenantKey("org-mcp-b"), Api.newTenantKey("org-mcp-a"))) {
            assertThat(ok(call(other, "search_memories", Map.of("query", "launch code", "user_id", "shared-user"))).getList("results")).isEmpty();
            assertThat(ok(call(other, "list_memories", Map.of("user_id", "shared-user"))).getInt("total")).isZero();
            assertThat(ok(call(other, "list_entities", Map.of())).getInt("total")).isZero();
            assertThat(error(call(other, "get_memory", Map.of("memory_id", id)))).isEqualTo("Memory not found!");
            assertThat(error(call(other, "update_memory", Map.of("memory_id", id, "text", "hijacked")))).startsWith("Memory not found");
            assertThat(error(call(other, "delete_memory", Map.of("memory_id", id)))).isEqualTo("Memory not found!");
            assertThat(ok(call(other, "delete_all_memories", Map.of("user_id", "shared-user"))).getInt("deleted_count")).isZero();
        }
        assertThat(ok(call(owner, "get_memory", Map.of("memory_id", id))).getString("memory")).isEqualTo("Tenant A secret: the launch code is 1234");
    }
}
