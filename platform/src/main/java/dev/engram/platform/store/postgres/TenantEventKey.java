package dev.engram.platform.store.postgres;

import java.io.Serializable;
import java.util.Objects;

/** The primary key of {@link EventEntity}: the tenant's ids, then the event id the client sees. */
public class TenantEventKey implements Serializable {

    private String orgId;
    private String projectId;
    private String id;

    protected TenantEventKey() {
        // for Hibernate
    }

    public TenantEventKey(String orgId, String projectId, String id) {
        this.orgId = orgId;
        this.projectId = projectId;
        this.id = id;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TenantEventKey k && Objects.equals(orgId, k.orgId) && Objects.equals(projectId, k.projectId)
                && Objects.equals(id, k.id);
    }

    @Override
    public int hashCode() {
        return Objects.hash(orgId, projectId, id);
    }
}
