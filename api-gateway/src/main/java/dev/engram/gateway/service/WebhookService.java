package dev.engram.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.core.domain.Tenant;
import dev.engram.core.error.NotFoundException;
import dev.engram.core.error.ValidationException;
import dev.engram.core.webhook.Webhook;
import dev.engram.core.webhook.WebhookChange;
import dev.engram.core.webhook.WebhookDelivery;
import dev.engram.core.webhook.WebhookEventType;
import dev.engram.core.webhook.WebhookSignature;
import dev.engram.core.webhook.WebhookStore;
import dev.engram.core.webhook.WebhookTargets;
import dev.engram.gateway.config.EngramConfig;
import dev.engram.gateway.security.CallerContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The calling project's webhooks (Mem0's {@code /api/v1/webhooks/...}). The tenant comes from {@link CallerContext}
 * only: a project id in the path must be the caller's own, and a webhook id of another project is not found, so one
 * project's key can neither see nor change another's webhooks. URLs are checked by {@link WebhookTargets}.
 */
@ApplicationScoped
public class WebhookService {

    /** The longest webhook name. */
    static final int MAX_NAME_CHARS = 256;
    /** The event types of a webhook created without {@code event_types}. */
    static final Set<WebhookEventType> DEFAULT_TYPES =
            EnumSet.of(WebhookEventType.MEMORY_ADD, WebhookEventType.MEMORY_UPDATE, WebhookEventType.MEMORY_DELETE);

    private final CallerContext caller;
    private final WebhookStore store;
    private final WebhookTargets targets;
    private final Clock clock = Clock.systemUTC();

    WebhookService(CallerContext caller, WebhookStore store, EngramConfig config) {
        this.caller = caller;
        this.store = store;
        this.targets = new WebhookTargets(config.webhooks().allowPrivateTargets());
    }

    /** The webhooks of the project in the path, which must be the caller's. */
    public List<Webhook> list(String projectId) {
        return store.list(ownProject(projectId));
    }

    /** Creates a webhook with a new secret (returned with it, this once). */
    public Webhook create(String projectId, JsonNode body) {
        Tenant tenant = ownProject(projectId);
        requireObject(body);
        String name = name(body, true);
        String url = targets.check(BodyFields.text(body, "url")).toString();
        Set<WebhookEventType> types = BodyFields.absent(body.get("event_types")) ? DEFAULT_TYPES : types(body.get("event_types"));
        return store.create(tenant, name, url, types, WebhookSignature.newSecret(), clock.instant());
    }

    /** Changes what the body names ({@code name}, {@code url}, {@code event_types}, {@code is_active}). */
    public Webhook update(String webhookId, JsonNode body) {
        requireObject(body);
        String url = BodyFields.absent(body.get("url")) ? null : targets.check(BodyFields.text(body, "url")).toString();
        Set<WebhookEventType> types = BodyFields.absent(body.get("event_types")) ? null : types(body.get("event_types"));
        Boolean active = null;
        if (!BodyFields.absent(body.get("is_active"))) {
            if (!body.get("is_active").isBoolean()) throw new ValidationException("is_active must be true or false");
            active = body.get("is_active").booleanValue();
        }
        WebhookChange change = new WebhookChange(name(body, false), url, types, active);
        return store.update(caller.tenant(), id(webhookId), change, clock.instant()).orElseThrow(WebhookService::notFound);
    }

    public void delete(String webhookId) {
        if (!store.delete(caller.tenant(), id(webhookId))) throw notFound();
    }

    /** The webhook's delivery log, newest first. */
    public List<WebhookDelivery> deliveries(String webhookId, Integer limit) {
        int n = limit == null ? 50 : limit;
        if (n < 1 || n > 200) throw new ValidationException("limit must be between 1 and 200");
        UUID id = id(webhookId);
        Tenant tenant = caller.tenant();
        store.get(tenant, id).orElseThrow(WebhookService::notFound);
        return store.deliveries(tenant, id, n);
    }

    /** The caller's tenant when {@code projectId} is its project; otherwise the project is not found. */
    private Tenant ownProject(String projectId) {
        Tenant tenant = caller.tenant();
        if (!tenant.projectId().equals(projectId)) throw new NotFoundException("Project not found");
        return tenant;
    }

    private static void requireObject(JsonNode body) {
        if (body == null || !body.isObject()) throw new ValidationException("The request body must be a JSON object");
    }

    private static String name(JsonNode body, boolean required) {
        String name = BodyFields.text(body, "name");
        if (name == null || name.isBlank()) {
            if (required) throw new ValidationException("name is required");
            return null;
        }
        if (name.length() > MAX_NAME_CHARS) throw new ValidationException("name exceeds " + MAX_NAME_CHARS + " characters");
        return name.strip();
    }

    private static Set<WebhookEventType> types(JsonNode node) {
        if (!node.isArray() || node.isEmpty()) throw new ValidationException("event_types must be a non-empty list such as [\"memory_add\"]");
        Set<WebhookEventType> out = EnumSet.noneOf(WebhookEventType.class);
        for (JsonNode t : node) {
            if (!t.isTextual()) throw new ValidationException("event_types must hold names such as \"memory_add\"");
            out.add(WebhookEventType.parse(t.asText()));
        }
        return out;
    }

    private static UUID id(String webhookId) {
        try {
            return UUID.fromString(webhookId);
        } catch (IllegalArgumentException e) {
            throw notFound();
        }
    }

    private static NotFoundException notFound() {
        return new NotFoundException("Webhook not found");
    }
}
