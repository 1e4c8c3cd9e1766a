package dev.engram.platform.store.postgres;

import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.MemoryState;
import dev.engram.core.domain.Scope;
import dev.engram.core.domain.Tenant;
import dev.engram.core.store.StoreJson;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A row of {@code memories}. Metadata, categories and sources are kept as the JSON text {@link StoreJson} writes and
 * reads, so they come back exactly as from every other store (key order and number types included).
 */
@Entity
@Table(name = "memories")
@IdClass(TenantRowKey.class)
public class MemoryEntity extends TenantOwnedEntity {

    @Id
    private UUID id;

    @Column(name = "user_id")
    private String userId;
    @Column(name = "agent_id")
    private String agentId;
    @Column(name = "run_id")
    private String runId;
    @Column(name = "app_id")
    private String appId;
    private String text;
    private String hash;
    private String actor;
    private String role;
    /** json, not jsonb: jsonb would reorder the client's keys. */
    @Column(columnDefinition = "json")
    @ColumnTransformer(write = "?::json")
    private String metadata;
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String categories;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Column(name = "event_time")
    private Instant eventTime;
    @Column(name = "expiration_date")
    private LocalDate expirationDate;
    private boolean immutable;
    private String state;
    @Column(name = "replaced_by")
    private UUID replacedBy;
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String sources;
    private String slot;

    protected MemoryEntity() {
        // for Hibernate
    }

    /** The row for {@code record} in {@code tenant}; instants must already be at millisecond precision. */
    static MemoryEntity of(Tenant tenant, MemoryRecord record) {
        MemoryEntity e = new MemoryEntity();
        e.setTenant(tenant);
        e.id = record.id();
        Scope scope = record.scope();
        e.userId = scope.userId();
        e.agentId = scope.agentId();
        e.runId = scope.runId();
        e.appId = scope.appId();
        e.text = record.text();
        e.hash = record.hash();
        e.actor = record.actor();
        e.role = record.role();
        e.metadata = StoreJson.writeMetadata(record.metadata());
        e.categories = StoreJson.writeCategories(record.categories());
        e.createdAt = record.createdAt();
        e.updatedAt = record.updatedAt();
        e.eventTime = record.eventTime();
        e.expirationDate = record.expirationDate();
        e.immutable = record.immutable();
        e.state = record.state().name();
        e.replacedBy = record.replacedBy();
        e.sources = StoreJson.writeSources(record.sources());
        e.slot = record.slot();
        return e;
    }

    UUID id() {
        return id;
    }

    MemoryRecord toRecord() {
        Scope scope = new Scope(tenant(), userId, agentId, runId, appId);
        return new MemoryRecord(id, scope, text, hash, actor, role, StoreJson.readMetadata(metadata),
                StoreJson.readCategories(categories), createdAt, updatedAt, eventTime, expirationDate, immutable,
                MemoryState.valueOf(state), replacedBy, StoreJson.readSources(sources), slot);
    }
}
