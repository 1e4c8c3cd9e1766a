package dev.engram.dashboard.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.engram.core.domain.Tenant;
import dev.engram.dashboard.config.DashboardConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Calls the api-gateway with the dashboard's admin-scoped API key ({@code engram.dashboard.gateway.*}). A call may act
 * for one tenant ({@code X-Engram-Org-Id}, {@code X-Engram-Project-Id}: the gateway accepts them from admin keys only).
 * What the dashboard cannot fix (the gateway unreachable, the key refused, a 5xx) is a {@link GatewayUnavailableException}
 * (503); other answers, 4xx included, are returned for the caller to map.
 */
@ApplicationScoped
public class GatewayClient {

    public static final String ORG_HEADER = "X-Engram-Org-Id";
    public static final String PROJECT_HEADER = "X-Engram-Project-Id";

    /** An answer of the gateway: its status and JSON body (a missing node when it had none). */
    public record Reply(int status, JsonNode body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The problem's detail (RFC 9457) or a generic text. */
        public String detail() {
            JsonNode d = body.path("detail");
            return d.isTextual() ? d.asText() : "The api-gateway answered " + status;
        }
    }

    private final URI base;
    private final Optional<String> apiKey;
    private final Duration timeout;
    private final ObjectMapper json;
    private final MeterRegistry registry;
    private final HttpClient http;

    @Inject
    GatewayClient(DashboardConfig config, ObjectMapper json, MeterRegistry registry) {
        DashboardConfig.Gateway g = config.dashboard().gateway();
        String url = g.url().toString();
        this.base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        this.apiKey = g.apiKey().map(String::strip).filter(k -> !k.isEmpty());
        this.timeout = g.timeout();
        this.json = json;
        this.registry = registry;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public Reply get(String path, Tenant actingFor) {
        return send("GET", path, null, actingFor);
    }

    public Reply post(String path, Object body, Tenant actingFor) {
        return send("POST", path, body, actingFor);
    }

    public Reply delete(String path, Tenant actingFor) {
        return send("DELETE", path, null, actingFor);
    }

    /** Sends one request; {@code actingFor} may be null (the platform administration routes). */
    public Reply send(String method, String path, Object body, Tenant actingFor) {
        String key = apiKey.orElseThrow(() -> new GatewayUnavailableException(
                "The dashboard has no API key for the api-gateway: set engram.dashboard.gateway.api-key (ENGRAM_DASHBOARD_GATEWAY_API_KEY) to a key with the admin scope"));
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
                .header("Authorization", "Token " + key).header("Accept", "application/json");
        if (actingFor != null) request.header(ORG_HEADER, actingFor.orgId()).header(PROJECT_HEADER, actingFor.projectId());
        try {
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("A request body for the api-gateway could not be written", e);
        }
        Timer.Sample sample = Timer.start(registry);
        String outcome = "error";
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            outcome = Integer.toString(response.statusCode());
            Reply reply = new Reply(response.statusCode(), parse(response.body()));
            if (reply.status() == 401 || reply.status() == 403) {
                throw new GatewayUnavailableException("The api-gateway refused the dashboard's API key (engram.dashboard.gateway.api-key): it must be an active key with the admin scope");
            }
            if (reply.status() >= 500) throw new GatewayUnavailableException("The api-gateway failed: " + reply.detail());
            return reply;
        } catch (IOException e) {
            throw new GatewayUnavailableException("The api-gateway at " + base + " is unreachable (" + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayUnavailableException("Interrupted while calling the api-gateway", e);
        } finally {
            sample.stop(registry.timer("engram.dashboard.gateway.requests", "method", method, "status", outcome));
        }
    }

    private JsonNode parse(byte[] body) {
        if (body.length == 0) return MissingNode.getInstance();
        try {
            return json.readTree(body);
        } catch (IOException e) {
            return MissingNode.getInstance(); // not JSON (a proxy's error page): the status says enough
        }
    }
}
