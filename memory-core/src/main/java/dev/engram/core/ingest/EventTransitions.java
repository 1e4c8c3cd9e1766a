package dev.engram.core.ingest;

import dev.engram.core.domain.MemoryEvent;
import dev.engram.core.domain.Tenant;
import dev.engram.core.domain.TokenUsage;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The lifecycle rules of an {@link EventRecord}, shared by every {@link EventStore} so they all behave alike: a store
 * reads the current record, asks for the next one here, and writes it. Instants are kept at millisecond precision
 * (what SQL stores hold).
 *
 * <ul>
 *   <li>SUCCEEDED is final: {@link #start} and {@link #fail} leave it alone (a duplicate delivery must not undo it).</li>
 *   <li>Starting counts an attempt and keeps the first start time, so latency spans retries.</li>
 *   <li>FAILED can be started again (a redelivered event gets another chance), except a {@link #cancel cancelled} one:
 *       cancellation is final too.</li>
 * </ul>
 */
public final class EventTransitions {

    /** The reason of an event cancelled because its project was deleted before a worker processed it. */
    public static final String PROJECT_DELETED = "Cancelled: the project was deleted before this add was processed";

    private EventTransitions() {
    }

    /**
     * The record FAILED with {@link #PROJECT_DELETED} and without its payload (the client's content is erased with the
     * project), kept so that the queued add is dropped when a worker takes it.
     */
    public static EventRecord cancel(EventRecord current, Instant at) {
        Instant t = millis(at);
        return new EventRecord(current.id(), current.tenant(), current.type(), EventStatus.FAILED, null, List.of(), TokenUsage.NONE,
                current.attempts(), PROJECT_DELETED, current.createdAt(), t, current.startedAt(), t);
    }

    /** Whether {@link #cancel} made this record. */
    public static boolean cancelled(EventRecord record) {
        return record.status() == EventStatus.FAILED && PROJECT_DELETED.equals(record.error());
    }

    /**
     * Whether a project deletion cancels this record rather than erasing it: it is still waiting for, or in, a worker, or
     * an earlier deletion cancelled it (its add may still be queued).
     */
    public static boolean cancelledOnDeletion(EventRecord record) {
        return record.status() == EventStatus.PENDING || record.status() == EventStatus.RUNNING || cancelled(record);
    }

    public static EventRecord pending(Tenant tenant, String id, String type, String payload, Instant at) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Instant t = millis(at);
        return new EventRecord(id, tenant, type, EventStatus.PENDING, payload, List.of(), TokenUsage.NONE, 0, null, t, t, null, null);
    }

    /** The record RUNNING with one more attempt, or empty when it already SUCCEEDED or was cancelled. */
    public static Optional<EventRecord> start(EventRecord current, Instant at) {
        if (current.status() == EventStatus.SUCCEEDED || cancelled(current)) return Optional.empty();
        Instant t = millis(at);
        return Optional.of(new EventRecord(current.id(), current.tenant(), current.type(), EventStatus.RUNNING, current.payload(),
                List.of(), TokenUsage.NONE, current.attempts() + 1, null, current.createdAt(), t,
                current.startedAt() != null ? current.startedAt() : t, null));
    }

    public static EventRecord succeed(EventRecord current, List<MemoryEvent> results, TokenUsage usage, Instant at) {
        Instant t = millis(at);
        return new EventRecord(current.id(), current.tenant(), current.type(), EventStatus.SUCCEEDED, current.payload(), results,
                usage, current.attempts(), null, current.createdAt(), t, current.startedAt() != null ? current.startedAt() : t, t);
    }

    /** The record FAILED with {@code error}, or empty when it already SUCCEEDED or was cancelled. */
    public static Optional<EventRecord> fail(EventRecord current, String error, Instant at) {
        if (current.status() == EventStatus.SUCCEEDED || cancelled(current)) return Optional.empty();
        Instant t = millis(at);
        return Optional.of(new EventRecord(current.id(), current.tenant(), current.type(), EventStatus.FAILED, current.payload(),
                List.of(), TokenUsage.NONE, current.attempts(), Objects.requireNonNull(error, "error"), current.createdAt(), t,
                current.startedAt() != null ? current.startedAt() : t, t));
    }

    static Instant millis(Instant at) {
        return Objects.requireNonNull(at, "at").truncatedTo(ChronoUnit.MILLIS);
    }
}
