package dev.engram.core.usage;

import dev.engram.core.domain.MemoryEvent;
import dev.engram.core.domain.Tenant;
import dev.engram.core.domain.TokenUsage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UsageEventCodecTest {

    private static final Tenant ACME = Tenant.of("acme", "default");
    private static final Instant AT = Instant.parse("2026-01-01T10:15:00Z");

    @Test
    void aRequestEventSurvivesTheRoundTrip() {
        UsageEvent e = UsageEvent.request(ACME, AT, UsageEvent.Operation.SEARCH, "POST /v3/memories/search/", 200, 12, "alice", 40, 0);
        assertThat(UsageEventCodec.decode(UsageEventCodec.encode(e))).isEqualTo(e);
    }

    @Test
    void aBatchIsNewlineDelimitedAndSplitsBackIntoItsEvents() {
        UsageEvent a = UsageEvent.request(ACME, AT, UsageEvent.Operation.ADD, "POST /v1/memories/", 200, 5, "alice", 0, 30);
        UsageEvent b = UsageEvent.request(ACME, AT, UsageEvent.Operation.SEARCH, "POST /v3/memories/search/", 200, 12, "bob", 40, 0);
        byte[] batch = UsageEventCodec.encodeBatch(List.of(a, b));
        assertThat(new String(batch, StandardCharsets.UTF_8)).endsWith("\n").hasLineCount(2);
        assertThat(UsageEventCodec.splitBatch(batch)).extracting(UsageEventCodec::decode).containsExactly(a, b);

        // CRLF line ends and blank lines (a hand-written or proxied body) are tolerated; an empty body is no event
        String crlf = new String(UsageEventCodec.encode(a), StandardCharsets.UTF_8) + "\r\n\r\n" + new String(UsageEventCodec.encode(b), StandardCharsets.UTF_8);
        assertThat(UsageEventCodec.splitBatch(crlf.getBytes(StandardCharsets.UTF_8))).extracting(UsageEventCodec::decode).containsExactly(a, b);
        assertThat(UsageEventCodec.splitBatch(new byte[0])).isEmpty();
        assertThat(UsageEventCodec.encodeBatch(List.of())).isEmpty();
    }

    @Test
    void anIngestEventKeepsCountsByTypeAndLlmTokens() {
        var events = List.of(event(MemoryEvent.Type.ADD), event(MemoryEvent.Type.ADD), event(MemoryEvent.Type.SUPERSEDE),
                event(MemoryEvent.Type.DELETE), event(MemoryEvent.Type.NONE));
        UsageEvent e = UsageEvent.memoryEvents(UsageEvent.Kind.INGEST, ACME, AT, null, events, new TokenUsage(300, 50, 2));
        UsageEvent decoded = UsageEventCodec.decode(UsageEventCodec.encode(e));
        assertThat(decoded).isEqualTo(e);
        assertThat(decoded.memories()).isEqualTo(new UsageEvent.MemoryCounts(2, 0, 1, 1));
        assertThat(decoded.userId()).isNull();
    }

    @Test
    void readersIgnoreUnknownFieldsAndRefuseOtherVersions() {
        String v1 = """
                {"v":1,"id":"%s","org":"acme","project":"p","at":"2026-01-01T10:00:00Z","kind":"REQUEST","op":"ADD",
                 "route":"POST /v1/memories/","status":201,"latency_ms":5,"raw_tokens":9,"future":"x"}""".formatted(UUID.randomUUID());
        UsageEvent e = UsageEventCodec.decode(v1.getBytes(StandardCharsets.UTF_8));
        assertThat(e.operation()).isEqualTo(UsageEvent.Operation.ADD);
        assertThat(e.rawTokens()).isEqualTo(9);
        assertThat(e.memories()).isEqualTo(UsageEvent.MemoryCounts.NONE);

        assertThatThrownBy(() -> UsageEventCodec.decode(v1.replace("\"v\":1", "\"v\":2").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UsageEventCodec.UnsupportedVersionException.class);
        assertThatThrownBy(() -> UsageEventCodec.decode("{\"v\":1,\"org\":\"a\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'id'");
        assertThatThrownBy(() -> UsageEventCodec.decode("nope".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static MemoryEvent event(MemoryEvent.Type type) {
        return new MemoryEvent(UUID.randomUUID(), "t", type, null, null, null);
    }
}
