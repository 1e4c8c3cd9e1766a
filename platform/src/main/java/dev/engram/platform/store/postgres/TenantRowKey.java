package dev.engram.platform.store.postgres;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** The primary key of {@link MemoryEntity} and {@link HistoryEntity}: the tenant's ids, then the row's own UUID. */
public class TenantRowKey implements Serializable {

    private String orgId;
    private String projectId;
    private UUID id;

    protected TenantRowKey() {
        // for Hibernate
    }

    public TenantRowKey(String orgId, String projectId, UUID id) {
        this.orgId = orgId;
        this.projectId = projectId;
        this.id = id;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TenantRowKey k && Objects.equals(orgId, k.orgId) && Objects.equals(projectId, k.projectId)
                && Objects.equals(id, k.id);
    }

    @Override
    public int hashCode() {
        return Objects.hash(orgId, projectId, id);
    }
}
