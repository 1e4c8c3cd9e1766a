package dev.engram.dashboard;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard API under a generative hostile client (the idea of the gateway's {@code HostileRequestsTest}): seeded
 * random requests over every dashboard route, signed in as a real organisation's owner (a signed OIDC token, as the
 * other dashboard tests), with hostile path ids, query strings and bodies (odd Unicode, wrong types, huge values, broken
 * JSON, NUL bytes). Any 5xx or dropped connection fails the test, and so does a 4xx without a problem body. Bounded to
 * {@value #REQUESTS} requests or {@link #BUDGET}; replay a failure with {@code -Dengram.hostile.seed=<seed>}.
 */
@QuarkusTest
@TestProfile(DashboardTestResources.class)
class DashboardHostileRequestsTest {

    static final int REQUESTS = 3_000;
    static final long SEED = Long.getLong("engram.hostile.seed", 20261207L);
    static final Duration BUDGET = Duration.ofSeconds(60);

    private record Route(String method, String path, boolean body) {
    }

    /** Every route of the dashboard API; {org} is the owner's organisation (usually), {project}, {id}, {text} vary. */
    private static final List<Route> ROUTES = List.of(
            new Route("GET", "/api/v1/me", false), new Route("GET", "/api/v1/orgs", false), new Route("POST", "/api/v1/orgs", true),
            new Route("GET", "/api/v1/orgs/{org}", false), new Route("PATCH", "/api/v1/orgs/{org}", true),
            new Route("DELETE", "/api/v1/orgs/{text}", false), new Route("GET", "/api/v1/orgs/{org}/members", false),
            new Route("PATCH", "/api/v1/orgs/{org}/members/{text}", true), new Route("DELETE", "/api/v1/orgs/{org}/members/{text}", false),
            new Route("POST", "/api/v1/orgs/{text}/leave", false), new Route("GET", "/api/v1/orgs/{org}/invitations", false),
            new Route("POST", "/api/v1/orgs/{org}/invitations", true), new Route("DELETE", "/api/v1/orgs/{org}/invitations/{id}", false),
            new Route("GET", "/api/v1/orgs/{org}/audit", false), new Route("GET", "/api/v1/orgs/{org}/projects", false),
            new Route("POST", "/api/v1/orgs/{org}/projects", true), new Route("GET", "/api/v1/orgs/{org}/projects/{project}", false),
            new Route("DELETE", "/api/v1/orgs/{org}/projects/{text}", false),
            new Route("GET", "/api/v1/orgs/{org}/projects/{project}/keys", false),
            new Route("POST", "/api/v1/orgs/{org}/projects/{project}/keys", true),
            new Route("DELETE", "/api/v1/orgs/{org}/projects/{project}/keys/{id}", false),
            new Route("GET", "/api/v1/orgs/{org}/projects/{project}/settings", false),
            new Route("PUT", "/api/v1/orgs/{org}/projects/{project}/settings", true),
            new Route("GET", "/api/v1/orgs/{org}/projects/{project}/analytics", false),
            new Route("GET", "/api/v1/orgs/{org}/projects/{project}/memories/users", false),
            new Route("GET", "/api/v1/orgs/{org}/projects/{project}/memories", false),
            new Route("POST", "/api/v1/orgs/{org}/projects/{project}/memories/search", true),
            new Route("GET", "/api/v1/orgs/{org}/projects/{project}/memories/{id}", false),
            new Route("GET", "/api/v1/orgs/{org}/projects/{project}/memories/{id}/history", false),
            new Route("DELETE", "/api/v1/orgs/{org}/projects/{project}/memories/{id}", false));

    private static final List<String> TEXTS = List.of("\"\"", "\" \"", "\"\\u200b\"", "\"\\u00a0\"", "\"\\u0000\"", "\"\\ud800\"",
            "\"\\ufeff\\u2028\"", "\"\\u202e\"", "\"owner\"", "\"admin\"", "\"reader\"", "\"member\"", "\"OWNER\"", "\"food\"",
            "\"../../etc/passwd\"", "\"' OR 1=1 --\"", "\"%00\"", "\"\\\\\"", "\"" + "x".repeat(20_000) + "\"", "\"用户\"",
            "\"a@example.com\"", "\"not-an-email\"", "\"day\"", "\"month\"", "\"2024-02-30\"", "\"2026-01-01T00:00:00Z\"");
    private static final List<String> NUMBERS = List.of("1e400", "-1e400", "99999999999999999999999999", "-1", "0", "1.5",
            "9223372036854775808", "2147483648", "-0");
    private static final List<String> KEYS = List.of("name", "email", "role", "scopes", "categories", "custom_instructions",
            "custom_categories", "default_expiration_days", "extraction_mode", "webhooks", "user_id", "query", "filters", "page",
            "page_size", "top_k", "limit", "metadata", "text", "settings");
    private static final String[] QUERY_NAMES = {"page", "page_size", "user_id", "granularity", "from", "to", "query", "limit"};

    private final List<String> ids = new ArrayList<>();
    private final List<String> projects = new ArrayList<>(List.of("default"));
    private String org;

    @Test
    void hostileRequestsOnEveryDashboardRouteNeverAnswer5xxOrDropTheConnection() throws Exception {
        Tokens.Person owner = Tokens.person("Hostile");
        org = owner.request().get("/api/v1/me").then().statusCode(200).extract().jsonPath().getString("organisations[0].id");
        projects.add(owner.request().body(Map.of("name", "Target")).post("/api/v1/orgs/" + org + "/projects").then().statusCode(201)
                .extract().jsonPath().getString("id"));
        ids.add(owner.request().body(Map.of("name", "k", "scopes", List.of("read"))).post("/api/v1/orgs/" + org + "/projects/default/keys")
                .then().statusCode(201).extract().jsonPath().getString("id"));
        ids.add(owner.request().body(Map.of("email", Tokens.person("Invitee").email(), "role", "reader"))
                .post("/api/v1/orgs/" + org + "/invitations").then().statusCode(201).extract().jsonPath().getString("id"));

        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger sent = new AtomicInteger();
        long deadline = System.nanoTime() + BUDGET.toNanos();
        Random random = new Random(SEED);
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build()) {
            while (sent.getAndIncrement() < REQUESTS && System.nanoTime() < deadline && failures.size() < 20) {
                send(client, random, owner.token(), failures);
            }
        }
        assertThat(failures).as("seed " + SEED).isEmpty();
        assertThat(sent.get()).as("requests sent").isGreaterThan(500);
    }

    private void send(HttpClient client, Random random, String token, List<String> failures) {
        Route route = ROUTES.get(random.nextInt(ROUTES.size()));
        String path = path(route.path(), random) + (random.nextInt(3) == 0 ? query(random) : "");
        byte[] body = route.body() || random.nextInt(10) == 0 ? body(random) : null;
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                .header("Content-Type", random.nextInt(20) == 0 ? "text/plain" : "application/json")
                .method(route.method(), body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        String what = route.method() + " " + path + " " + (body == null ? "" : new String(body, 0, Math.min(body.length, 160), StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status >= 500) {
                failures.add(what + " -> " + status + " " + response.body());
            } else if (status >= 400 && status != 414 && status != 431
                    && !response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
                failures.add(what + " -> " + status + " without a problem body");
            }
        } catch (IOException e) {
            failures.add(what + " -> connection failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String path(String template, Random random) {
        String p = template.replace("{org}", random.nextInt(8) == 0 ? encode(text(random)) : org)
                .replace("{project}", random.nextInt(6) == 0 ? encode(text(random)) : projects.get(random.nextInt(projects.size())));
        while (p.contains("{id}")) p = p.replaceFirst("\\{id}", encode(id(random)));
        while (p.contains("{text}")) p = p.replaceFirst("\\{text}", encode(text(random)));
        return p;
    }

    private String id(Random random) {
        return switch (random.nextInt(6)) {
            case 0, 1 -> ids.get(random.nextInt(ids.size()));
            case 2 -> UUID.randomUUID().toString();
            case 3 -> "nope";
            case 4 -> "x".repeat(random.nextInt(300));
            default -> "\u0000\u200b%";
        };
    }

    private String text(Random random) {
        String json = TEXTS.get(random.nextInt(TEXTS.size()));
        String s = json.substring(1, json.length() - 1).replace("\\u0000", "\u0000").replace("\\u200b", "\u200b").replace("\\u00a0", "\u00a0");
        return s.length() > 200 ? s.substring(0, 200) : s;
    }

    private String query(Random random) {
        StringBuilder q = new StringBuilder("?");
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            String value = switch (random.nextInt(4)) {
                case 0 -> NUMBERS.get(random.nextInt(NUMBERS.size()));
                case 1 -> text(random);
                case 2 -> "alice";
                default -> "{\"bad\":";
            };
            q.append(i == 0 ? "" : "&").append(QUERY_NAMES[random.nextInt(QUERY_NAMES.length)]).append('=').append(encode(value));
        }
        return q.toString();
    }

    private byte[] body(Random random) {
        int kind = random.nextInt(16);
        if (kind == 0) return concat(new byte[]{0, 0, 0}, object(random).getBytes(StandardCharsets.UTF_8));
        if (kind == 1) return new byte[]{(byte) 0xFF, (byte) 0xFE, 0, 0, '{', 0, '}', 0};
        if (kind == 2) {
            String s = object(random);
            return s.substring(0, random.nextInt(s.length() + 1)).getBytes(StandardCharsets.UTF_8);
        }
        if (kind == 3) return new byte[]{'{', '"', 'n', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        if (kind == 4) return value(random, 0).getBytes(StandardCharsets.UTF_8);
        return object(random).getBytes(StandardCharsets.UTF_8);
    }

    private String object(Random random) {
        StringBuilder o = new StringBuilder("{");
        int n = 1 + random.nextInt(5);
        for (int i = 0; i < n; i++) {
            if (i > 0) o.append(',');
            String key = KEYS.get(random.nextInt(KEYS.size()));
            o.append('"').append(key).append("\":").append(random.nextInt(3) == 0 ? value(random, 0) : fieldValue(key, random));
        }
        return o.append('}').toString();
    }

    private String fieldValue(String key, Random random) {
        return switch (key) {
            case "scopes", "categories", "custom_categories" -> "[" + TEXTS.get(random.nextInt(TEXTS.size())) + ","
                    + TEXTS.get(random.nextInt(TEXTS.size())) + "]";
            case "default_expiration_days", "page", "page_size", "top_k", "limit" -> NUMBERS.get(random.nextInt(NUMBERS.size()));
            case "filters", "metadata", "settings", "webhooks" -> "{\"user_id\":" + value(random, 1) + "}";
            default -> TEXTS.get(random.nextInt(TEXTS.size()));
        };
    }

    private String value(Random random, int depth) {
        return switch (random.nextInt(depth > 2 ? 5 : 8)) {
            case 0 -> TEXTS.get(random.nextInt(TEXTS.size()));
            case 1 -> NUMBERS.get(random.nextInt(NUMBERS.size()));
            case 2 -> random.nextBoolean() ? "true" : "null";
            case 3 -> "\"" + UUID.randomUUID() + "\"";
            case 4 -> "\"2024-02-30T25:61:00Z\"";
            case 5 -> "[" + value(random, depth + 1) + "," + value(random, depth + 1) + "]";
            case 6 -> "{\"x\":" + value(random, depth + 1) + "}";
            default -> "[".repeat(200) + "]".repeat(200);
        };
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
