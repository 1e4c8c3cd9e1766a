package dev.engram.platform.store.postgres;

import dev.engram.core.domain.Tenant;
import dev.engram.core.ingest.EventRecord;
import dev.engram.core.ingest.EventStatus;
import dev.engram.core.store.StoreJson;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import java.time.Instant;

/** A row of {@code events}: an ingest event's tracked state. Results and token usage are jsonb. */
@Entity
@Table(name = "events")
@IdClass(TenantEventKey.class)
public class EventEntity extends TenantOwnedEntity {

    @Id
    private String id;

    @Column(name = "event_type")
    private String type;
    private String status;
    /** The client's request as received: text, because jsonb would reformat it. */
    private String payload;
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String results;
    @Column(name = "token_usage", columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String usage;
    private int attempts;
    @Column(name = "error_message")
    private String error;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Column(name = "started_at")
    private Instant startedAt;
    @Column(name = "completed_at")
    private Instant completedAt;

    protected EventEntity() {
        // for Hibernate
    }

    static EventEntity of(Tenant tenant, EventRecord record) {
        EventEntity e = new EventEntity();
        e.setTenant(tenant);
        e.id = record.id();
        e.type = record.type();
        e.payload = record.payload();
        e.apply(record);
        return e;
    }

    /** Takes the lifecycle state of {@code record} (the same event: id and type never change; a cancellation erases the payload). */
    void apply(EventRecord record) {
        status = record.status().name();
        payload = record.payload();
        results = StoreJson.writeEventResults(record.results());
        usage = StoreJson.writeTokenUsage(record.usage());
        attempts = record.attempts();
        error = record.error();
        createdAt = record.createdAt();
        updatedAt = record.updatedAt();
        startedAt = record.startedAt();
        completedAt = record.completedAt();
    }

    EventRecord toRecord() {
        return new EventRecord(id, tenant(), type, EventStatus.valueOf(status), payload,
                StoreJson.readEventResults(results), StoreJson.readTokenUsage(usage), attempts, error, createdAt, updatedAt, startedAt, completedAt);
    }

}
