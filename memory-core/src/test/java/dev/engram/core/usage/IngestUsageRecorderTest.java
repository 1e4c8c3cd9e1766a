package dev.engram.core.usage;

import dev.engram.core.domain.AddRequest;
import dev.engram.core.domain.AddResult;
import dev.engram.core.domain.MemoryEvent;
import dev.engram.core.domain.Message;
import dev.engram.core.domain.Scope;
import dev.engram.core.domain.Tenant;
import dev.engram.core.domain.TokenUsage;
import dev.engram.core.ingest.IngestEvent;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class IngestUsageRecorderTest {

    private static final Instant NOW = Instant.parse("2026-02-01T08:30:00Z");
    private final InMemoryUsageSink sink = new InMemoryUsageSink(2);
    private final IngestUsageRecorder recorder = new IngestUsageRecorder(sink, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aProcessedAddIsAnIngestEventOfItsTenantAndUser() {
        Tenant tenant = Tenant.of("acme", "shop");
        recorder.succeeded(event(tenant, "ana"), new AddResult("e1", List.of(
                memoryEvent(MemoryEvent.Type.ADD), memoryEvent(MemoryEvent.Type.UPDATE), memoryEvent(MemoryEvent.Type.NONE)),
                new TokenUsage(120, 30, 1), "llm"));

        UsageEvent e = sink.events().getFirst();
        assertThat(e.kind()).isEqualTo(UsageEvent.Kind.INGEST);
        assertThat(e.tenant()).isEqualTo(tenant);
        assertThat(e.userId()).isEqualTo("ana");
        assertThat(e.occurredAt()).isEqualTo(NOW);
        assertThat(e.memories()).isEqualTo(new UsageEvent.MemoryCounts(1, 1, 0, 0));
        assertThat(e.llm().total()).isEqualTo(150);
        assertThat(e.route()).isNull();
    }

    @Test
    void theInMemorySinkKeepsTheLatestEventsUpToItsCapacity() {
        Tenant tenant = Tenant.of("acme", "shop");
        for (String user : List.of("u1", "u2", "u3")) {
            recorder.succeeded(event(tenant, user), new AddResult("e", List.of(), TokenUsage.NONE, "offline"));
        }
        assertThat(sink.events()).extracting(UsageEvent::userId).containsExactly("u2", "u3");
    }

    private static IngestEvent event(Tenant tenant, String userId) {
        var request = new AddRequest(UUID.randomUUID().toString(), new Scope(tenant, userId, null, null, null),
                List.of(new Message("user", "hello", null, null, null)), null, false, null, null, null, null, false);
        return new IngestEvent(request, NOW);
    }

    private static MemoryEvent memoryEvent(MemoryEvent.Type type) {
        return new MemoryEvent(UUID.randomUUID(), "fact", type, null, null, null);
    }
}
