package dev.engram.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
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
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A generative hostile client: {@value #REQUESTS} randomised requests (seeded, so a failure can be replayed) across every
 * route of the gateway, with invisible and odd Unicode text, huge and deep filters, wrong types, NUL bytes, huge numbers,
 * bad ids and broken JSON. Any 5xx or dropped connection fails the test; so does a 4xx without a problem body. Plus the
 * transport-level cases a client library does not send: an oversized chunked body and a body starting with NUL bytes.
 */
@QuarkusTest
@QuarkusTestResource(TempDataDirResource.class)
class HostileRequestsTest {

    static final int REQUESTS = 10_000;
    /** Quarkus' default {@code quarkus.http.limits.max-initial-line-length}. */
    private static final int MAX_INITIAL_LINE = 4096;
    static final long SEED = Long.getLong("engram.hostile.seed", 20261207L);
    /** About 40 s on a quiet 2-core machine; the margin is for a machine shared with other builds (3 minutes sent 7,685). */
    static final Duration BUDGET = Duration.ofMinutes(8);

    private record Route(String method, String path, boolean body, boolean admin) {
    }

    private static final List<Route> ROUTES = List.of(
            new Route("POST", "/v3/memories/add/", true, false), new Route("POST", "/v3/memories/search/", true, false),
            new Route("POST", "/v3/memories/", true, false), new Route("POST", "/v1/memories/", true, false),
            new Route("GET", "/v1/memories/", false, false), new Route("DELETE", "/v1/memories/", false, false),
            new Route("POST", "/v1/memories/search/", true, false), new Route("POST", "/v2/memories/", true, false),
            new Route("POST", "/v2/memories/search/", true, false), new Route("GET", "/v1/memories/{id}/", false, false),
            new Route("PUT", "/v1/memories/{id}/", true, false), new Route("DELETE", "/v1/memories/{id}/", false, false),
            new Route("GET", "/v1/memories/{id}/history/", false, false), new Route("PUT", "/v1/batch/", true, false),
            new Route("DELETE", "/v1/batch/", true, false), new Route("POST", "/v1/feedback/", true, false),
            new Route("GET", "/v1/entities/", false, false), new Route("DELETE", "/v1/entities/{text}/{text}/", false, false),
            new Route("DELETE", "/v2/entities/{text}/{text}/", false, false), new Route("GET", "/v1/event/{id}/", false, false),
            new Route("GET", "/v1/events/", false, false), new Route("GET", "/v1/ping/", false, false),
            new Route("POST", "/api/v1/admin/reindex/", true, true), new Route("POST", "/api/v1/admin/consistency/", true, true),
            new Route("POST", "/api/v1/admin/projects/", true, true), new Route("GET", "/api/v1/admin/projects/", false, true),
            new Route("DELETE", "/api/v1/admin/projects/{text}/{text}/", false, true),
            new Route("PUT", "/api/v1/admin/projects/{text}/{text}/defaults/", true, true),
            new Route("POST", "/api/v1/admin/keys/", true, true), new Route("GET", "/api/v1/admin/projects/{text}/{text}/keys/", false, true),
            new Route("DELETE", "/api/v1/admin/keys/{id}/", false, true));

    /** Text that is empty, invisible, odd or hostile once it reaches the engine (JSON string bodies, escapes included). */
    private static final List<String> TEXTS = List.of("\"\"", "\" \"", "\"\\u200b\"", "\"\\u00a0\"", "\"\\u0000\"", "\"\\ud800\"",
            "\"\\udc00x\"", "\"\\ufeff\\u2028\"", "\"\\u202e\\u2066\"", "\"\\u200d\"", "\"\\u0007\\u001b[31m\"", "\"I live in Paris\"",
            "\"I like tea \\u200b\\u00a0\"", "\"\\ud83d\\ude00 emoji\"", "\"*\"", "\"../../etc/passwd\"", "\"' OR 1=1 --\"", "\"%00\"",
            "\"\\\\\"", "\"" + "x".repeat(40_000) + "\"", "\"" + "\\u200b".repeat(5_000) + "\"", "\"用户喜欢喝茶\"");
    private static final List<String> NUMBERS = List.of("1e400", "-1e400", "1e-400", "99999999999999999999999999", "-1", "0", "1.5",
            "9223372036854775808", "-0", "1E308", "2147483648", "123456789012");
    private static final List<String> KEYS = List.of("messages", "user_id", "agent_id", "run_id", "app_id", "query", "filters",
            "metadata", "infer", "timestamp", "top_k", "threshold", "page", "page_size", "text", "data", "memories", "memory_id",
            "feedback", "org_id", "project_id", "name", "scopes", "expiration_date", "custom_categories", "custom_instructions",
            "async_mode", "output_format", "immutable", "repair", "categories", "default_expiration_days", "extraction_mode");
    private static final List<String> FILTER_KEYS = List.of("user_id", "agent_id", "run_id", "app_id", "AND", "OR", "NOT", "metadata",
            "created_at", "updated_at", "timestamp", "categories", "memory_ids", "text", "keywords", "actor_id", "unknown");
    private static final List<String> OPS = List.of("eq", "ne", "in", "nin", "gt", "gte", "lt", "lte", "contains", "icontains", "bogus");

    private final List<String> memoryIds = new ArrayList<>();
    private final List<String> keys = new ArrayList<>();

    @Test
    void tenThousandHostileRequestsNeverAnswer5xxOrDropTheConnection() throws Exception {
        for (int i = 0; i < 4; i++) keys.add(Api.newTenantKey("org-hostile"));
        for (String k : keys) {
            memoryIds.add(Api.addVerbatim(k, "alice", "I live in Lisbon"));
            memoryIds.add(Api.addVerbatim(k, "alice", "My dog is called Rex"));
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger sent = new AtomicInteger();
        long deadline = System.nanoTime() + BUDGET.toNanos();
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Random random = new Random(SEED + t);
                running.add(pool.submit(() -> {
                    while (sent.getAndIncrement() < REQUESTS && System.nanoTime() < deadline && failures.size() < 20) {
                        send(client, random, failures);
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) f.get();
        } finally {
            pool.shutdownNow();
        }
        assertThat(failures).as("seed " + SEED).isEmpty();
        assertThat(sent.get()).as("requests sent within " + BUDGET).isGreaterThanOrEqualTo(REQUESTS);
    }

    private void send(HttpClient client, Random random, List<String> failures) {
        Route route = ROUTES.get(random.nextInt(ROUTES.size()));
        String path = path(route.path(), random) + (random.nextInt(3) == 0 ? query(random) : "");
        byte[] body = route.body() || random.nextInt(10) == 0 ? body(random) : null;
        String key = route.admin() ? TempDataDirResource.ADMIN_KEY : keys.get(random.nextInt(keys.size()));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Token " + key)
                .header("Content-Type", random.nextInt(20) == 0 ? "text/plain" : "application/json")
                .method(route.method(), body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        String what = route.method() + " " + path + " " + (body == null ? "" : new String(body, 0, Math.min(body.length, 160), StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException stale) {
                // The HTTP layer closes a connection after answering 414/431 without saying so, and the pooled client may
                // reuse it: only a request that also fails on a fresh connection counts as dropped.
                try (HttpClient fresh = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
                    response = fresh.send(request.build(), HttpResponse.BodyHandlers.ofString());
                }
            }
            int status = response.statusCode();
            if (status >= 500) {
                failures.add(what + " -> " + status + " " + response.body());
            } else if (status >= 400 && status != 414 && status != 431
                    && !response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
                // 414 and 431 (request line or headers too long) come from the HTTP layer before any route: no problem body
                failures.add(what + " -> " + status + " without a problem body");
            }
        } catch (IOException e) {
            // A request line over the HTTP layer's limit (Quarkus' default 4096 bytes) is answered 414 and the connection
            // closed at once; when the client is still sending, the reset can swallow that 414. Only those may drop.
            if (route.method().length() + path.length() + 10 > MAX_INITIAL_LINE) return;
            failures.add(what + " -> connection failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String path(String template, Random random) {
        String p = template;
        while (p.contains("{id}")) p = p.replaceFirst("\\{id}", encode(id(random)));
        while (p.contains("{text}")) p = p.replaceFirst("\\{text}", encode(unquote(TEXTS.get(random.nextInt(TEXTS.size())), 200)));
        return p;
    }

    private String id(Random random) {
        return switch (random.nextInt(8)) {
            case 0, 1, 2 -> memoryIds.get(random.nextInt(memoryIds.size()));
            case 3 -> memoryIds.get(random.nextInt(memoryIds.size())).toUpperCase();
            case 4 -> UUID.randomUUID().toString();
            case 5 -> "nope";
            case 6 -> "x".repeat(random.nextInt(300));
            default -> "\u0000\u200b%";
        };
    }

    private String query(Random random) {
        String[] names = {"page", "page_size", "user_id", "metadata", "categories", "keywords", "start_date", "end_date", "limit",
                "delete_linked", "org_id", "agent_id"};
        StringBuilder q = new StringBuilder("?");
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            String value = switch (random.nextInt(5)) {
                case 0 -> NUMBERS.get(random.nextInt(NUMBERS.size()));
                case 1 -> unquote(TEXTS.get(random.nextInt(TEXTS.size())), 300);
                case 2 -> filter(random, 0);
                case 3 -> "alice";
                default -> "{\"bad\":";
            };
            q.append(i == 0 ? "" : "&").append(names[random.nextInt(names.length)]).append('=').append(encode(value));
        }
        return q.toString();
    }

    private byte[] body(Random random) {
        int kind = random.nextInt(20);
        if (kind == 0) return concat(new byte[]{0, 0, 0}, object(random).getBytes(StandardCharsets.UTF_8)); // NUL bytes first
        if (kind == 1) return new byte[]{(byte) 0xFF, (byte) 0xFE, 0, 0, '{', 0, '}', 0};
        if (kind == 2) return concat(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, object(random).getBytes(StandardCharsets.UTF_8));
        if (kind == 3) {
            String s = object(random);
            return s.substring(0, random.nextInt(s.length() + 1)).getBytes(StandardCharsets.UTF_8); // truncated
        }
        if (kind == 4) return new byte[]{'{', '"', 'q', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        if (kind == 5) return value(random, 0).getBytes(StandardCharsets.UTF_8); // not an object
        return object(random).getBytes(StandardCharsets.UTF_8);
    }

    /** A JSON object of route fields with hostile values; usually valid JSON. */
    private String object(Random random) {
        StringBuilder o = new StringBuilder("{");
        int n = 1 + random.nextInt(6);
        boolean scoped = random.nextInt(3) > 0;
        if (scoped) o.append("\"user_id\":\"alice\",");
        for (int i = 0; i < n; i++) {
            if (i > 0) o.append(',');
            String key = KEYS.get(random.nextInt(KEYS.size()));
            o.append('"').append(key).append("\":").append(fieldValue(key, random));
        }
        return o.append('}').toString();
    }

    private String fieldValue(String key, Random random) {
        if (random.nextInt(4) == 0) return value(random, 0);
        return switch (key) {
            case "messages" -> random.nextBoolean() ? TEXTS.get(random.nextInt(TEXTS.size()))
                    : "[{\"role\":\"" + (random.nextInt(5) == 0 ? "robot" : "user") + "\",\"content\":" + TEXTS.get(random.nextInt(TEXTS.size())) + "}]";
            case "filters" -> filter(random, 0);
            case "metadata" -> random.nextBoolean() ? "{\"k\":" + value(random, 0) + "}" : filter(random, 0);
            case "infer", "async_mode", "immutable", "repair" -> random.nextInt(4) == 0 ? "false" : "true";
            case "memories" -> "[{\"memory_id\":\"" + id(random) + "\",\"text\":" + TEXTS.get(random.nextInt(TEXTS.size())) + "}"
                    + (random.nextBoolean() ? ",{\"memory_id\":\"" + id(random) + "\",\"text\":" + TEXTS.get(random.nextInt(TEXTS.size())) + "}" : "") + "]";
            case "memory_id" -> "\"" + id(random) + "\"";
            case "timestamp", "top_k", "threshold", "page", "page_size", "default_expiration_days" -> NUMBERS.get(random.nextInt(NUMBERS.size()));
            default -> TEXTS.get(random.nextInt(TEXTS.size()));
        };
    }

    /** A filter: sometimes small and sensible, sometimes deep, wide, or with huge lists and strings. */
    private String filter(Random random, int depth) {
        int shape = random.nextInt(12);
        if (shape == 0 && depth == 0) { // many metadata keys
            StringBuilder m = new StringBuilder("{\"user_id\":\"alice\",\"metadata\":{");
            int keys = 500 + random.nextInt(1500);
            for (int i = 0; i < keys; i++) m.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
            return m.append("}}").toString();
        }
        if (shape == 1 && depth == 0) { // large in lists
            StringBuilder m = new StringBuilder("{\"user_id\":\"alice\",\"OR\":[");
            int lists = 1 + random.nextInt(20);
            for (int l = 0; l < lists; l++) {
                m.append(l == 0 ? "" : ",").append("{\"metadata\":{\"k").append(l).append("\":{\"in\":[");
                int size = 1 + random.nextInt(1200);
                for (int i = 0; i < size; i++) m.append(i == 0 ? "" : ",").append(random.nextBoolean() ? String.valueOf(i) : "\"v" + i + "\"");
                m.append("]}}}");
            }
            return m.append("]}").toString();
        }
        if (shape == 2) return "{\"user_id\":\"" + "x".repeat(500 + random.nextInt(3000)) + "\"}";
        if (shape == 3 && depth < 14) return "{\"AND\":[" + filter(random, depth + 1) + "]}";
        if (shape == 4 && depth < 14) return "{\"NOT\":" + filter(random, depth + 1) + "}";
        StringBuilder f = new StringBuilder("{");
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            if (i > 0) f.append(',');
            String key = FILTER_KEYS.get(random.nextInt(FILTER_KEYS.size()));
            f.append('"').append(key).append("\":");
            switch (key) {
                case "AND", "OR" -> f.append(depth < 6 ? "[" + filter(random, depth + 1) + "," + filter(random, depth + 1) + "]" : "[]");
                case "NOT" -> f.append(depth < 6 ? filter(random, depth + 1) : "{}");
                case "metadata" -> f.append("{\"k\":{\"").append(OPS.get(random.nextInt(OPS.size()))).append("\":").append(value(random, 1)).append("}}");
                default -> f.append(random.nextBoolean() ? value(random, 1)
                        : "{\"" + OPS.get(random.nextInt(OPS.size())) + "\":" + value(random, 1) + "}");
            }
        }
        return f.append('}').toString();
    }

    /** Any JSON value, of any type. */
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

    /** The raw text of a JSON string literal from {@link #TEXTS}, cut to {@code max} characters. */
    private static String unquote(String json, int max) {
        String s = json.substring(1, json.length() - 1).replace("\\u0000", "\u0000").replace("\\u200b", "\u200b").replace("\\u00a0", "\u00a0");
        return s.length() > max ? s.substring(0, max) : s;
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

    // ---- transport-level cases -------------------------------------------------------------------------------------

    @Test
    void oversizedChunkedAndNulBodiesGetClientErrors() throws IOException {
        String key = Api.newTenantKey("org-hostile-big");
        String head = "POST /v3/memories/search/ HTTP/1.1\r\nHost: localhost\r\nAuthorization: Token " + key
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
        // valid JSON as far as it goes, so the server has to read on until the limit
        StringBuilder chunks = new StringBuilder(head).append("a\r\n{\"query\":\"\r\n");
        String chunk = "x".repeat(64 * 1024);
        for (int i = 0; i < 80; i++) chunks.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        chunks.append("0\r\n\r\n");
        assertThat(exchange(chunks.toString())).startsWith("HTTP/1.1 413");

        String nul = "\u0000\u0000{\"query\":\"tea\",\"filters\":{\"user_id\":\"alice\"}}";
        String plain = "POST /v3/memories/search/ HTTP/1.1\r\nHost: localhost\r\nAuthorization: Token " + key
                + "\r\nContent-Type: application/json\r\nContent-Length: " + nul.length() + "\r\nConnection: close\r\n\r\n" + nul;
        assertThat(exchange(plain)).startsWith("HTTP/1.1 400");
    }

    /** Sends raw bytes and returns the status line; an empty string when the server closed without answering. */
    private static String exchange(String raw) throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException e) {
                // the server may answer (413) and close before the whole body is sent: read what it said
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0 && b != '\n') line.write(b);
            return line.toString(StandardCharsets.ISO_8859_1).strip();
        }
    }
}
