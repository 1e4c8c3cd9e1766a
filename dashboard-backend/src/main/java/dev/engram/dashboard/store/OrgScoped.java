package dev.engram.dashboard.store;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A repository seen through one organisation: the only way the org-owned stores query, count, write or delete rows.
 * Every HQL condition is prefixed here with the organisation, and every persisted entity is checked to belong to it, so
 * no store method can forget the tenant predicate (the dashboard's counterpart of the platform module's {@code TenantScoped}).
 *
 * @param <E> the entity
 */
final class OrgScoped<E extends OrgOwned> {

    static final String ORG_PARAM = "dashboardOrgId";
    private static final String ORG_CONDITION = "orgId = :" + ORG_PARAM;

    private final PanacheRepositoryBase<E, ?> repository;
    private final String orgId;

    OrgScoped(PanacheRepositoryBase<E, ?> repository, String orgId) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.orgId = Objects.requireNonNull(orgId, "orgId");
    }

    String orgId() {
        return orgId;
    }

    /** The organisation's rows that match {@code condition} (HQL with named parameters; null for all of them). */
    PanacheQuery<E> find(String condition, Sort sort, Map<String, Object> parameters) {
        return repository.find(where(condition), sort, parameters(parameters));
    }

    PanacheQuery<E> find(String condition, Map<String, Object> parameters) {
        return repository.find(where(condition), parameters(parameters));
    }

    long count(String condition, Map<String, Object> parameters) {
        return repository.count(where(condition), parameters(parameters));
    }

    long delete(String condition, Map<String, Object> parameters) {
        return repository.delete(where(condition), parameters(parameters));
    }

    /** Stores a new row of this organisation. */
    void persist(E entity) {
        if (!orgId.equals(entity.orgId())) {
            throw new IllegalArgumentException("Entity of organisation " + entity.orgId() + " written through " + orgId);
        }
        repository.persist(entity);
    }

    private static String where(String condition) {
        return condition == null ? ORG_CONDITION : ORG_CONDITION + " and (" + condition + ")";
    }

    private Map<String, Object> parameters(Map<String, Object> parameters) {
        Map<String, Object> all = new HashMap<>(parameters);
        if (all.containsKey(ORG_PARAM)) throw new IllegalArgumentException("Parameter name " + ORG_PARAM + " is the organisation's");
        all.put(ORG_PARAM, orgId);
        return all;
    }
}
