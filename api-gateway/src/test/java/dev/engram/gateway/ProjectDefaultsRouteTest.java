package dev.engram.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.engram.gateway.Api.admin;
import static dev.engram.gateway.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/**
 * A project's defaults, set through the admin API, shape the adds that do not say otherwise: the project's categories
 * and instructions steer extraction and its expiration is stamped on the memories; an add's own values win.
 */
@QuarkusTest
@QuarkusTestResource(TempDataDirResource.class)
class ProjectDefaultsRouteTest {

    private static final Map<String, Object> DEFAULTS = Map.of(
            "custom_instructions", "Don't store anything about peanuts.",
            "categories", List.of(Map.of("hiking", "walks, trails and mountains"), Map.of("cooking", "recipes and baking")),
            "default_expiration_days", 30,
            "extraction_mode", "offline");

    private final String org = "org-defaults";
    private final String project = "p" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void theProjectsDefaultsApplyToAnAddThatLeavesThemOut() {
        String key = newProject();
        admin().body(DEFAULTS).put(defaultsPath()).then().statusCode(200)
                .body("custom_instructions", equalTo("Don't store anything about peanuts."))
                .body("categories[0].hiking", equalTo("walks, trails and mountains"))
                .body("categories[1].cooking", equalTo("recipes and baking"))
                .body("default_expiration_days", equalTo(30))
                .body("extraction_mode", equalTo("offline"));
        admin().get("/api/v1/admin/projects/?org_id=" + org).then().statusCode(200)
                .body("find { it.project_id == '" + project + "' }.defaults.default_expiration_days", equalTo(30));

        List<Map<String, Object>> memories = addAndList(key, "walker",
                Map.of("messages", "I love hiking in the mountains every weekend. I am allergic to peanuts."));

        assertThat(memories).isNotEmpty().allSatisfy(m -> {
            assertThat(m.get("expiration_date")).isEqualTo(LocalDate.now(ZoneOffset.UTC).plusDays(30).toString());
            assertThat(categories(m)).isSubsetOf("hiking", "cooking");
            assertThat((String) m.get("memory")).doesNotContain("peanut");
        });
        assertThat(memories).anySatisfy(m -> assertThat(categories(m)).contains("hiking"));
    }

    @Test
    void anAddsOwnValuesWinOverTheProjects() {
        String key = newProject();
        admin().body(DEFAULTS).put(defaultsPath()).then().statusCode(200);

        List<Map<String, Object>> memories = addAndList(key, "cook", Map.of(
                "messages", "I love hiking in the mountains every weekend. I am allergic to peanuts.",
                "custom_instructions", "Keep everything the user says.",
                "custom_categories", List.of(Map.of("outdoors", "hiking, trails and mountains")),
                "expiration_date", "2999-01-01"));

        assertThat(memories).isNotEmpty().allSatisfy(m -> {
            assertThat(m.get("expiration_date")).isEqualTo("2999-01-01");
            assertThat(categories(m)).isSubsetOf("outdoors");
        });
        assertThat(memories).anySatisfy(m -> assertThat((String) m.get("memory")).contains("peanut"));
    }

    @Test
    void clearingTheDefaultsStopsApplyingThem() {
        String key = newProject();
        admin().body(DEFAULTS).put(defaultsPath()).then().statusCode(200);
        admin().body(Map.of()).put(defaultsPath()).then().statusCode(200)
                .body("custom_instructions", nullValue()).body("categories", nullValue())
                .body("default_expiration_days", nullValue()).body("extraction_mode", equalTo("llm"));

        List<Map<String, Object>> memories = addAndList(key, "plain", Map.of("messages", "I love hiking in the mountains every weekend."));

        assertThat(memories).isNotEmpty().allSatisfy(m -> {
            assertThat(m.get("expiration_date")).isNull();
            assertThat(categories(m)).doesNotContain("hiking", "cooking");
        });
    }

    @Test
    void theRouteRefusesBadInputUnknownProjectsAndNonAdminKeys() {
        String key = newProject();
        admin().body(Map.of("extraction_mode", "sometimes")).put(defaultsPath()).then().statusCode(400);
        admin().body(Map.of("default_expiration_days", 0)).put(defaultsPath()).then().statusCode(400);
        admin().body(Map.of("default_expiration_days", "ten")).put(defaultsPath()).then().statusCode(400);
        admin().body(Map.of("categories", List.of(1, 2))).put(defaultsPath()).then().statusCode(400);
        admin().body(Map.of("custom_instructions", "x".repeat(8_001))).put(defaultsPath()).then().statusCode(413);
        admin().body("[]").put(defaultsPath()).then().statusCode(400);
        admin().body(DEFAULTS).put("/api/v1/admin/projects/" + org + "/no-such-project/defaults/").then().statusCode(404);
        as(key).body(DEFAULTS).put(defaultsPath()).then().statusCode(403);
        admin().get("/api/v1/admin/projects/?org_id=" + org).then()
                .body("find { it.project_id == '" + project + "' }.defaults.extraction_mode", equalTo("llm"))
                .body("project_id", hasItem(project));
    }

    @SuppressWarnings("unchecked")
    private static List<String> categories(Map<String, Object> memory) {
        return (List<String>) memory.get("categories");
    }

    private String newProject() {
        admin().body(Map.of("org_id", org, "project_id", project, "name", "defaults")).post("/api/v1/admin/projects/").then().statusCode(201);
        return admin().body(Map.of("org_id", org, "project_id", project, "name", "k", "scopes", List.of("read", "write")))
                .post("/api/v1/admin/keys/").then().statusCode(201).extract().path("key");
    }

    private String defaultsPath() {
        return "/api/v1/admin/projects/" + org + "/" + project + "/defaults/";
    }

    /** Adds synchronously with extraction (legacy route, {@code async_mode:false}) and lists the user's memories. */
    private static List<Map<String, Object>> addAndList(String key, String userId, Map<String, Object> body) {
        Map<String, Object> add = new LinkedHashMap<>(body);
        add.put("user_id", userId);
        add.put("async_mode", false);
        add.put("output_format", "v1.1");
        as(key).body(add).post("/v1/memories/").then().statusCode(200);
        JsonPath listed = as(key).get("/v1/memories/?user_id=" + userId).then().statusCode(200).extract().jsonPath();
        return listed.getList("$");
    }
}
