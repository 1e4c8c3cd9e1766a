package dev.engram.platform.store.postgres;

import dev.engram.core.domain.Tenant;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** The {@code events} table. Stores reach a tenant's rows only through {@link #of}. */
@ApplicationScoped
public class EventRepository implements PanacheRepositoryBase<EventEntity, TenantEventKey> {

    public TenantScoped<EventEntity> of(Tenant tenant) {
        return new TenantScoped<>(this, tenant);
    }
}
