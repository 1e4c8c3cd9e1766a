package dev.engram.dashboard.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "audit_log")
public class AuditEntity implements OrgOwned {

    @Id
    @Column(name = "id")
    public UUID id;

    /** Insertion order, assigned by the database (entries of one millisecond keep their order). */
    @Column(name = "seq", insertable = false, updatable = false)
    public Long seq;

    @Column(name = "org_id", nullable = false, length = 128)
    public String orgId;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(name = "actor_subject", nullable = false, length = 255)
    public String actorSubject;

    @Column(name = "actor_email", length = 320)
    public String actorEmail;

    @Column(name = "action", nullable = false, length = 64)
    public String action;

    @Column(name = "target", nullable = false, length = 512)
    public String target;

    @Column(name = "detail", length = 1024)
    public String detail;

    @Override
    public String orgId() {
        return orgId;
    }

    AuditEntry toRecord() {
        return new AuditEntry(id, orgId, occurredAt, actorSubject, actorEmail, AuditAction.valueOf(action), target, detail);
    }
}
