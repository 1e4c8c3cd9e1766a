package dev.engram.core.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.core.Memory;
import dev.engram.core.domain.AddRequest;
import dev.engram.core.domain.Filter;
import dev.engram.core.domain.HistoryEntry;
import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.Message;
import dev.engram.core.domain.Scope;
import dev.engram.core.domain.SearchHit;
import dev.engram.core.domain.SearchRequest;
import dev.engram.core.domain.Tenant;
import dev.engram.core.domain.UpdateRequest;
import dev.engram.core.engine.MemoryEngine;
import dev.engram.core.filter.FilterParser;
import dev.engram.core.store.jdbc.SqliteDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A memory export end to end on a real engine and a SQLite job store: the runner writes every matching memory with its
 * sources and history, the schema shapes it, a job whose runner died is taken over (or failed after too many starts),
 * an export over the size cap fails with a reason, and an import restores the export verbatim into another project,
 * searchable there, idempotent on a second run, leaving the first project untouched.
 */
class MemoryExportRoundTripTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Tenant SOURCE = Tenant.of("org", "source");
    private static final Tenant TARGET = Tenant.of("org", "target");
    private static final Duration STALE = Duration.ofMinutes(2);

    @TempDir
    Path dir;

    private Memory memory;
    private MemoryEngine engine;
    private SqliteDatabase directory;
    private ExportJobStore store;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    @BeforeEach
    void open() {
        memory = Memory.inMemory();
        engine = memory.engine();
        directory = SqliteDatabase.open(dir.resolve("directory.db"), 2);
        store = JdbcExportJobStore.migrating(directory.database());
    }

    @AfterEach
    void close() {
        memory.close();
        directory.close();
    }

    private ExportRunner runner(int maxAttempts, long maxChars) {
        return new ExportRunner(store, engine, new ExportRunner.Settings(1, Duration.ofSeconds(1), STALE, maxAttempts, maxChars,
                Duration.ofDays(7)), clock);
    }

    private MemoryRecord remember(Tenant tenant, String user, String text, Map<String, Object> metadata) {
        AddRequest add = new AddRequest("ev-" + UUID.randomUUID(), new Scope(tenant, user, null, null, null),
                List.of(Message.user(text).withId("msg-1")), metadata, false, null, null, null, null, false);
        return engine.get(tenant, engine.add(add).events().get(0).memoryId()).orElseThrow();
    }

    private ExportJob exportOf(String filtersJson) {
        return store.create(SOURCE, new ExportRequest(filtersJson, "{}", null), clock.instant());
    }

    @Test
    void theExportHoldsEveryMatchingMemoryWithSourcesAndHistory() throws Exception {
        MemoryRecord tea = remember(SOURCE, "alice", "Alice drinks green tea every morning", Map.of("topic", "drinks"));
        engine.update(UpdateRequest.text(SOURCE, tea.id(), "Alice drinks jasmine tea every morning"));
        remember(SOURCE, "alice", "Alice lives in Lisbon", Map.of());
        remember(SOURCE, "bob", "Bob plays the cello", Map.of());

        ExportJob job = exportOf("{\"AND\":[{\"user_id\":\"alice\"}]}");
        assertThat(runner(3, 1_000_000).runOnce()).isPresent();

        ExportJob done = store.get(SOURCE, job.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(ExportStatus.COMPLETED);
        assertThat(done.processed()).isEqualTo(2);
        assertThat(done.total()).isEqualTo(2);
        JsonNode export = JSON.readTree(store.result(SOURCE, job.id()).orElseThrow());
        assertThat(export.get("engram_export").asInt()).isEqualTo(1);
        assertThat(export.get("count").asInt()).isEqualTo(2);
        assertThat(export.get("memories")).extracting(m -> m.get("user_id").asText()).containsOnly("alice");
        JsonNode exported = find(export, tea.id());
        assertThat(exported.get("memory").asText()).isEqualTo("Alice drinks jasmine tea every morning");
        assertThat(exported.get("metadata").get("topic").asText()).isEqualTo("drinks");
        assertThat(exported.get("sources").get(0).get("message_id").asText()).isEqualTo("msg-1");
        assertThat(exported.get("history")).extracting(h -> h.get("event").asText()).containsExactly("ADD", "UPDATE");
        assertThat(exported.get("history").get(1).get("old_memory").asText()).isEqualTo("Alice drinks green tea every morning");

        JsonNode schema = JSON.readTree("""
                {"type":"object","$defs":{"M":{"type":"object","properties":{"id":{"type":"string"},"text":{"type":"string"},
                 "favourite_colour":{"type":"string"},"history":{"type":"array","items":{"properties":{"event":{"type":"string"}}}}}}},
                 "properties":{"memories":{"type":"array","items":{"$ref":"#/$defs/M"}},"count":{"type":"integer"},
                 "full_name":{"anyOf":[{"type":"string"},{"type":"null"}]}}}""");
        JsonNode shaped = ExportShape.apply(schema, export);
        assertThat(shaped.fieldNames()).toIterable().containsExactly("memories", "count");
        JsonNode first = shaped.get("memories").get(0);
        assertThat(first.fieldNames()).toIterable().containsExactly("id", "text", "history");
        assertThat(first.get("history").get(0).fieldNames()).toIterable().containsExactly("event");
        assertThat(ExportShape.apply(JSON.readTree("{}"), export)).isEqualTo(export);
    }

    @Test
    void aJobLeftRunningByADeadRunnerIsTakenOverAndFinished() {
        remember(SOURCE, "alice", "Alice lives in Lisbon", Map.of());
        ExportJob job = exportOf("{\"user_id\":\"alice\"}");
        ExportJob dead = store.claimNext(clock.instant(), STALE).orElseThrow(); // a runner that then died (restart)

        ExportRunner runner = runner(3, 1_000_000);
        assertThat(runner.runOnce()).as("the dead runner's lease still holds").isEmpty();
        clock.advance(STALE.plusSeconds(1));
        assertThat(runner.runOnce()).isPresent();

        ExportJob done = store.get(SOURCE, job.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(ExportStatus.COMPLETED);
        assertThat(done.attempts()).isEqualTo(dead.attempts() + 1);
        assertThat(done.processed()).isEqualTo(1);
    }

    @Test
    void aJobInterruptedTooOftenFailsWithAReason() {
        ExportJob job = exportOf("{\"user_id\":\"alice\"}");
        store.claimNext(clock.instant(), STALE).orElseThrow();
        clock.advance(STALE.plusSeconds(1));

        runner(1, 1_000_000).runOnce();

        ExportJob failed = store.get(SOURCE, job.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(ExportStatus.FAILED);
        assertThat(failed.error()).contains("interrupted 1 times");
    }

    @Test
    void anExportOverTheSizeCapFailsWithAReasonAfterReadingPageByPage() {
        for (int i = 0; i < ExportWriter.PAGE_SIZE + 20; i++) remember(SOURCE, "alice", "Fact number " + i + " about Alice", Map.of());
        ExportJob big = exportOf("{\"user_id\":\"alice\"}");
        runner(3, 10_000_000).runOnce();
        ExportJob done = store.get(SOURCE, big.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(ExportStatus.COMPLETED);
        assertThat(done.processed()).isEqualTo(ExportWriter.PAGE_SIZE + 20);

        ExportJob capped = exportOf("{\"user_id\":\"alice\"}");
        runner(3, 5_000).runOnce();
        ExportJob failed = store.get(SOURCE, capped.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(ExportStatus.FAILED);
        assertThat(failed.error()).contains("exceeds 5000 characters");
        assertThat(store.result(SOURCE, capped.id())).isEmpty();
    }

    @Test
    void anImportRestoresTheExportVerbatimSearchablyAndOnlyOnce() throws Exception {
        MemoryRecord tea = remember(SOURCE, "alice", "Alice drinks green tea every morning", Map.of("topic", "drinks"));
        engine.update(UpdateRequest.text(SOURCE, tea.id(), "Alice drinks jasmine tea every morning"));
        ExportJob job = exportOf("{\"user_id\":\"alice\"}");
        runner(3, 1_000_000).runOnce();
        JsonNode export = JSON.readTree(store.result(SOURCE, job.id()).orElseThrow());

        for (int run = 0; run < 2; run++) {
            List<ExportReader.Restored> restored = ExportReader.read(export, TARGET);
            engine.restore(TARGET, restored.stream().map(ExportReader.Restored::memory).toList(),
                    restored.stream().flatMap(r -> r.history().stream()).toList());
        }

        MemoryRecord copy = engine.get(TARGET, tea.id()).orElseThrow();
        MemoryRecord original = engine.get(SOURCE, tea.id()).orElseThrow();
        assertThat(copy.text()).isEqualTo(original.text());
        assertThat(copy.metadata()).isEqualTo(original.metadata());
        assertThat(copy.createdAt()).isEqualTo(original.createdAt());
        assertThat(copy.sources()).isEqualTo(original.sources());
        assertThat(copy.scope().userId()).isEqualTo("alice");
        assertThat(engine.history(TARGET, tea.id())).extracting(HistoryEntry::id)
                .containsExactlyElementsOf(engine.history(SOURCE, tea.id()).stream().map(HistoryEntry::id).toList());
        Filter alice = FilterParser.parse(JSON.readTree("{\"user_id\":\"alice\"}"));
        List<SearchHit> hits = engine.search(SearchRequest.of(TARGET, "what does alice drink", alice)).hits();
        assertThat(hits).extracting(h -> h.memory().id()).containsExactly(tea.id());
        assertThat(engine.list(dev.engram.core.domain.ListRequest.of(TARGET, alice)).total()).isEqualTo(1);

        engine.delete(TARGET, tea.id());
        assertThat(engine.get(SOURCE, tea.id())).as("the source project is untouched").isPresent();
    }

    @Test
    void anImportRefusesWhatIsNotAFullExport() throws Exception {
        assertThatThrownBy(() -> ExportReader.read(JSON.readTree("{\"memories\":[]}"), TARGET)).hasMessageContaining("full Engram export");
        assertThatThrownBy(() -> ExportReader.read(JSON.readTree("{\"engram_export\":1,\"memories\":[{\"id\":\"nope\",\"memory\":\"x\"}]}"),
                TARGET)).hasMessageContaining("memories[0].id must be a UUID");
    }

    private static JsonNode find(JsonNode export, UUID id) {
        for (JsonNode m : export.get("memories")) if (m.get("id").asText().equals(id.toString())) return m;
        throw new AssertionError("not exported: " + id);
    }

    /** A clock the test moves. */
    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
