package dev.engram.gateway.service;

import dev.engram.core.domain.Tenant;
import dev.engram.core.tenant.ApiKeyStore;
import dev.engram.core.tenant.Project;
import dev.engram.core.tenant.ProjectDefaults;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;

/**
 * Each project's {@link ProjectDefaults}, read from the {@link ApiKeyStore} at most once per {@link #TTL} per tenant,
 * so an add costs no database read of its own. A change made through this gateway's admin API applies to its next add;
 * a change made elsewhere (the console on the shared database, another gateway) within {@link #TTL}.
 */
@ApplicationScoped
public class ProjectDefaultsCache {

    /** How long a project's defaults are reused before they are read again. */
    public static final Duration TTL = Duration.ofSeconds(5);

    private final TenantCache<ProjectDefaults> entries;

    @Inject
    ProjectDefaultsCache(ApiKeyStore store) {
        this(store, Clock.systemUTC());
    }

    ProjectDefaultsCache(ApiKeyStore store, Clock clock) {
        this.entries = new TenantCache<>(tenant -> store.project(tenant).map(Project::defaults).orElse(ProjectDefaults.NONE), TTL, clock);
    }

    /** The tenant's defaults; {@link ProjectDefaults#NONE} for a tenant without a project row. */
    public ProjectDefaults get(Tenant tenant) {
        return entries.get(tenant);
    }

    /** Forgets the tenant's entry, so the next add reads the defaults just stored. */
    public void invalidate(Tenant tenant) {
        entries.invalidate(tenant);
    }
}
