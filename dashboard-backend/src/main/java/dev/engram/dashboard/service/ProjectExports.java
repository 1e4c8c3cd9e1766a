package dev.engram.dashboard.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.core.domain.Tenant;
import dev.engram.core.error.ValidationException;
import dev.engram.dashboard.gateway.GatewayClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * A project's memory exports in the console: the gateway's export routes ({@code POST /v1/exports/},
 * {@code GET /v1/exports/{id}/} for the progress bar, {@code GET /v1/exports/{id}/download/} for the file), called as
 * the project ({@link GatewayClient}), so the console and a Mem0 client share one queue of jobs. The console exports
 * the full format (an empty schema) of every memory of the project, or of one end user.
 */
@ApplicationScoped
public class ProjectExports {

    private static final List<String> ENTITY_FIELDS = List.of("user_id", "agent_id", "app_id", "run_id");

    private final GatewayClient gateway;
    private final ProjectService projects;
    private final ObjectMapper json;

    ProjectExports(GatewayClient gateway, ProjectService projects, ObjectMapper json) {
        this.gateway = gateway;
        this.projects = projects;
        this.json = json;
    }

    /** Starts an export of the project's memories ({@code userId} null: every memory); answers {@code {message, id}}. */
    public JsonNode start(String orgId, String projectId, String userId) {
        ObjectNode body = json.createObjectNode();
        body.putObject("schema");
        if (userId != null && !userId.isBlank()) {
            if (userId.length() > 256) throw new ValidationException("user_id exceeds 256 characters");
            body.putObject("filters").put("user_id", userId.strip());
        } else {
            ArrayNode any = body.putObject("filters").putArray("OR");
            for (String f : ENTITY_FIELDS) any.addObject().put(f, "*");
        }
        return gateway.post(tenant(orgId, projectId), "v1/exports/", body);
    }

    /** The project's newest export jobs. */
    public JsonNode list(String orgId, String projectId) {
        return gateway.get(tenant(orgId, projectId), "v1/exports/?limit=10");
    }

    /** One job and its progress. */
    public JsonNode status(String orgId, String projectId, String exportId) {
        return gateway.get(tenant(orgId, projectId), "v1/exports/" + id(exportId) + "/");
    }

    /** The finished export (Engram's full format). */
    public JsonNode download(String orgId, String projectId, String exportId) {
        return gateway.get(tenant(orgId, projectId), "v1/exports/" + id(exportId) + "/download/");
    }

    /** The project (a 404 when the organisation has no such project). */
    private Tenant tenant(String orgId, String projectId) {
        return projects.get(orgId, projectId).tenant();
    }

    private static String id(String exportId) {
        try {
            return URLEncoder.encode(UUID.fromString(exportId).toString(), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new dev.engram.core.error.NotFoundException("No memory export request found");
        }
    }
}
