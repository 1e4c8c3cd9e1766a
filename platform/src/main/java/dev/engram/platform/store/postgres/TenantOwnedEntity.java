package dev.engram.platform.store.postgres;

import dev.engram.core.domain.Tenant;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

/**
 * The tenant key columns every platform table starts with ({@code org_id}, {@code project_id}): the first parts of each
 * entity's primary key ({@link TenantRowKey}, {@link TenantEventKey}), and what {@link TenantScoped} conditions on.
 */
@MappedSuperclass
abstract class TenantOwnedEntity {

    @Id
    @Column(name = "org_id")
    private String orgId;
    @Id
    @Column(name = "project_id")
    private String projectId;

    /** Sets the row's tenant columns (before it is persisted). */
    void setTenant(Tenant tenant) {
        this.orgId = tenant.orgId();
        this.projectId = tenant.projectId();
    }

    Tenant tenant() {
        return Tenant.of(orgId, projectId);
    }
}
