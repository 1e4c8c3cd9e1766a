package dev.engram.dashboard.service;

import dev.engram.core.domain.Tenant;
import dev.engram.core.error.ConflictException;
import dev.engram.core.error.NotFoundException;
import dev.engram.core.error.ValidationException;
import dev.engram.core.tenant.ApiKey;
import dev.engram.core.tenant.KeyScope;
import dev.engram.core.tenant.Project;
import dev.engram.dashboard.security.Caller;
import dev.engram.dashboard.security.ForbiddenException;
import dev.engram.dashboard.security.Role;
import dev.engram.dashboard.store.Membership;
import dev.engram.dashboard.store.ProjectSettings;
import dev.engram.dashboard.store.ProjectSettingsStore;
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
 * directory (the gateways authenticate with it); a project deleted here has all its keys revoked and is hidden, while
 * its platform row stays (its memories keep their tenant).
 */
@ApplicationScoped
public class ProjectService {

    static final int MAX_KEY_NAME = 256;

    private final TenantDirectory directory;
    private final ProjectSettingsStore settings;
    private final Clock clock = Clock.systemUTC();

    @Inject
    ProjectService(TenantDirectory directory, ProjectSettingsStore settings) {
        this.directory = directory;
        this.settings = settings;
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
    public Project create(String orgId, String name, String requestedId) {
        String n = Names.displayName(name, "name");
        Instant now = clock.instant();
        if (requestedId != null) {
            Tenant tenant = tenant(orgId, Names.projectId(requestedId));
            if (!directory.createProject(tenant, n, now)) throw new ConflictException("Project '" + requestedId + "' already exists");
            return directory.project(tenant).orElseThrow();
        }
        String base = Names.slug(n);
        for (int attempt = 0; attempt < 5; attempt++) {
            Tenant tenant = tenant(orgId, attempt == 0 ? base : base + "-" + Names.randomId("", 4));
            if (directory.createProject(tenant, n, now)) return directory.project(tenant).orElseThrow();
        }
        throw new ConflictException("Could not find a free project id for '" + n + "': give one as 'project_id'");
    }

    /** Revokes every key of the project and hides it. */
    @Transactional
    public int delete(String orgId, String projectId) {
        Project p = get(orgId, projectId);
        Instant now = clock.instant();
        int revoked = directory.revokeAll(p.tenant(), now);
        settings.markDeleted(orgId, projectId, now);
        return revoked;
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
    public TenantDirectory.IssuedKey createKey(Membership actor, Caller caller, String projectId, String name, List<String> scopeNames) {
        Project p = get(actor.orgId(), projectId);
        String n = Names.displayName(name, "name");
        if (scopeNames == null || scopeNames.isEmpty()) throw new ValidationException("'scopes' must name at least one of read, write, admin");
        Set<KeyScope> scopes = EnumSet.noneOf(KeyScope.class);
        for (String s : scopeNames) scopes.add(KeyScope.parse(s == null ? "" : s));
        if (scopes.contains(KeyScope.ADMIN) && !actor.role().atLeast(Role.ADMIN)) {
            throw new ForbiddenException("Only organisation admins and owners may create keys with the admin scope");
        }
        return directory.createKey(p.tenant(), n, scopes, caller.email(), clock.instant());
    }

    /** Revokes a key of the project: members may revoke the keys they created, admins and owners any key. */
    @Transactional
    public ApiKey revokeKey(Membership actor, Caller caller, String projectId, UUID keyId) {
        Project p = get(actor.orgId(), projectId);
        ApiKey key = directory.keys(p.tenant()).stream().filter(k -> k.id().equals(keyId)).findFirst()
                .orElseThrow(() -> new NotFoundException("API key not found"));
        if (!actor.role().atLeast(Role.ADMIN) && !createdBy(key, caller)) {
            throw new ForbiddenException("Members may revoke only the keys they created");
        }
        directory.revoke(keyId, clock.instant());
        return directory.keys(p.tenant()).stream().filter(k -> k.id().equals(keyId)).findFirst().orElseThrow();
    }

    @Transactional
    public ProjectSettings settings(String orgId, String projectId) {
        get(orgId, projectId);
        return settings.find(orgId, projectId).orElse(ProjectSettings.defaults());
    }

    /**
     * Saves the settings and publishes their engine subset ({@link ProjectSettings#engineDefaults()}) to the tenant
     * directory, where the gateways pick it up for the project's adds within seconds. A failed publication rolls the
     * save back, so the console never shows settings the engine does not apply.
     */
    @Transactional
    public ProjectSettings saveSettings(String orgId, String projectId, ProjectSettings proposed) {
        Project project = get(orgId, projectId);
        ProjectSettings saved = settings.save(orgId, projectId, SettingsValidator.validate(proposed), clock.instant());
        directory.publishDefaults(project.tenant(), saved.engineDefaults());
        return saved;
    }

    private static boolean createdBy(ApiKey key, Caller caller) {
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
