package dev.engram.dashboard.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.dashboard.identity.Role;
import dev.engram.dashboard.security.CurrentAccess;
import dev.engram.dashboard.security.OrgAccess;
import dev.engram.dashboard.service.ProjectExports;
import dev.engram.dashboard.service.ProjectService;
import dev.engram.dashboard.service.ProjectWebhooks;
import dev.engram.dashboard.service.TenantDirectory;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.UUID;

/** Projects of an organisation, their API keys, settings, webhooks and memory exports. Rights: {@link OrgAccess} per method, see docs/dashboard.md. */
@Path("/api/v1/orgs/{org_id}/projects")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProjectResource {

    @Inject
    ProjectService projects;
    @Inject
    CurrentAccess access;
    @Inject
    ProjectWebhooks webhooks;
    @Inject
    ProjectExports exports;

    @GET
    @OrgAccess(Role.READER)
    public List<Views.ProjectView> list(@PathParam("org_id") String orgId) {
        return projects.list(orgId).stream().map(Views.ProjectView::of).toList();
    }

    @POST
    @OrgAccess(Role.ADMIN)
    public Response create(@PathParam("org_id") String orgId, Views.ProjectBody body) {
        Views.ProjectBody b = Views.required(body);
        return Response.status(Response.Status.CREATED).entity(Views.ProjectView.of(projects.create(access.membership(), b.name(), b.projectId()))).build();
    }

    @GET
    @Path("{project_id}")
    @OrgAccess(Role.READER)
    public Views.ProjectView get(@PathParam("org_id") String orgId, @PathParam("project_id") String projectId) {
        return Views.ProjectView.of(projects.get(orgId, projectId));
    }

    /** Revokes every key of the project and removes it from the dashboard. */
    @DELETE
    @Path("{project_id}")
    @OrgAccess(Role.ADMIN)
    public Response delete(@PathParam("org_id") String orgId, @PathParam("project_id") String projectId) {
        projects.delete(access.membership(), projectId);
        return Response.noContent().build();
    }

    @GET
    @Path("{project_id}/keys")
    @OrgAccess(Role.READER)
    public List<Views.Key> keys(@PathParam("org_id") String orgId, @PathParam("project_id") String projectId) {
        return projects.keys(orgId, projectId).stream().map(Views.Key::of).toList();
    }

    @POST
    @Path("{project_id}/keys")
    @OrgAccess(Role.MEMBER)
    public Response createKey(@PathParam("org_id") String orgId, @PathParam("project_id") String projectId, Views.KeyBody body) {
        Views.KeyBody b = Views.required(body);
        TenantDirectory.IssuedKey created = projects.createKey(access.membership(), access.caller(), projectId, b.name(), b.scopes(),
                b.defaultUserId());
        return Response.status(Response.Status.CREATED).entity(Views.CreatedKey.of(created.key(), created.text())).build();
    }

    @PATCH
    @Path("{project_id}/keys/{key_id}")
    @OrgAccess(Role.MEMBER)
    public Views.Key updateKey(@PathParam("org_id") String orgId, @PathParam("project_id") String projectId,
                               @PathParam("key_id") UUID keyId, Views.KeyChange body) {
        return Views.Key.of(projects.setDefaultUser(access.membership(), access.caller(), projectId, keyId,
                Views.required(body).defaultUserId()));
    }

    @DELETE
    @Path("{project_id}/keys/{key_id}")
    @OrgAccess(Role.MEMBER)
    public Views.Key revokeKey(@PathParam("org_id") String orgId, @PathParam("project_id") String projectId,
                               @PathParam("key_id") UUID keyId) {
        return Views.Key.of(projects.revokeKey(access.membership(), access.caller(), projectId, keyId));
    }

    @GET
    @Path("{project_id}/settings")
    @OrgAccess(Role.READER)
    public Views.Settings settings(@PathParam("org_id") String orgId, @PathParam("project_id") String projectId) {
        return Views.Settings.of(projects.settings(orgId, projectId));
    }

    @PUT
    @Path("{project_id}/settings")
    @OrgAccess(Role.ADMIN)
    public Views.Settings saveSettings(@PathParam("org_id") String orgId, @PathParam("project_id") String projectId,
                                       Views.Settings body) {
        return Views.Settings.of(projects.saveSettings(orgId, projectId, Views.required(body).toSettings()));
    }

    /** The LLM profiles the platform is configured with, which a project's {@code llm_profile} may name. */
    @GET
    @Path("{project_id}/llm-profiles")
    @OrgAccess(Role.READER)
    public java.util.Map<String, Object> llmProfiles(@PathParam("org_id") String orgId, @PathParam("project_id") String projectId) {
        projects.get(orgId, projectId);
        return java.util.Map.of("profiles", projects.llmProfiles());
    }

    @GET
    @Path("{project_id}/webhooks")
    @OrgAccess(Role.READER)
    public JsonNode webhooks(@PathParam("org_id") String orgId, @PathParam("project_id") String projectId) {
        return webhooks.list(orgId, projectId);
    }

    /** Answers the webhook with its signing {@code secret}, shown this once. */
    @POST
    @Path("{project_id}/webhooks")
    @OrgAccess(Role.ADMIN)
    public Response createWebhook(@PathParam("org_id") String orgId, @PathParam("project_id") String projectId, JsonNode body) {
        return Response.status(Response.Status.CREATED).entity(webhooks.create(orgId, projectId, body)).build();
    }

    @PUT
    @Path("{project_id}/webhooks/{webhook_id}")
    @OrgAccess(Role.ADMIN)
    public JsonNode updateWebhook(@PathParam("org_id") String orgId, @PathParam("project_id") String projectId,
                                  @PathParam("webhook_id") String webhookId, JsonNode body) {
        return webhooks.update(orgId, projectId, webhookId, body);
    }

    @DELETE
    @Path("{project_id}/webhooks/{webhook_id}")
    @OrgAccess(Role.ADMIN)
    public JsonNode deleteWebhook(@PathParam("org_id") String orgId, @PathParam("project_id") String projectId,
                                  @PathParam("webhook_id") String webhookId) {
        return webhooks.delete(orgId, projectId, webhookId);
    }

    /** The webhook's delivery log, newest first (status, attempts, last HTTP status, last error). */
    @GET
    @Path("{project_id}/webhooks/{webhook_id}/deliveries")
    @OrgAccess(Role.READER)
    public JsonNode webhookDeliveries(@PathParam("org_id") String orgId, @PathParam("project_id") String projectId,
                                      @PathParam("webhook_id") String webhookId) {
        return webhooks.deliveries(orgId, projectId, webhookId);
    }

    /** Starts an export of the project's memories ({@code {"user_id"?}}: one end user's); answers {@code {message, id}}. */
    @POST
    @Path("{project_id}/exports")
    @OrgAccess(Role.MEMBER)
    public Response startExport(@PathParam("org_id") String orgId, @PathParam("project_id") String projectId, JsonNode body) {
        String userId = body != null && body.hasNonNull("user_id") ? body.get("user_id").asText() : null;
        return Response.status(Response.Status.CREATED).entity(exports.start(orgId, projectId, userId)).build();
    }

    /** The project's newest exports. */
    @GET
    @Path("{project_id}/exports")
    @OrgAccess(Role.READER)
    public JsonNode exports(@PathParam("org_id") String orgId, @PathParam("project_id") String projectId) {
        return exports.list(orgId, projectId);
    }

    /** One export and its progress (status, processed, total, progress 0..1), what the console's progress bar polls. */
    @GET
    @Path("{project_id}/exports/{export_id}")
    @OrgAccess(Role.READER)
    public JsonNode export(@PathParam("org_id") String orgId, @PathParam("project_id") String projectId,
                           @PathParam("export_id") String exportId) {
        return exports.status(orgId, projectId, exportId);
    }

    /** The finished export as a JSON file. */
    @GET
    @Path("{project_id}/exports/{export_id}/download")
    @OrgAccess(Role.MEMBER)
    public Response downloadExport(@PathParam("org_id") String orgId, @PathParam("project_id") String projectId,
                                   @PathParam("export_id") String exportId) {
        return Response.ok(exports.download(orgId, projectId, exportId))
                .header("Content-Disposition", "attachment; filename=\"engram-export-" + projectId + "-" + exportId + ".json\"").build();
    }
}
