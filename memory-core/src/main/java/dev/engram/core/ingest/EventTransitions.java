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
 *   <li>FAILED can be started again (a redelivered event gets another chance).</li>
 * </ul>
 */
public final class EventTransitions {

    private EventTransitions() {
    }

    public static EventRecord pending(Tenant tenant, String id, String type, String payload, Instant at) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Instant t = millis(at);
        return new EventRecord(id, tenant, type, EventStatus.PENDING, payload, List.of(), TokenUsage.NONE, 0, null, t, t, null, null);
    }

    /** The record RUNNING with one more attempt, or empty when it already SUCCEEDED. */
    public static Optional<EventRecord> start(EventRecord current, Instant at) {
        if (current.status() == EventStatus.SUCCEEDED) return Optional.empty();
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

    /** The record FAILED with {@code error}, or empty when it already SUCCEEDED. */
    public static Optional<EventRecord> fail(EventRecord current, String error, Instant at) {
        if (current.status() == EventStatus.SUCCEEDED) return Optional.empty();
        Instant t = millis(at);
        return Optional.of(new EventRecord(current.id(), current.tenant(), current.type(), EventStatus.FAILED, current.payload(),
                List.of(), TokenUsage.NONE, current.attempts(), Objects.requireNonNull(error, "error"), current.createdAt(), t,
                current.startedAt() != null ? current.startedAt() : t, t));
    }

    static Instant millis(Instant at) {
        return Objects.requireNonNull(at, "at").truncatedTo(ChronoUnit.MILLIS);
    }
}
