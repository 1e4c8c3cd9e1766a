package dev.engram.platform.store.postgres;

import dev.engram.core.domain.Tenant;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A repository seen through one tenant: the only way the PostgreSQL stores query, count or delete rows. Every HQL
 * condition is prefixed here with the tenant's {@code orgId} and {@code projectId}, so no store method can forget it.
 * Entities map both as the first columns of their primary key.
 *
 * @param <E> the entity
 */
public final class TenantScoped<E> {

    static final String ORG_ID = "engramOrgId";
    static final String PROJECT_ID = "engramProjectId";
    private static final String TENANT_CONDITION = "orgId = :" + ORG_ID + " and projectId = :" + PROJECT_ID;

    private final PanacheRepositoryBase<E, ?> repository;
    private final Tenant tenant;

    TenantScoped(PanacheRepositoryBase<E, ?> repository, Tenant tenant) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.tenant = Objects.requireNonNull(tenant, "tenant");
    }

    public Tenant tenant() {
        return tenant;
    }

    /** The tenant's rows that match {@code condition} (HQL with named parameters; null for all of them). */
    public PanacheQuery<E> find(String condition, Sort sort, Map<String, Object> parameters) {
        return repository.find(where(condition), sort, parameters(parameters));
    }

    public PanacheQuery<E> find(String condition, Map<String, Object> parameters) {
        return repository.find(where(condition), parameters(parameters));
    }

    public long count(String condition, Map<String, Object> parameters) {
        return repository.count(where(condition), parameters(parameters));
    }

    /**
     * An aggregate query: {@code <head> where <tenant> [and (<condition>)] [<tail>]}, e.g. head
     * {@code select userId, count(*) from MemoryEntity} and tail {@code group by userId}.
     */
    public <R> List<R> select(String head, String condition, String tail, Class<R> type, Map<String, Object> parameters) {
        var query = repository.getEntityManager()
                .createQuery(head + " where " + where(condition) + (tail == null ? "" : " " + tail), type);
        parameters(parameters).forEach(query::setParameter);
        return query.getResultList();
    }

    /** Deletes the tenant's rows that match {@code condition} (null: all of them) in one statement. */
    public long delete(String condition, Map<String, Object> parameters) {
        return repository.delete(where(condition), parameters(parameters));
    }

    private static String where(String condition) {
        return condition == null ? TENANT_CONDITION : TENANT_CONDITION + " and (" + condition + ")";
    }

    private Map<String, Object> parameters(Map<String, Object> parameters) {
        Map<String, Object> all = new HashMap<>(parameters);
        if (all.containsKey(ORG_ID) || all.containsKey(PROJECT_ID)) {
            throw new IllegalArgumentException("Parameter names " + ORG_ID + " and " + PROJECT_ID + " are the tenant's");
        }
        all.put(ORG_ID, tenant.orgId());
        all.put(PROJECT_ID, tenant.projectId());
        return all;
    }
}
