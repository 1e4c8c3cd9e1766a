package dev.engram.dashboard.memories;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.core.domain.Tenant;
import dev.engram.core.error.NotFoundException;
import dev.engram.core.error.ValidationException;
import dev.engram.dashboard.config.DashboardConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Calls the api-gateway's Mem0 API for one project: {@code Authorization: Token <engram.dashboard.gateway.api-key>} (an
 * admin-scoped key) plus {@code X-Engram-Org-Id} / {@code X-Engram-Project-Id}, which make the gateway run the request as
 * that project. Gateway answers become the dashboard's exceptions: 404 → {@link NotFoundException}, other 4xx →
 * {@link ValidationException} with the gateway's detail, and everything that is not the caller's fault (no key, a refused
 * key, no answer, a timeout, a 5xx, a 429) → {@link MemoryApiUnavailableException}.
 */
@ApplicationScoped
public class GatewayClient {

    static final String ORG_HEADER = "X-Engram-Org-Id";
    static final String PROJECT_HEADER = "X-Engram-Project-Id";
    private static final String UNAVAILABLE = "The memory API is unavailable; try again later";

    private final ObjectMapper json;
    private final URI base;
    private final Optional<String> apiKey;
    private final Duration timeout;
    private final HttpClient http;

    GatewayClient(DashboardConfig config, ObjectMapper json) {
        DashboardConfig.Gateway gateway = config.dashboard().gateway();
        String url = gateway.url().strip();
        this.base = URI.create(url.endsWith("/") ? url : url + "/");
        this.apiKey = gateway.apiKey().map(String::strip).filter(k -> !k.isEmpty());
        this.timeout = gateway.timeout();
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** {@code GET path} as the project; {@code path} is relative to the gateway's base URL and already encoded. */
    public JsonNode get(Tenant tenant, String path) {
        return send(tenant, path, "GET", HttpRequest.BodyPublishers.noBody());
    }

    /** {@code POST path} with {@code body} as JSON. */
    public JsonNode post(Tenant tenant, String path, Object body) {
        try {
            return send(tenant, path, "POST", HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write the gateway request body", e);
        }
    }

    public JsonNode delete(Tenant tenant, String path) {
        return send(tenant, path, "DELETE", HttpRequest.BodyPublishers.noBody());
    }

    private JsonNode send(Tenant tenant, String path, String method, HttpRequest.BodyPublisher body) {
        String key = apiKey.orElseThrow(() -> new MemoryApiUnavailableException(
                "The memory browser is not configured: set engram.dashboard.gateway.api-key to an admin-scoped API key of the gateway"));
        URI uri = base.resolve(path);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).method(method, body)
                .header("Authorization", "Token " + key).header(ORG_HEADER, tenant.orgId()).header(PROJECT_HEADER, tenant.projectId())
                .header("Content-Type", "application/json").header("Accept", "application/json").build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new MemoryApiUnavailableException(UNAVAILABLE, new IOException(method + " " + uri + " failed: " + e, e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MemoryApiUnavailableException(UNAVAILABLE, e);
        }
        return answer(method, uri, response);
    }

    private JsonNode answer(String method, URI uri, HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            try {
                return response.body().isEmpty() ? json.nullNode() : json.readTree(response.body());
            } catch (JsonProcessingException e) {
                throw new MemoryApiUnavailableException(UNAVAILABLE, failure(method, uri, status, "a body that is not JSON"));
            }
        }
        String detail = detail(response.body());
        if (status == 404) throw new NotFoundException(detail != null ? detail : "Not found");
        if (status == 401 || status == 403) {
            throw new MemoryApiUnavailableException(
                    "The memory API refused the dashboard's key: engram.dashboard.gateway.api-key must be an active key with the admin scope",
                    failure(method, uri, status, detail));
        }
        if (status >= 400 && status < 500 && status != 429) {
            throw new ValidationException(detail != null ? detail : "The memory API refused the request (" + status + ")");
        }
        throw new MemoryApiUnavailableException(UNAVAILABLE, failure(method, uri, status, detail));
    }

    /** What the gateway answered, for the log. */
    private static IllegalStateException failure(String method, URI uri, int status, String detail) {
        return new IllegalStateException(method + " " + uri + " answered " + status + (detail == null ? "" : ": " + detail));
    }

    /** The gateway's problem {@code detail} (Mem0-style bodies say {@code message} or {@code error}). */
    private String detail(String body) {
        try {
            JsonNode node = json.readTree(body);
            for (String field : new String[] {"detail", "message", "error"}) {
                JsonNode d = node.path(field);
                if (d.isTextual() && !d.asText().isBlank()) return d.asText();
            }
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // not JSON: no detail to show
        }
        return null;
    }
}
