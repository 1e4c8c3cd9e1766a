package dev.engram.core.usage;

import dev.engram.core.domain.MemoryEvent;
import dev.engram.core.domain.Tenant;
import dev.engram.core.domain.TokenUsage;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One usage fact for the per-tenant analytics: an API request the gateway answered, or the memory changes an add made.
 * The schema of the {@code engram.usage.v1} topic ({@link UsageEventCodec}); fields that do not apply to a kind are zero
 * or null.
 *
 * @param id            unique per event (a consumer may use it to recognise a duplicate)
 * @param kind          what happened
 * @param operation     for {@link Kind#REQUEST}: what the request did (adds and searches are counted from it)
 * @param route         for {@link Kind#REQUEST}: method and route template, e.g. {@code POST /v3/memories/search/} (never
 *                      a raw path: no ids)
 * @param status        for {@link Kind#REQUEST}: the HTTP status
 * @param latencyMs     for {@link Kind#REQUEST}: time to answer
 * @param userId        the end user the request or add was about (Mem0's {@code user_id}), null when none
 * @param memories      memory changes by type ({@link Kind#MEMORY_EVENTS}, {@link Kind#INGEST})
 * @param llm           LLM tokens the extraction spent ({@link Kind#MEMORY_EVENTS}, {@link Kind#INGEST})
 * @param contextTokens tokens of the memories a search returned (what the caller puts in its prompt)
 * @param rawTokens     tokens of the conversation an add was given (what the caller would send without memory)
 */
public record UsageEvent(UUID id, Tenant tenant, Instant occurredAt, Kind kind, Operation operation, String route, int status,
                         long latencyMs, String userId, MemoryCounts memories, TokenUsage llm, long contextTokens, long rawTokens) {

    /** What a usage event records. */
    public enum Kind {
        /** One Mem0 API request answered by a gateway. */
        REQUEST,
        /** The memory changes of an add processed inside its request (a synchronous add). */
        MEMORY_EVENTS,
        /** The memory changes of a queued add processed by an ingest processor (worker, or the gateway's journal). */
        INGEST
    }

    /** What a request did, for the adds, searches and feedback series. */
    public enum Operation {
        ADD, SEARCH,
        /** Feedback submitted on a memory, by value; {@code FEEDBACK_CLEARED} is a submission of null. */
        FEEDBACK_POSITIVE, FEEDBACK_NEGATIVE, FEEDBACK_VERY_NEGATIVE, FEEDBACK_CLEARED,
        OTHER
    }

    public UsageEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(kind, "kind");
        operation = operation == null ? Operation.OTHER : operation;
        memories = memories == null ? MemoryCounts.NONE : memories;
        llm = llm == null ? TokenUsage.NONE : llm;
        if (kind == Kind.REQUEST && (route == null || route.isBlank())) throw new IllegalArgumentException("a request event needs a route");
        if (latencyMs < 0 || contextTokens < 0 || rawTokens < 0) throw new IllegalArgumentException("negative usage");
    }

    /** A request: route template, status, latency and, for searches and adds, the tokens served or given. */
    public static UsageEvent request(Tenant tenant, Instant at, Operation operation, String route, int status, long latencyMs,
                                     String userId, long contextTokens, long rawTokens) {
        return new UsageEvent(UUID.randomUUID(), tenant, at, Kind.REQUEST, operation, route, status, latencyMs, userId,
                MemoryCounts.NONE, TokenUsage.NONE, contextTokens, rawTokens);
    }

    /** The memory changes and LLM cost of one add ({@link Kind#MEMORY_EVENTS} or {@link Kind#INGEST}). */
    public static UsageEvent memoryEvents(Kind kind, Tenant tenant, Instant at, String userId, List<MemoryEvent> events, TokenUsage llm) {
        if (kind == Kind.REQUEST) throw new IllegalArgumentException("memory events are not a request");
        return new UsageEvent(UUID.randomUUID(), tenant, at, kind, Operation.OTHER, null, 0, 0, userId,
                MemoryCounts.of(events), llm, 0, 0);
    }

    /** Memories created, updated, superseded and deleted by one add ({@code NONE} events count nowhere). */
    public record MemoryCounts(int added, int updated, int superseded, int deleted) {

        public static final MemoryCounts NONE = new MemoryCounts(0, 0, 0, 0);

        public MemoryCounts {
            if (added < 0 || updated < 0 || superseded < 0 || deleted < 0) throw new IllegalArgumentException("negative count");
        }

        public static MemoryCounts of(List<MemoryEvent> events) {
            int a = 0, u = 0, s = 0, d = 0;
            for (MemoryEvent e : events) {
                switch (e.type()) {
                    case ADD -> a++;
                    case UPDATE -> u++;
                    case SUPERSEDE -> s++;
                    case DELETE -> d++;
                    case NONE -> { }
                }
            }
            return new MemoryCounts(a, u, s, d);
        }
    }
}
