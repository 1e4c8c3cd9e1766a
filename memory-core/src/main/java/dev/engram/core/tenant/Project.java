package dev.engram.core.tenant;

import dev.engram.core.domain.Tenant;

import java.time.Instant;

/**
 * A project of an organisation: the tenant memories, events and keys belong to.
 *
 * @param defaults what the project's adds get when they do not say ({@link ProjectDefaults#NONE} when never set)
 */
public record Project(Tenant tenant, String name, Instant createdAt, ProjectDefaults defaults) {

    public Project {
        defaults = defaults == null ? ProjectDefaults.NONE : defaults;
    }

    /** A project without defaults. */
    public Project(Tenant tenant, String name, Instant createdAt) {
        this(tenant, name, createdAt, ProjectDefaults.NONE);
    }
}
