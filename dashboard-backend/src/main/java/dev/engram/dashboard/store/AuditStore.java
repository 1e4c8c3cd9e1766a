package dev.engram.dashboard.store;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The audit log (table audit_log), one organisation at a time. Callers provide the transaction. */
@ApplicationScoped
public class AuditStore {

    private final Repositories.Audit repository;

    @Inject
    AuditStore(Repositories.Audit repository) {
        this.repository = repository;
    }

    private OrgScoped<AuditEntity> in(String orgId) {
        return new OrgScoped<>(repository, orgId);
    }

    public AuditEntry append(String orgId, Instant at, String actorSubject, String actorEmail, AuditAction action, String target,
                             String detail) {
        AuditEntity e = new AuditEntity();
        e.id = UUID.randomUUID();
        e.orgId = orgId;
        e.occurredAt = at;
        e.actorSubject = actorSubject;
        e.actorEmail = actorEmail;
        e.action = action.name();
        e.target = target;
        e.detail = detail;
        in(orgId).persist(e);
        return e.toRecord();
    }

    /** Newest first; {@code page} counts from 1. */
    public List<AuditEntry> page(String orgId, int page, int pageSize) {
        return in(orgId).find(null, Sort.descending("seq"), Map.of()).page(page - 1, pageSize).list().stream()
                .map(AuditEntity::toRecord).toList();
    }

    public long count(String orgId) {
        return in(orgId).count(null, Map.of());
    }
}
