package dev.engram.platform.store.postgres;

import dev.engram.core.domain.Tenant;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** The {@code history} table. Stores reach a tenant's rows only through {@link #of}. */
@ApplicationScoped
public class HistoryRepository implements PanacheRepositoryBase<HistoryEntity, TenantRowKey> {

    public TenantScoped<HistoryEntity> of(Tenant tenant) {
        return new TenantScoped<>(this, tenant);
    }
}
