package dev.engram.platform.store.postgres;

import dev.engram.core.domain.HistoryEntry;
import dev.engram.core.domain.HistoryEvent;
import dev.engram.core.domain.Tenant;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code history}: one change to a memory of the same tenant (a foreign key enforces it). */
@Entity
@Table(name = "history")
@IdClass(TenantRowKey.class)
public class HistoryEntity extends TenantOwnedEntity {

    @Id
    private UUID id;

    /** Insertion order, assigned by the database: breaks ties between entries of the same millisecond. */
    @Column(insertable = false, updatable = false)
    private Long seq;

    @Column(name = "memory_id")
    private UUID memoryId;
    private String event;
    @Column(name = "old_text")
    private String oldText;
    @Column(name = "new_text")
    private String newText;
    private String actor;
    private String role;
    private Instant at;
    @Column(name = "related_memory_id")
    private UUID relatedMemoryId;
    @Column(name = "event_id")
    private String eventId;
    private String reason;

    protected HistoryEntity() {
        // for Hibernate
    }

    /** The row for {@code entry} in {@code tenant}; its instant must already be at millisecond precision. */
    static HistoryEntity of(Tenant tenant, HistoryEntry entry) {
        HistoryEntity e = new HistoryEntity();
        e.setTenant(tenant);
        e.id = entry.id();
        e.memoryId = entry.memoryId();
        e.event = entry.event().name();
        e.oldText = entry.oldText();
        e.newText = entry.newText();
        e.actor = entry.actor();
        e.role = entry.role();
        e.at = entry.at();
        e.relatedMemoryId = entry.relatedMemoryId();
        e.eventId = entry.eventId();
        e.reason = entry.reason();
        return e;
    }

    HistoryEntry toEntry() {
        return new HistoryEntry(id, memoryId, HistoryEvent.valueOf(event), oldText, newText, actor, role, at, relatedMemoryId,
                eventId, reason);
    }
}
