package dev.engram.dashboard.service;

import dev.engram.core.domain.Tenant;
import dev.engram.core.error.ConflictException;
import dev.engram.core.error.NotFoundException;
import dev.engram.core.error.ValidationException;
import dev.engram.core.tenant.ApiKey;
import dev.engram.core.tenant.KeyScope;
import dev.engram.core.tenant.Project;
import dev.engram.dashboard.identity.ConsoleUser;
import dev.engram.dashboard.identity.Role;
import dev.engram.dashboard.store.AuditAction;
import dev.engram.dashboard.store.Membership;
import dev.engram.dashboard.store.ProjectSettings;
import dev.engram.dashboard.store.ProjectSettingsStore;
import dev.engram.platform.error.ForbiddenException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Projects of an organisation, their API keys and their settings. Projects and keys live in the platform's tenant
 * directory (the gateways authenticate with it); a project deleted here has all its keys revoked, its memories,
 * history and events erased, and is hidden, while its platform row stays (so its id is not given out again).
 */
@ApplicationScoped
public class ProjectService {

    static final int MAX_KEY_NAME = 256;

    private final TenantDirectory directory;
    private final ProjectSettingsStore settings;
    private final AuditLog audit;
    private final Clock clock = Clock.systemUTC();

    @Inject
    ProjectService(TenantDirectory directory, ProjectSettingsStore settings, AuditLog audit) {
        this.directory = directory;
        this.settings = settings;
        this.audit = audit;
    }

    /** The organisation's live projects, oldest first. */
    @Transactional
    public List<Project> list(String orgId) {
        Set<String> deleted = settings.deletedProjectIds(orgId);
        return directory.projects(orgId).stream().filter(p -> !deleted.contains(p.tenant().projectId())).toList();
    }

    @Transactional
    public Project get(String orgId, String projectId) {
        Tenant tenant = tenant(orgId, projectId);
        Set<String> deleted = settings.deletedProjectIds(orgId);
        return directory.project(tenant).filter(p -> !deleted.contains(projectId))
                .orElseThrow(() -> new NotFoundException("Project not found"));
    }

    /** Creates a project; its id is {@code requestedId}, or derived from the name (made unique) when that is null. */
    @Transactional
    public Project create(Membership actor, String name, String requestedId) {
        String orgId = actor.orgId();
        String n = Names.displayName(name, "name");
        Instant now = clock.instant();
        if (requestedId != null) {
            Tenant tenant = tenant(orgId, Names.projectId(requestedId));
            if (!directory.createProject(tenant, n, now)) throw new ConflictException("Project '" + requestedId + "' already exists");
            return created(actor, tenant);
        }
        String base = Names.slug(n);
        for (int attempt = 0; attempt < 5; attempt++) {
            Tenant tenant = tenant(orgId, attempt == 0 ? base : base + "-" + Names.randomId("", 4));
            if (directory.createProject(tenant, n, now)) return created(actor, tenant);
        }
        throw new ConflictException("Could not find a free project id for '" + n + "': give one as 'project_id'");
    }

    /**
     * Revokes every key of the project, erases its memories, history and events ({@link TenantDirectory#deleteProject})
     * and hides it. When the erasure fails the project stays listed, so the deletion can be repeated.
     */
    @Transactional
    public int delete(Membership actor, String projectId) {
        Project p = get(actor.orgId(), projectId);
        Instant now = clock.instant();
        int revoked = directory.deleteProject(p.tenant(), now);
        settings.markDeleted(actor.orgId(), projectId, now);
        audit.record(actor, AuditAction.PROJECT_DELETED, projectId, p.name() + "; " + revoked + " key(s) revoked, memories, history and events erased");
        return revoked;
    }

    private Project created(Membership actor, Tenant tenant) {
        Project p = directory.project(tenant).orElseThrow();
        audit.record(actor, AuditAction.PROJECT_CREATED, tenant.projectId(), p.name());
        return p;
    }

    @Transactional
    public List<ApiKey> keys(String orgId, String projectId) {
        return directory.keys(get(orgId, projectId).tenant());
    }

    /**
     * Creates a key; the returned text is shown once and never stored. The ADMIN scope (the platform administration
     * API) is for organisation admins and owners.
     */
    @Transactional
    public TenantDirectory.IssuedKey createKey(Membership actor, ConsoleUser caller, String projectId, String name, List<String> scopeNames,
                                               String defaultUserId) {
        Project p = get(actor.orgId(), projectId);
        String n = Names.displayName(name, "name");
        String defaultUser = ApiKey.defaultUser(defaultUserId);
        if (scopeNames == null || scopeNames.isEmpty()) throw new ValidationException("'scopes' must name at least one of read, write, admin");
        Set<KeyScope> scopes = EnumSet.noneOf(KeyScope.class);
        for (String s : scopeNames) scopes.add(KeyScope.parse(s == null ? "" : s));
        if (scopes.contains(KeyScope.ADMIN) && !actor.role().atLeast(Role.ADMIN)) {
            throw new ForbiddenException("Only organisation admins and owners may create keys with the admin scope");
        }
        TenantDirectory.IssuedKey issued = directory.createKey(p.tenant(), n, scopes, caller.email(), defaultUser, clock.instant());
        audit.record(actor, AuditAction.KEY_CREATED, keyName(projectId, issued.key()), scopeList(issued.key())
                + (defaultUser == null ? "" : "; default user " + defaultUser));
        return issued;
    }

    /**
     * Sets or clears (null or blank) a key's default user, the user_id MCP tools act for when neither the call nor the
     * connection names one: members may change the keys they created, admins and owners any key.
     */
    @Transactional
    public ApiKey setDefaultUser(Membership actor, ConsoleUser caller, String projectId, UUID keyId, String defaultUserId) {
        Project p = get(actor.orgId(), projectId);
        ApiKey key = directory.keys(p.tenant()).stream().filter(k -> k.id().equals(keyId)).findFirst()
                .orElseThrow(() -> new NotFoundException("API key not found"));
        if (!actor.role().atLeast(Role.ADMIN) && !createdBy(key, caller)) {
            throw new ForbiddenException("Members may change only the keys they created");
        }
        String defaultUser = ApiKey.defaultUser(defaultUserId);
        if (!directory.setDefaultUser(keyId, defaultUser)) throw new NotFoundException("API key not found");
        ApiKey updated = directory.keys(p.tenant()).stream().filter(k -> k.id().equals(keyId)).findFirst().orElseThrow();
        audit.record(actor, AuditAction.KEY_UPDATED, keyName(projectId, updated),
                defaultUser == null ? "default user cleared" : "default user " + defaultUser);
        return updated;
    }

    /** Revokes a key of the project: members may revoke the keys they created, admins and owners any key. */
    @Transactional
    public ApiKey revokeKey(Membership actor, ConsoleUser caller, String projectId, UUID keyId) {
        Project p = get(actor.orgId(), projectId);
        ApiKey key = directory.keys(p.tenant()).stream().filter(k -> k.id().equals(keyId)).findFirst()
                .orElseThrow(() -> new NotFoundException("API key not found"));
        if (!actor.role().atLeast(Role.ADMIN) && !createdBy(key, caller)) {
            throw new ForbiddenException("Members may revoke only the keys they created");
        }
        directory.revoke(keyId, clock.instant());
        ApiKey revoked = directory.keys(p.tenant()).stream().filter(k -> k.id().equals(keyId)).findFirst().orElseThrow();
        audit.record(actor, AuditAction.KEY_REVOKED, keyName(projectId, revoked),
                scopeList(revoked) + (key.userEmail() == null ? "" : "; created by " + key.userEmail()));
        return revoked;
    }

    @Transactional
    public ProjectSettings settings(String orgId, String projectId) {
        Project project = get(orgId, projectId);
        // The engine's part (instructions, categories, expiration, extraction mode) as the tenant directory holds it.
        return settings.find(orgId, projectId).orElse(ProjectSettings.defaults()).withEngineDefaults(project.defaults());
    }

    /**
     * Saves the settings and publishes their engine subset ({@link ProjectSettings#engineDefaults()}) to the tenant
     * directory, where the gateways pick it up for the project's adds within seconds. A failed publication rolls the
     * save back, so the console never shows settings the engine does not apply.
     */
    @Transactional
    public ProjectSettings saveSettings(String orgId, String projectId, ProjectSettings proposed) {
        Project project = get(orgId, projectId);
        ProjectSettings valid = SettingsValidator.validate(proposed);
        if (valid.llmProfile() != null) checkProfile(valid.llmProfile());
        // llm_profile is kept in the tenant directory only (the engine's part), so it is carried past the store.
        ProjectSettings saved = settings.save(orgId, projectId, valid, clock.instant()).withLlmProfile(valid.llmProfile());
        directory.publishDefaults(project.tenant(), saved.engineDefaults());
        return saved;
    }

    /** The LLM profiles a project may choose: those the gateways are configured with. */
    public List<String> llmProfiles() {
        return directory.llmProfiles();
    }

    private void checkProfile(String profile) {
        List<String> configured = directory.llmProfiles();
        if (!configured.contains(profile)) {
            throw new ValidationException("'llm_profile' '" + profile + "' is not a configured LLM profile; "
                    + (configured.isEmpty() ? "none is configured, so leave it empty for the default LLM"
                    : "configured: " + String.join(", ", configured) + " (or empty for the default LLM)"));
        }
    }

    /** A key as the audit log names it: project, prefix (never the key itself) and name. */
    private static String keyName(String projectId, ApiKey key) {
        return projectId + ": " + key.prefix() + "… \"" + key.name() + "\"";
    }

    private static String scopeList(ApiKey key) {
        return "scopes " + String.join(",", key.scopes().stream().sorted().map(KeyScope::wireName).toList());
    }

    private static boolean createdBy(ApiKey key, ConsoleUser caller) {
        String mine = caller.verifiedEmail();
        return mine != null && key.userEmail() != null && mine.equalsIgnoreCase(key.userEmail());
    }

    private static Tenant tenant(String orgId, String projectId) {
        try {
            return Tenant.of(orgId, projectId);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("Project not found");
        }
    }
}
