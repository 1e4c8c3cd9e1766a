package dev.engram.gateway.service;

import dev.engram.core.domain.Tenant;
import dev.engram.core.engine.MemoryEngine;
import dev.engram.core.ingest.EventStore;
import dev.engram.core.error.ConflictException;
import dev.engram.core.error.NotFoundException;
import dev.engram.core.export.ExportJobStore;
import dev.engram.core.error.ValidationException;
import dev.engram.core.tenant.ApiKey;
import dev.engram.core.tenant.ApiKeyStore;
import dev.engram.core.webhook.Webhook;
import dev.engram.core.webhook.WebhookStore;
import dev.engram.core.profile.ProfileStore;
import dev.engram.core.feedback.FeedbackStore;
import dev.engram.core.tenant.ApiKeys;
import dev.engram.core.tenant.KeyScope;
import dev.engram.core.tenant.Project;
import dev.engram.core.tenant.ProjectDefaults;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Platform administration: projects (tenants) and their API keys. Callers need the ADMIN scope. */
@ApplicationScoped
public class AdminService {

    /** A new key: the stored record and, shown this once, the key text. */
    public record IssuedKey(ApiKey key, String keyText) {
    }

    /** What deleting a project did: the keys it revoked and the events it erased (memories and history are all gone). */
    public record DeletedProject(int revokedKeys, int erasedEvents) {
    }

    private final WebhookStore webhooks;
    private final ProfileStore profiles;
    private final ExportJobStore exports;
    private final ApiKeyStore store;
    private final ProjectDefaultsCache defaultsCache;
    private final MemoryEngine engine;
    private final EventStore events;
    private final FeedbackStore feedback;
    private final FeedbackCache feedbackCache;
    private final Clock clock = Clock.systemUTC();

    AdminService(ApiKeyStore store, ProjectDefaultsCache defaultsCache, MemoryEngine engine, EventStore events, WebhookStore webhooks,
                 ProfileStore profiles, FeedbackStore feedback, FeedbackCache feedbackCache, ExportJobStore exports) {
        this.store = store;
        this.profiles = profiles;
        this.feedback = feedback;
        this.feedbackCache = feedbackCache;
        this.webhooks = webhooks;
        this.exports = exports;
        this.defaultsCache = defaultsCache;
        this.engine = engine;
        this.events = events;
    }

    public Project createProject(String orgId, String projectId, String name) {
        Tenant tenant = tenant(orgId, projectId == null || projectId.isBlank() ? "proj_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16) : projectId);
        String n = name == null || name.isBlank() ? tenant.projectId() : name.strip();
        if (n.length() > 256) throw new ValidationException("name must be at most 256 characters");
        if (!store.createProject(tenant, n, clock.instant())) {
            throw new ConflictException("Project " + tenant.projectId() + " already exists in organisation " + tenant.orgId());
        }
        return store.project(tenant).orElseThrow();
    }

    public List<Project> projects(String orgId) {
        return store.projects(orgId == null || orgId.isBlank() ? null : orgId);
    }

    /** Replaces the project's defaults for its adds; this gateway applies them from its next add. */
    public ProjectDefaults updateDefaults(String orgId, String projectId, ProjectDefaults defaults) {
        Tenant tenant = tenant(orgId, projectId);
        if (!store.updateDefaults(tenant, defaults, clock.instant())) throw new NotFoundException("Project not found");
        defaultsCache.invalidate(tenant);
        return store.project(tenant).map(Project::defaults).orElseThrow(() -> new NotFoundException("Project not found"));
    }

    public IssuedKey createKey(String orgId, String projectId, String name, List<String> scopes, String userEmail, String defaultUserId) {
        Tenant tenant = tenant(orgId, projectId);
        store.project(tenant).orElseThrow(() -> new NotFoundException("Project not found: create it first"));
        Set<KeyScope> s = EnumSet.noneOf(KeyScope.class);
        if (scopes == null || scopes.isEmpty()) s.addAll(List.of(KeyScope.READ, KeyScope.WRITE));
        else for (String sc : scopes) s.add(KeyScope.parse(sc == null ? "" : sc));
        String n = name == null || name.isBlank() ? "key" : name.strip();
        if (n.length() > 256) throw new ValidationException("name must be at most 256 characters");
        if (userEmail != null && userEmail.length() > 320) throw new ValidationException("user_email must be at most 320 characters");
        String defaultUser = ApiKey.defaultUser(defaultUserId);
        String text = ApiKeys.generate();
        return new IssuedKey(store.createKey(tenant, n, text, s, userEmail, defaultUser, clock.instant()), text);
    }

    public List<ApiKey> keys(String orgId, String projectId) {
        Tenant tenant = tenant(orgId, projectId);
        store.project(tenant).orElseThrow(() -> new NotFoundException("Project not found"));
        return store.keys(tenant);
    }

    public void revokeKey(String keyId) {
        if (!store.revoke(keyId(keyId), clock.instant())) throw new NotFoundException("API key not found");
    }

    /** Sets or clears the key's default user and returns the key as it now is. */
    public ApiKey setDefaultUser(String keyId, String defaultUserId) {
        UUID id = keyId(keyId);
        if (!store.setDefaultUser(id, defaultUserId)) throw new NotFoundException("API key not found");
        return store.findById(id).orElseThrow(() -> new NotFoundException("API key not found"));
    }

    private static UUID keyId(String keyId) {
        try {
            return UUID.fromString(keyId);
        } catch (IllegalArgumentException e) {
            throw new ValidationException("key_id should be a valid UUID");
        }
    }

    /**
     * Deletes the project's contents: revokes every key first (no new request can write), then erases its memories,
     * their history and index entries ({@link MemoryEngine#reset}) and their feedback, its webhooks with their deliveries, its
     * users' profiles with the profile jobs and settings, and its add events; an add still queued is cancelled,
     * so the worker drops it ({@link EventStore#deleteTenant}). The project record stays, so
     * the id can be used again: a new key for it finds nothing. Repeating the call is harmless.
     */
    public DeletedProject deleteProject(String orgId, String projectId) {
        Tenant tenant = tenant(orgId, projectId);
        int revoked = 0;
        for (ApiKey k : keys(orgId, projectId)) {
            if (k.active() && store.revoke(k.id(), clock.instant())) revoked++;
        }
        for (Webhook w : webhooks.list(tenant)) webhooks.delete(tenant, w.id()); // with their deliveries
        exports.deleteTenant(tenant); // the export jobs and their JSON
        engine.reset(tenant);
        profiles.deleteTenant(tenant); // the users' profiles, the profile jobs and settings
        feedback.deleteTenant(tenant);
        feedbackCache.invalidate(tenant);
        int erased = events.deleteTenant(tenant, clock.instant());
        defaultsCache.invalidate(tenant);
        return new DeletedProject(revoked, erased);
    }

    private static Tenant tenant(String orgId, String projectId) {
        try {
            return Tenant.of(orgId == null ? "" : orgId.strip(), projectId == null ? "" : projectId.strip());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ValidationException("org_id and project_id must be 1-128 characters without '/' or control characters");
        }
    }
}
