package dev.engram.core.spi;

import dev.engram.core.domain.EntityCount;
import dev.engram.core.domain.HistoryEntry;
import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.Tenant;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The system of record for memories and their history. The index can always be rebuilt from it.
 *
 * <p>Tenant isolation: every method takes the tenant and each implementation applies it in one place; a record or
 * history entry of another tenant is neither returned nor written.
 */
public interface MemoryStore extends AutoCloseable {

    /**
     * Writes records (insert or replace by id) and appends history entries, atomically: all or nothing, durable on return.
     */
    default void write(Tenant tenant, List<MemoryRecord> records, List<HistoryEntry> history) {
        write(tenant, records, history, () -> {
        });
    }

    /**
     * Like {@link #write(Tenant, List, List)}, and runs {@code beforeCommit} inside the same transaction once the rows are
     * written but not yet committed (readers do not see them). When {@code beforeCommit} throws, nothing is written and
     * its exception propagates; the engine uses it to write the index so that a failed index write leaves the store as it was.
     */
    void write(Tenant tenant, List<MemoryRecord> records, List<HistoryEntry> history, Runnable beforeCommit);

    Optional<MemoryRecord> get(Tenant tenant, UUID id);

    /** The records that exist among {@code ids}, by id. */
    Map<UUID, MemoryRecord> getAll(Tenant tenant, Collection<UUID> ids);

    /** A memory's history, oldest first. */
    List<HistoryEntry> history(Tenant tenant, UUID memoryId);

    /** Calls {@code action} for every record of the tenant (any state), in no particular order. */
    void scan(Tenant tenant, Consumer<MemoryRecord> action);

    /**
     * The tenant's entities: one {@link EntityCount} per distinct user, agent, app and run id of its {@code ACTIVE}
     * records, with how many such records name it and their earliest {@code createdAt} / latest {@code updatedAt}; in no
     * particular order. Answered by an aggregate query, without reading the records.
     */
    List<EntityCount> entities(Tenant tenant);

    /** Every tenant that has at least one record. */
    List<Tenant> tenants();

    /** Removes records and their history for good (erasure). */
    void purge(Tenant tenant, Collection<UUID> ids);

    /** Removes every record and history entry of the tenant. */
    void deleteTenant(Tenant tenant);

    @Override
    void close();
}
