package dev.engram.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The gateway's HTTP API as the end-to-end test calls it: JSON in and out, one API key, {@code Authorization: Token}. */
final class Gateway {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String apiKey;

    Gateway(String baseUrl, String apiKey) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
    }

    /** The same gateway with another key. */
    Gateway as(String otherKey) {
        return new Gateway(baseUrl, otherKey);
    }

    /** A response: its status, its body as JSON (null when empty) and its headers. */
    record Reply(int status, JsonNode body, HttpHeaders headers) {
        /** The first value of a header, or null. */
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        Reply expect(int expected) {
            if (status != expected) throw new AssertionError("expected HTTP " + expected + " but got " + status + ": " + body);
            return this;
        }
    }

    Reply post(String path, Object body) {
        try {
            return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .header("Content-Type", "application/json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    /** The body as JSON; a body that is not JSON (it should not happen) is kept as one text node, for the failure message. */
    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(text);
        }
    }

    private Reply send(HttpRequest.Builder request) {
        HttpRequest built = request.header("Authorization", "Token " + apiKey).header("Accept", "application/json")
                .timeout(TIMEOUT).build();
        try {
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            return new Reply(response.statusCode(), text == null || text.isBlank() ? null : json(text), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(built.method() + " " + built.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + built.method() + " " + built.uri(), e);
        }
    }
}
