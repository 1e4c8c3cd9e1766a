package dev.engram.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes every body-taking route with malformed input and asserts a 4xx problem each time: never a 500 for bad input.
 */
@QuarkusTest
@QuarkusTestResource(TempDataDirResource.class)
class MalformedInputTest {

    private record Route(String method, String path) {
    }

    @Test
    void malformedBodiesAreClientErrors() {
        String key = Api.newTenantKey("org-fuzz");
        String id = UUID.randomUUID().toString();
        List<Route> routes = List.of(new Route("POST", "/v3/memories/add/"), new Route("POST", "/v3/memories/search/"),
                new Route("POST", "/v3/memories/"), new Route("POST", "/v1/memories/"), new Route("POST", "/v1/memories/search/"),
                new Route("POST", "/v2/memories/"), new Route("POST", "/v2/memories/search/"), new Route("PUT", "/v1/memories/" + id + "/"),
                new Route("PUT", "/v1/batch/"), new Route("DELETE", "/v1/batch/"), new Route("POST", "/v1/feedback/"),
                new Route("POST", "/api/v1/admin/projects/"), new Route("POST", "/api/v1/admin/keys/"));
        // bodies no route accepts: syntax errors, wrong top-level types, invalid UTF-8, empty, wrong content type
        List<byte[]> broken = new ArrayList<>();
        for (String s : List.of("", "{", "null", "[]", "42", "\"text\"", "{\"a\":}", "[" .repeat(5000) + "]".repeat(5000))) {
            broken.add(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        broken.add(new byte[]{'{', '"', 'q', 'u', 'e', 'r', 'y', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}); // invalid UTF-8
        broken.add(new byte[]{(byte) 0xFF, (byte) 0xFE, 0, 1});
        List<String> failures = new ArrayList<>();
        for (Route r : routes) {
            String k = r.path().startsWith("/api/") ? TempDataDirResource.ADMIN_KEY : key;
            for (byte[] body : broken) check(failures, r, "application/json", body, k, true);
            check(failures, r, "text/plain", "hello".getBytes(), k, true);
            // wrong types, huge strings and deep nesting in fields: a route that ignores the field may answer 2xx, never 5xx
            for (String s : malformedJson()) check(failures, r, "application/json", s.getBytes(java.nio.charset.StandardCharsets.UTF_8), k, false);
        }
        assertThat(failures).isEmpty();
    }

    private static void check(List<String> failures, Route r, String contentType, byte[] body, String key, boolean mustFail) {
        Response response = RestAssured.given().header("Authorization", "Token " + key).contentType(contentType).body(body)
                .request(r.method(), r.path());
        int status = response.statusCode();
        if (status >= 500 || (mustFail && status < 400)) {
            failures.add(r + " " + contentType + " " + new String(body, 0, Math.min(body.length, 80)) + " -> " + status + " " + response.asString());
        } else if (status >= 400 && !response.contentType().startsWith("application/problem+json")) {
            failures.add(r + " answered " + status + " without a problem body: " + response.contentType());
        }
    }

    private static List<String> malformedJson() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        String deepObject = "{\"a\":".repeat(300) + "1" + "}".repeat(300);
        return List.of("", "{", "null", "[]", "42", "\"text\"", "{\"messages\":42}", "{\"messages\":[42]}", "{\"messages\":{\"role\":1}}",
                "{\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}],\"user_id\":\"u\"}", "{\"messages\":\"x\",\"user_id\":{}}",
                "{\"messages\":\"x\",\"user_id\":\"has space\"}", "{\"messages\":\"x\",\"user_id\":\"u\",\"infer\":\"yes\"}",
                "{\"messages\":\"x\",\"user_id\":\"u\",\"metadata\":[1]}", "{\"messages\":\"x\",\"user_id\":\"u\",\"timestamp\":\"soon\"}",
                "{\"messages\":\"x\",\"user_id\":\"u\",\"timestamp\":-5}", "{\"messages\":\"x\",\"user_id\":\"u\",\"expiration_date\":\"tomorrow\"}",
                "{\"messages\":\"x\",\"user_id\":\"u\",\"custom_categories\":7}", "{\"query\":{},\"filters\":{\"user_id\":\"u\"}}",
                "{\"query\":\"q\",\"filters\":\"user_id\"}", "{\"query\":\"q\",\"filters\":{\"user_id\":\"u\"},\"top_k\":\"ten\"}",
                "{\"query\":\"q\",\"filters\":{\"user_id\":\"u\"},\"top_k\":99999999999999}", "{\"query\":\"q\",\"filters\":{\"created_at\":{\"gte\":\"x\"}}}",
                "{\"query\":\"q\",\"filters\":{\"user_id\":{\"in\":\"notalist\"}}}", "{\"filters\":[1,2]}", "{\"filters\":{\"user_id\":\"u\"},\"page\":\"one\"}",
                "{\"text\":[\"a\"]}", "{\"text\":\"\"}", "{\"timestamp\":{}}", "{\"memories\":\"all\"}", "{\"memories\":[1]}",
                "{\"memories\":[{\"memory_id\":5}]}", "{\"memories\":[{\"memory_id\":\"nope\"}]}", "{\"memory_id\":\"nope\",\"feedback\":\"MEH\"}",
                "{\"org_id\":\"a/b\",\"project_id\":\"p\"}", "{\"org_id\":{},\"project_id\":[]}", "{\"scopes\":\"all\"}",
                "{\"messages\":\"" + "x".repeat(100_000) + "\",\"user_id\":\"u\"}", deep, deepObject,
                "{\"query\":\"q\",\"filters\":" + "{\"AND\":[".repeat(40) + "{\"user_id\":\"u\"}" + "]}".repeat(40) + "}");
    }
}
