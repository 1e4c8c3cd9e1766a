package dev.engram.platform.store.postgres;

import dev.engram.core.domain.Tenant;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** The {@code memories} table. Stores reach a tenant's rows only through {@link #of}. */
@ApplicationScoped
public class MemoryRepository implements PanacheRepositoryBase<MemoryEntity, TenantRowKey> {

    public TenantScoped<MemoryEntity> of(Tenant tenant) {
        return new TenantScoped<>(this, tenant);
    }

    /** Every tenant that has at least one memory: the one query across tenants, and it reads only their ids. */
    public List<Tenant> tenants() {
        return getEntityManager()
                .createQuery("select distinct m.orgId, m.projectId from MemoryEntity m", Object[].class)
                .getResultList().stream()
                .map(row -> Tenant.of((String) row[0], (String) row[1]))
                .toList();
    }
}
