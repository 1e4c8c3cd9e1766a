package dev.engram.dashboard.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.core.domain.Tenant;
import dev.engram.core.error.ConflictException;
import dev.engram.core.error.NotFoundException;
import dev.engram.core.error.ValidationException;
import dev.engram.dashboard.config.DashboardConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Calls the api-gateway with {@code Authorization: Token <engram.dashboard.gateway.api-key>} (an admin-scoped key): its
 * administration API (the standalone tenant directory), or its Mem0 API for one project, with
 * {@code X-Engram-Org-Id} / {@code X-Engram-Project-Id}, which make the gateway run the request as that project (the
 * memory browser). Gateway answers become the dashboard's exceptions: 404 → {@link NotFoundException}, 409 →
 * {@link ConflictException}, other 4xx → {@link ValidationException} with the gateway's detail, and everything that is
 * not the caller's fault (no key, a refused key, no answer, a timeout, a 5xx, a 429) → {@link GatewayUnavailableException}.
 * Calls are timed ({@code engram.dashboard.gateway.requests}, by method and status).
 */
@ApplicationScoped
public class GatewayClient {

    public static final String ORG_HEADER = "X-Engram-Org-Id";
    public static final String PROJECT_HEADER = "X-Engram-Project-Id";
    private static final String UNAVAILABLE = "The api-gateway is unavailable; try again later";

    private final ObjectMapper json;
    private final URI base;
    private final Optional<String> apiKey;
    private final Duration timeout;
    private final HttpClient http;
    private final MeterRegistry registry;

    @jakarta.inject.Inject
    GatewayClient(DashboardConfig config, ObjectMapper json, MeterRegistry registry) {
        this(config.dashboard().gateway().url(), config.dashboard().gateway().apiKey(), config.dashboard().gateway().timeout(), json, registry);
    }

    GatewayClient(URI url, Optional<String> apiKey, Duration timeout, ObjectMapper json, MeterRegistry registry) {
        String u = url.toString().strip();
        this.base = URI.create(u.endsWith("/") ? u : u + "/");
        this.apiKey = apiKey.map(String::strip).filter(k -> !k.isEmpty());
        this.timeout = timeout;
        this.json = json;
        this.registry = registry;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * {@code GET path}, as the project {@code tenant} (null: as the key itself, for the administration API); {@code path}
     * is relative to the gateway's base URL and already encoded.
     */
    public JsonNode get(Tenant tenant, String path) {
        return send(tenant, path, "GET", HttpRequest.BodyPublishers.noBody());
    }

    /** {@code POST path} with {@code body} as JSON. */
    public JsonNode post(Tenant tenant, String path, Object body) {
        return send(tenant, path, "POST", jsonBody(body));
    }

    /** {@code PUT path} with {@code body} as JSON. */
    public JsonNode put(Tenant tenant, String path, Object body) {
        return send(tenant, path, "PUT", jsonBody(body));
    }

    /** {@code PATCH path} with {@code body} as JSON. */
    public JsonNode patch(Tenant tenant, String path, Object body) {
        return send(tenant, path, "PATCH", jsonBody(body));
    }

    private HttpRequest.BodyPublisher jsonBody(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write the gateway request body", e);
        }
    }

    public JsonNode delete(Tenant tenant, String path) {
        return send(tenant, path, "DELETE", HttpRequest.BodyPublishers.noBody());
    }

    private JsonNode send(Tenant tenant, String path, String method, HttpRequest.BodyPublisher body) {
        String key = apiKey.orElseThrow(() -> new GatewayUnavailableException(
                "The dashboard cannot call the api-gateway: set engram.dashboard.gateway.api-key to an admin-scoped API key of the gateway"));
        URI uri = base.resolve(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).method(method, body)
                .header("Authorization", "Token " + key).header("Content-Type", "application/json").header("Accept", "application/json");
        if (tenant != null) request.header(ORG_HEADER, tenant.orgId()).header(PROJECT_HEADER, tenant.projectId());
        HttpResponse<String> response;
        Timer.Sample sample = Timer.start(registry);
        String outcome = "error";
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            outcome = Integer.toString(response.statusCode());
        } catch (IOException e) {
            throw new GatewayUnavailableException(UNAVAILABLE, new IOException(method + " " + uri + " failed: " + e, e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayUnavailableException(UNAVAILABLE, e);
        } finally {
            sample.stop(registry.timer("engram.dashboard.gateway.requests", "method", method, "status", outcome));
        }
        return answer(method, uri, response);
    }

    private JsonNode answer(String method, URI uri, HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            try {
                return response.body().isEmpty() ? json.nullNode() : json.readTree(response.body());
            } catch (JsonProcessingException e) {
                throw new GatewayUnavailableException(UNAVAILABLE, failure(method, uri, status, "a body that is not JSON"));
            }
        }
        String detail = detail(response.body());
        if (status == 404) throw new NotFoundException(detail != null ? detail : "Not found");
        if (status == 409) throw new ConflictException(detail != null ? detail : "Conflict");
        if (status == 401 || status == 403) {
            throw new GatewayUnavailableException(
                    "The api-gateway refused the dashboard's key: engram.dashboard.gateway.api-key must be an active key with the admin scope",
                    failure(method, uri, status, detail));
        }
        if (status >= 400 && status < 500 && status != 429) {
            throw new ValidationException(detail != null ? detail : "The api-gateway refused the request (" + status + ")");
        }
        throw new GatewayUnavailableException(UNAVAILABLE, failure(method, uri, status, detail));
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
