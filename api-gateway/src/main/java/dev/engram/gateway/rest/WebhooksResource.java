package dev.engram.gateway.rest;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.core.tenant.KeyScope;
import dev.engram.gateway.rest.dto.DeliveryView;
import dev.engram.gateway.rest.dto.MessageView;
import dev.engram.gateway.rest.dto.NewWebhookBody;
import dev.engram.gateway.rest.dto.WebhookUpdateBody;
import dev.engram.gateway.rest.dto.WebhookView;
import dev.engram.gateway.security.RequiresScope;
import dev.engram.gateway.service.WebhookService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.ResponseStatus;

import java.util.List;

/**
 * Mem0's webhook routes, for the caller's project:
 * <ul>
 *   <li>{@code GET /api/v1/webhooks/projects/{project_id}/} → the project's webhooks</li>
 *   <li>{@code POST /api/v1/webhooks/projects/{project_id}/} {@code {name, url, event_types?}} → 201 the webhook, with its
 *       signing {@code secret} shown this once</li>
 *   <li>{@code PUT /api/v1/webhooks/{webhook_id}/} {@code {name?, url?, event_types?, is_active?}} →
 *       {@code {"message":"Webhook updated successfully"}}</li>
 *   <li>{@code DELETE /api/v1/webhooks/{webhook_id}/} → {@code {"message":"Webhook deleted successfully"}}</li>
 *   <li>{@code GET /api/v1/webhooks/{webhook_id}/deliveries/?limit=} → the delivery log, newest first (Engram's)</li>
 * </ul>
 */
@Path("/api/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = OpenApiDefinition.PROJECTS)
public class WebhooksResource {

    private final WebhookService webhooks;

    WebhooksResource(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @GET
    @Path("/projects/{project_id}")
    @RequiresScope(KeyScope.READ)
    @Operation(summary = "The project's webhooks")
    public List<WebhookView> list(@PathParam("project_id") String projectId) {
        return webhooks.list(projectId).stream().map(w -> WebhookView.of(w, false)).toList();
    }

    @POST
    @Path("/projects/{project_id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(KeyScope.WRITE)
    @ResponseStatus(201)
    @Operation(summary = "Create a webhook (its signing secret is shown this once)")
    @APIResponse(responseCode = "201", description = "The webhook, with its signing secret shown this once",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookView.class)))
    public WebhookView create(@PathParam("project_id") String projectId,
                              @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NewWebhookBody.class))) JsonNode body) {
        return WebhookView.of(webhooks.create(projectId, body), true);
    }

    @PUT
    @Path("/{webhook_id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(KeyScope.WRITE)
    @Operation(summary = "Update a webhook")
    public MessageView update(@PathParam("webhook_id") String webhookId,
                              @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookUpdateBody.class))) JsonNode body) {
        webhooks.update(webhookId, body);
        return new MessageView("Webhook updated successfully");
    }

    @DELETE
    @Path("/{webhook_id}")
    @RequiresScope(KeyScope.WRITE)
    @Operation(summary = "Delete a webhook")
    public MessageView delete(@PathParam("webhook_id") String webhookId) {
        webhooks.delete(webhookId);
        return new MessageView("Webhook deleted successfully");
    }

    @GET
    @Path("/{webhook_id}/deliveries")
    @RequiresScope(KeyScope.READ)
    @Operation(summary = "A webhook's delivery log, newest first")
    public List<DeliveryView> deliveries(@PathParam("webhook_id") String webhookId, @QueryParam("limit") Integer limit) {
        return webhooks.deliveries(webhookId, limit).stream().map(DeliveryView::of).toList();
    }
}
