package dev.engram.dashboard.service;

import dev.engram.core.domain.Tenant;
import dev.engram.core.tenant.ApiKey;
import dev.engram.core.tenant.ApiKeyStore;
import dev.engram.core.tenant.JdbcApiKeyStore;
import dev.engram.core.tenant.KeyScope;
import dev.engram.core.tenant.Project;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The platform's tenant directory (projects and API keys, memory-core's {@link JdbcApiKeyStore} on the default
 * datasource, the tables the gateways authenticate with). Each call runs outside whatever transaction the caller holds
 * on the dashboard's datasource and commits on its own: two non-XA datasources cannot share one JTA transaction, and a
 * revoked key must be refused by the gateways as soon as the call returns.
 */
@ApplicationScoped
public class TenantDirectory {

    private final Supplier<ApiKeyStore> store;

    /**
     * The datasource is looked up at first use, not at start: without {@code quarkus.datasource.jdbc.url} (the standalone
     * build) it is inactive, and injecting it directly would stop the application from starting.
     */
    @Inject
    TenantDirectory(Instance<DataSource> platformDataSource) {
        this.store = new OnFirstUse(platformDataSource);
    }

    TenantDirectory(ApiKeyStore store) {
        this.store = () -> store;
    }

    public boolean createProject(Tenant tenant, String name, Instant at) {
        return outside(() -> store.get().createProject(tenant, name, at));
    }

    public Optional<Project> project(Tenant tenant) {
        return outside(() -> store.get().project(tenant));
    }

    public List<Project> projects(String orgId) {
        return outside(() -> store.get().projects(orgId));
    }

    public ApiKey createKey(Tenant tenant, String name, String keyText, Set<KeyScope> scopes, String userEmail, Instant at) {
        return outside(() -> store.get().createKey(tenant, name, keyText, scopes, userEmail, at));
    }

    public List<ApiKey> keys(Tenant tenant) {
        return outside(() -> store.get().keys(tenant));
    }

    public boolean revoke(UUID keyId, Instant at) {
        return outside(() -> store.get().revoke(keyId, at));
    }

    /** Revokes every active key of the project; returns how many. */
    public int revokeAll(Tenant tenant, Instant at) {
        return outside(() -> {
            int n = 0;
            for (ApiKey k : store.get().keys(tenant)) {
                if (k.active() && store.get().revoke(k.id(), at)) n++;
            }
            return n;
        });
    }

    private static <T> T outside(Supplier<T> work) {
        return QuarkusTransaction.suspendingExisting().call(work::get);
    }

    /** The JDBC store on the default datasource, opened at the first call. */
    private static final class OnFirstUse implements Supplier<ApiKeyStore> {

        private final Instance<DataSource> dataSource;
        private ApiKeyStore store;

        OnFirstUse(Instance<DataSource> dataSource) {
            this.dataSource = dataSource;
        }

        @Override
        public synchronized ApiKeyStore get() {
            if (store == null) store = JdbcApiKeyStore.onManagedSchema(dataSource.get());
            return store;
        }
    }
}
