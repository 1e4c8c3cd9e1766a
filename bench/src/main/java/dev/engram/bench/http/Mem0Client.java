package dev.engram.bench.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmarks' one HTTP client of Engram's Mem0-compatible API (the routes and bodies Mem0's SDKs send), with
 * {@code Authorization: Token <key>}, keep-alive HTTP/1.1 connections shared by the calling threads. Every call
 * answers a {@link Reply} with its client-side latency; transport failures are status -1, never exceptions, so load
 * loops count them as errors.
 */
public final class Mem0Client {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http;
    private final String base;
    private final String authorization;

    /** One answer: HTTP status (-1 when no response arrived), parsed body (null when not JSON) and the time it took. */
    public record Reply(int status, JsonNode body, long nanos, String error) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The ids in {@code results} (a search, a synchronous add) or a bare result array. */
        public List<String> resultIds() {
            List<String> ids = new ArrayList<>();
            JsonNode results = body == null ? null : body.isArray() ? body : body.get("results");
            if (results != null) for (JsonNode r : results) if (r.hasNonNull("id")) ids.add(r.get("id").asText());
            return ids;
        }

        public String text(String field) {
            return body == null || !body.hasNonNull(field) ? null : body.get(field).asText();
        }

        /** A short description of a failed call for error reports. */
        public String describe() {
            if (error != null) return error;
            String b = body == null ? "" : body.toString();
            return status + " " + (b.length() > 200 ? b.substring(0, 200) + "…" : b);
        }
    }

    public Mem0Client(URI base, String apiKey) {
        this.base = base.toString().replaceAll("/+$", "");
        this.authorization = "Token " + apiKey;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** {@code POST /v3/memories/add/}: verbatim ({@code infer:false}, stored before the answer) or inferred (queued, PENDING). */
    public Reply add(String userId, String text, boolean infer) {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("messages").addObject().put("role", "user").put("content", text);
        body.put("user_id", userId).put("infer", infer);
        return send("POST", "/v3/memories/add/", body);
    }

    /** {@code POST /v3/memories/search/} scoped to one user, as Mem0's clients search. */
    public Reply search(String userId, String query, int topK) {
        ObjectNode body = JSON.createObjectNode().put("query", query).put("top_k", topK);
        body.putObject("filters").put("user_id", userId);
        return send("POST", "/v3/memories/search/", body);
    }

    /** {@code POST /v3/memories/?page=1&page_size=N}: a user's memories, newest first. */
    public Reply list(String userId, int pageSize) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("filters").put("user_id", userId);
        return send("POST", "/v3/memories/?page=1&page_size=" + pageSize, body);
    }

    public Reply get(String memoryId) {
        return send("GET", "/v1/memories/" + enc(memoryId) + "/", null);
    }

    public Reply update(String memoryId, String text) {
        return send("PUT", "/v1/memories/" + enc(memoryId) + "/", JSON.createObjectNode().put("text", text));
    }

    public Reply delete(String memoryId) {
        return send("DELETE", "/v1/memories/" + enc(memoryId) + "/", null);
    }

    /** {@code GET /v1/event/{id}/}: the state of a queued add ({@code status} PENDING, RUNNING, SUCCEEDED, FAILED). */
    public Reply event(String eventId) {
        return send("GET", "/v1/event/" + enc(eventId) + "/", null);
    }

    /** The text of {@code url} (no credentials), or null when it does not answer 200: health checks and {@code /q/metrics}. */
    public static String fetch(HttpClient http, URI url) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private Reply send(String method, String path, JsonNode body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT).header("Authorization", authorization);
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        long start = System.nanoTime();
        try {
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            long nanos = System.nanoTime() - start;
            return new Reply(r.statusCode(), parse(r.body()), nanos, null);
        } catch (IOException e) {
            return new Reply(-1, null, System.nanoTime() - start, method + " " + path + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(-1, null, System.nanoTime() - start, method + " " + path + ": interrupted");
        }
    }

    private static JsonNode parse(byte[] bytes) {
        if (bytes.length == 0) return null;
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            return null;
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
