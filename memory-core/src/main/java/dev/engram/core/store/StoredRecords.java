package dev.engram.core.store;

import dev.engram.core.domain.HistoryEntry;
import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.Source;
import dev.engram.core.domain.Tenant;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The rules every {@link dev.engram.core.spi.MemoryStore} applies to a write, so that all stores accept the same
 * writes and give back the same values.
 *
 * <ul>
 *   <li>A record must belong to the tenant it is written under; a history entry must belong to a memory of that
 *       tenant (one written in the same call or already stored). Otherwise {@link IllegalArgumentException}.</li>
 *   <li>Instants are kept at millisecond precision (truncated), the precision of the SQL stores.</li>
 * </ul>
 */
public final class StoredRecords {

    private StoredRecords() {
    }

    /**
     * Checks the shape of a write before anything is stored.
     *
     * @return the ids of the memories the history refers to that are not among {@code records}: the caller checks that
     *         each exists in the tenant (see {@link #unknownMemory})
     */
    public static Set<UUID> checkWrite(Tenant tenant, List<MemoryRecord> records, List<HistoryEntry> history) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(records, "records");
        Objects.requireNonNull(history, "history");
        Set<UUID> written = new LinkedHashSet<>();
        for (MemoryRecord record : records) {
            Objects.requireNonNull(record, "record");
            Objects.requireNonNull(record.id(), "record id");
            Objects.requireNonNull(record.scope(), "record scope");
            if (!tenant.equals(record.tenant())) {
                throw new IllegalArgumentException("Memory " + record.id() + " belongs to tenant " + record.tenant().key()
                        + ", not to " + tenant.key());
            }
            written.add(record.id());
        }
        Set<UUID> referenced = new LinkedHashSet<>();
        for (HistoryEntry entry : history) {
            Objects.requireNonNull(entry, "history entry");
            Objects.requireNonNull(entry.id(), "history entry id");
            Objects.requireNonNull(entry.memoryId(), "history entry memoryId");
            Objects.requireNonNull(entry.event(), "history entry event");
            Objects.requireNonNull(entry.at(), "history entry at");
            if (!written.contains(entry.memoryId())) referenced.add(entry.memoryId());
        }
        return referenced;
    }

    /** The error for a history entry whose memory is not in the tenant (it may be another tenant's). */
    public static IllegalArgumentException unknownMemory(Tenant tenant, UUID memoryId) {
        return new IllegalArgumentException("History refers to memory " + memoryId + ", which does not exist in tenant " + tenant.key());
    }

    /** The record as a store keeps it: instants truncated to milliseconds. */
    public static MemoryRecord truncateTimes(MemoryRecord r) {
        List<Source> sources = r.sources().stream()
                .map(s -> new Source(s.eventId(), s.messageIndex(), s.messageId(), s.speaker(), s.role(), millis(s.timestamp())))
                .toList();
        return new MemoryRecord(r.id(), r.scope(), r.text(), r.hash(), r.actor(), r.role(), r.metadata(), r.categories(),
                millis(r.createdAt()), millis(r.updatedAt()), millis(r.eventTime()), r.expirationDate(), r.immutable(), r.state(),
                r.replacedBy(), sources, r.slot());
    }

    /**
     * The record exactly as a SQL store returns it: instants truncated to milliseconds and metadata passed through its
     * JSON form (see {@link StoreJson}), deeply unmodifiable.
     */
    public static MemoryRecord normalize(MemoryRecord record) {
        MemoryRecord r = truncateTimes(record);
        return new MemoryRecord(r.id(), r.scope(), r.text(), r.hash(), r.actor(), r.role(),
                StoreJson.readMetadata(StoreJson.writeMetadata(r.metadata())), r.categories(), r.createdAt(), r.updatedAt(),
                r.eventTime(), r.expirationDate(), r.immutable(), r.state(), r.replacedBy(), r.sources(), r.slot());
    }

    /** The history entry as a store keeps it: its instant truncated to milliseconds. */
    public static HistoryEntry normalize(HistoryEntry e) {
        return new HistoryEntry(e.id(), e.memoryId(), e.event(), e.oldText(), e.newText(), e.actor(), e.role(), millis(e.at()),
                e.relatedMemoryId(), e.eventId(), e.reason());
    }

    public static Instant millis(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
