package dev.engram.dashboard.service;

import dev.engram.core.domain.Tenant;
import dev.engram.core.tenant.ApiKey;
import dev.engram.core.tenant.ApiKeyStore;
import dev.engram.core.tenant.JdbcApiKeyStore;
import dev.engram.core.tenant.KeyScope;
import dev.engram.core.error.NotFoundException;
import dev.engram.core.tenant.Project;
import dev.engram.core.tenant.ProjectDefaults;
import dev.engram.core.tenant.ApiKeys;
import dev.engram.dashboard.gateway.GatewayClient;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The tenant directory on the platform's own tables (memory-core's {@link JdbcApiKeyStore} on the default datasource,
 * the database the gateways authenticate against). Each call runs outside whatever transaction the caller holds on the
 * dashboard's datasource and commits on its own: two non-XA datasources cannot share one JTA transaction.
 */
final class DatabaseTenantDirectory implements TenantDirectory {

    private final ApiKeyStore store;
    private final GatewayClient gateway;
    private final Clock clock = Clock.systemUTC();
    private final OutsideTransaction outsideTransaction;

    DatabaseTenantDirectory(DataSource platformDataSource, GatewayClient gateway, OutsideTransaction outsideTransaction) {
        this.store = JdbcApiKeyStore.onManagedSchema(platformDataSource);
        this.gateway = gateway;
        this.outsideTransaction = outsideTransaction;
    }

    @Override
    public boolean createProject(Tenant tenant, String name, Instant at) {
        return outside(() -> store.createProject(tenant, name, at));
    }

    @Override
    public Optional<Project> project(Tenant tenant) {
        return outside(() -> store.project(tenant));
    }

    @Override
    public List<Project> projects(String orgId) {
        return outside(() -> store.projects(orgId));
    }

    @Override
    public IssuedKey createKey(Tenant tenant, String name, Set<KeyScope> scopes, String userEmail, String defaultUserId, Instant at) {
        String text = ApiKeys.generate();
        return new IssuedKey(outside(() -> store.createKey(tenant, name, text, scopes, userEmail, defaultUserId, at)), text);
    }

    @Override
    public boolean setDefaultUser(UUID keyId, String defaultUserId) {
        return outside(() -> store.setDefaultUser(keyId, defaultUserId));
    }

    @Override
    public List<ApiKey> keys(Tenant tenant) {
        return outside(() -> store.keys(tenant));
    }

    @Override
    public boolean revoke(UUID keyId, Instant at) {
        return outside(() -> store.revoke(keyId, at));
    }

    /**
     * Revokes the keys here first (they stop working at once, whatever the gateway answers), then has a gateway erase
     * the memories, history, index entries (Qdrant, which only the gateways reach) and events.
     */
    @Override
    public int deleteProject(Tenant tenant, Instant at) {
        int revoked = outside(() -> {
            int n = 0;
            for (ApiKey k : store.keys(tenant)) {
                if (k.active() && store.revoke(k.id(), at)) n++;
            }
            return n;
        });
        GatewayTenantDirectory.erase(gateway, tenant);
        return revoked;
    }

    @Override
    public void publishDefaults(Tenant tenant, ProjectDefaults defaults) {
        if (!outside(() -> store.updateDefaults(tenant, defaults, clock.instant()))) throw new NotFoundException("Project not found");
    }

    /** The gateways hold the LLM configuration: asked through their admin API. */
    @Override
    public List<String> llmProfiles() {
        return GatewayTenantDirectory.llmProfiles(gateway);
    }

    private <T> T outside(Supplier<T> work) {
        return outsideTransaction.call(work);
    }
}
