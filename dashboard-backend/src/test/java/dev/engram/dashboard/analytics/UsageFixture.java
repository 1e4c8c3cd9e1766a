package dev.engram.dashboard.analytics;

import dev.engram.core.domain.MemoryEvent;
import dev.engram.core.domain.Tenant;
import dev.engram.core.domain.TokenUsage;
import dev.engram.core.usage.UsageEvent;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The known usage history both analytics tests roll up (PostgreSQL through the real topic: {@link AnalyticsTest}; H2
 * directly: {@link UsageOnH2Test}), so both databases are held to the same expected numbers.
 */
final class UsageFixture {

    static final String SEARCH = "POST /v3/memories/search/";
    static final String ADD = "POST /v1/memories/";
    static final Instant H10 = Instant.parse("2026-01-01T10:00:00Z");
    static final Instant H11 = Instant.parse("2026-01-01T11:00:00Z");

    private UsageFixture() {
    }

    /**
     * For project {@code t}: in hour 10 four searches (3, 7, 40, 250 ms; users alice, bob, alice, none; 10+20+30+40 context
     * tokens), two adds (14 and 15 ms; carol and alice; 100 and 200 raw tokens) and two processed adds (3 created,
     * 1 updated, 1 superseded, 1 deleted; 350 + 120 LLM tokens); in hour 11 one search (90 ms, dave, 5 context tokens)
     * and one failed search (1000 ms, status 500, alice); plus an event of another organisation, which must not count.
     */
    static List<UsageEvent> events(Tenant t) {
        return List.of(
                UsageEvent.request(t, H10.plusSeconds(1), UsageEvent.Operation.SEARCH, SEARCH, 200, 3, "alice", 10, 0),
                UsageEvent.request(t, H10.plusSeconds(2), UsageEvent.Operation.SEARCH, SEARCH, 200, 7, "bob", 20, 0),
                UsageEvent.request(t, H10.plusSeconds(3), UsageEvent.Operation.SEARCH, SEARCH, 200, 40, "alice", 30, 0),
                UsageEvent.request(t, H10.plusSeconds(4), UsageEvent.Operation.SEARCH, SEARCH, 200, 250, null, 40, 0),
                UsageEvent.request(t, H10.plusSeconds(5), UsageEvent.Operation.ADD, ADD, 200, 14, "carol", 0, 100),
                UsageEvent.request(t, H10.plusSeconds(6), UsageEvent.Operation.ADD, ADD, 200, 15, "alice", 0, 200),
                UsageEvent.memoryEvents(UsageEvent.Kind.INGEST, t, H10.plusSeconds(7), "carol", memoryEvents(
                        MemoryEvent.Type.ADD, MemoryEvent.Type.ADD, MemoryEvent.Type.UPDATE, MemoryEvent.Type.NONE), new TokenUsage(300, 50, 1)),
                UsageEvent.memoryEvents(UsageEvent.Kind.MEMORY_EVENTS, t, H10.plusSeconds(8), "alice", memoryEvents(
                        MemoryEvent.Type.ADD, MemoryEvent.Type.SUPERSEDE, MemoryEvent.Type.DELETE), new TokenUsage(100, 20, 1)),
                UsageEvent.request(t, H11.plusSeconds(1), UsageEvent.Operation.SEARCH, SEARCH, 200, 90, "dave", 5, 0),
                UsageEvent.request(t, H11.plusSeconds(2), UsageEvent.Operation.SEARCH, SEARCH, 500, 1000, "alice", 0, 0),
                UsageEvent.request(Tenant.of("other-" + t.orgId(), t.projectId()), H10, UsageEvent.Operation.SEARCH, SEARCH, 200, 5,
                        "eve", 99, 0));
    }

    static final String FEEDBACK = "POST /v1/feedback/";

    /**
     * For project {@code t}, feedback submissions only: in hour 10 two POSITIVE and one NEGATIVE; in hour 11 one
     * VERY_NEGATIVE, one cleared (null) and one refused (status 400, not a submission); plus a POSITIVE of another
     * organisation, which must not count.
     */
    static List<UsageEvent> feedbackEvents(Tenant t) {
        return List.of(
                UsageEvent.request(t, H10.plusSeconds(1), UsageEvent.Operation.FEEDBACK_POSITIVE, FEEDBACK, 200, 4, null, 0, 0),
                UsageEvent.request(t, H10.plusSeconds(2), UsageEvent.Operation.FEEDBACK_POSITIVE, FEEDBACK, 200, 4, null, 0, 0),
                UsageEvent.request(t, H10.plusSeconds(3), UsageEvent.Operation.FEEDBACK_NEGATIVE, FEEDBACK, 200, 4, null, 0, 0),
                UsageEvent.request(t, H11.plusSeconds(1), UsageEvent.Operation.FEEDBACK_VERY_NEGATIVE, FEEDBACK, 200, 4, null, 0, 0),
                UsageEvent.request(t, H11.plusSeconds(2), UsageEvent.Operation.FEEDBACK_CLEARED, FEEDBACK, 200, 4, null, 0, 0),
                UsageEvent.request(t, H11.plusSeconds(3), UsageEvent.Operation.FEEDBACK_VERY_NEGATIVE, FEEDBACK, 400, 4, null, 0, 0),
                UsageEvent.request(Tenant.of("other-" + t.orgId(), t.projectId()), H10, UsageEvent.Operation.FEEDBACK_POSITIVE, FEEDBACK,
                        200, 4, null, 0, 0));
    }

    private static List<MemoryEvent> memoryEvents(MemoryEvent.Type... types) {
        return Arrays.stream(types).map(type -> new MemoryEvent(UUID.randomUUID(), "fact", type, null, null, null)).toList();
    }
}
