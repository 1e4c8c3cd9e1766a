package dev.engram.dashboard.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.core.domain.Tenant;
import dev.engram.dashboard.gateway.GatewayClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A project's webhooks in the console: the gateway's own webhook routes (Mem0's {@code /api/v1/webhooks/...}), called
 * as the project ({@link GatewayClient}), so the console and a Mem0 client manage the same webhooks in one store, with
 * the gateway's checks (URL rule, event names) and its delivery log. Bodies and answers pass through unchanged: the
 * webhook's {@code secret} appears only in the answer to its creation.
 */
@ApplicationScoped
public class ProjectWebhooks {

    private final GatewayClient gateway;
    private final ProjectService projects;

    ProjectWebhooks(GatewayClient gateway, ProjectService projects) {
        this.gateway = gateway;
        this.projects = projects;
    }

    public JsonNode list(String orgId, String projectId) {
        Tenant t = tenant(orgId, projectId);
        return gateway.get(t, "api/v1/webhooks/projects/" + encode(t.projectId()) + "/");
    }

    public JsonNode create(String orgId, String projectId, JsonNode body) {
        Tenant t = tenant(orgId, projectId);
        return gateway.post(t, "api/v1/webhooks/projects/" + encode(t.projectId()) + "/", body);
    }

    public JsonNode update(String orgId, String projectId, String webhookId, JsonNode body) {
        return gateway.put(tenant(orgId, projectId), "api/v1/webhooks/" + encode(webhookId) + "/", body);
    }

    public JsonNode delete(String orgId, String projectId, String webhookId) {
        return gateway.delete(tenant(orgId, projectId), "api/v1/webhooks/" + encode(webhookId) + "/");
    }

    public JsonNode deliveries(String orgId, String projectId, String webhookId) {
        return gateway.get(tenant(orgId, projectId), "api/v1/webhooks/" + encode(webhookId) + "/deliveries/?limit=50");
    }

    /** The project (a 404 when the organisation has no such project). */
    private Tenant tenant(String orgId, String projectId) {
        return projects.get(orgId, projectId).tenant();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
