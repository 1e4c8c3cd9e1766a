package dev.engram.core.engine;

import dev.engram.core.domain.AddRequest;
import dev.engram.core.domain.Filter;
import dev.engram.core.domain.HistoryEntry;
import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.Scope;
import dev.engram.core.domain.Tenant;
import dev.engram.core.domain.UpdateRequest;
import dev.engram.core.error.StorageException;
import dev.engram.core.error.ValidationException;
import dev.engram.core.extract.offline.OfflineExtractor;
import dev.engram.core.filter.Filters;
import dev.engram.core.index.lucene.LuceneVectorIndex;
import dev.engram.core.reconcile.OfflineReconciler;
import dev.engram.core.spi.MemoryStore;
import dev.engram.core.spi.VectorIndex;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static dev.engram.core.engine.Faults.Step.INDEX_DELETE;
import static dev.engram.core.engine.Faults.Step.INDEX_UPSERT;
import static dev.engram.core.engine.Faults.Step.STORE_COMMIT;
import static dev.engram.core.engine.Faults.Step.STORE_WRITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every write of the engine is all or nothing across store and index: each step of each write is broken in turn, and
 * store, index, history and the decision counters must be exactly as before. One subclass per store.
 */
abstract class AbstractAtomicWritesTest {

    static final Tenant TENANT = Tenant.of("org-atomic", "proj-atomic");
    static final Scope ALICE = new Scope(TENANT, "alice", null, null, null);

    /** A write of the engine and the steps it goes through. */
    enum Operation {
        ADD(e -> e.add(AddRequest.of(ALICE, "I like green tea in the morning.").withInfer(false)), STORE_WRITE, INDEX_UPSERT, STORE_COMMIT),
        ADD_SUPERSEDING(e -> e.add(AddRequest.of(ALICE, "I moved to Berlin.").withOfflineOnly(true)), STORE_WRITE, INDEX_UPSERT, STORE_COMMIT),
        UPDATE_TEXT(e -> e.update(UpdateRequest.text(TENANT, first(e), "I like black coffee.")), STORE_WRITE, INDEX_UPSERT, STORE_COMMIT),
        UPDATE_METADATA(e -> e.update(new UpdateRequest(TENANT, first(e), null, Map.of("mood", "calm"), null, null, false)),
                STORE_WRITE, INDEX_UPSERT, STORE_COMMIT),
        DELETE(e -> e.delete(TENANT, first(e)), STORE_WRITE, INDEX_DELETE, STORE_COMMIT),
        DELETE_ALL(e -> e.deleteAll(TENANT, Filters.forScope(ALICE)), STORE_WRITE, INDEX_DELETE, STORE_COMMIT),
        BATCH_UPDATE(e -> e.updateAll(ids(e).stream().map(id -> UpdateRequest.text(TENANT, id, "Batch text for " + id)).toList()),
                STORE_WRITE, INDEX_UPSERT, STORE_COMMIT),
        BATCH_DELETE(e -> e.deleteAll(TENANT, ids(e)), STORE_WRITE, INDEX_DELETE, STORE_COMMIT);

        final Consumer<MemoryEngine> run;
        final Set<Faults.Step> steps;

        Operation(Consumer<MemoryEngine> run, Faults.Step first, Faults.Step... more) {
            this.run = run;
            this.steps = EnumSet.of(first, more);
        }
    }

    private final Faults faults = new Faults();
    private SimpleMeterRegistry registry;
    private MemoryEngine engine;

    /** A new, empty store of the kind under test. */
    protected abstract MemoryStore newStore();

    @BeforeEach
    void open() {
        registry = new SimpleMeterRegistry();
        Embedder embedder = Embedder.defaultEmbedder();
        VectorIndex index = faults.index(LuceneVectorIndex.inMemory(embedder.dimension()));
        EngineSettings settings = EngineSettings.defaults();
        engine = new MemoryEngine(embedder, index, faults.store(newStore()), new OfflineExtractor(), new OfflineReconciler(settings.reconcileThresholds()),
                settings, Clock.systemUTC(), ZoneOffset.UTC, registry);
        engine.add(AddRequest.of(ALICE, "I live in Paris.").withOfflineOnly(true));
        engine.add(AddRequest.of(ALICE, "My sister is called Marta.").withInfer(false));
    }

    @AfterEach
    void close() {
        engine.close();
    }

    static Stream<Arguments> brokenSteps() {
        List<Arguments> out = new ArrayList<>();
        for (Operation op : Operation.values()) for (Faults.Step step : op.steps) out.add(Arguments.of(op, step));
        return out.stream();
    }

    @ParameterizedTest(name = "{0} with a failing {1}")
    @MethodSource("brokenSteps")
    void aFailedWriteChangesNothing(Operation op, Faults.Step step) {
        State before = state();
        faults.arm(step);

        assertThatThrownBy(() -> op.run.accept(engine)).isInstanceOf(StorageException.class);

        assertThat(faults.triggered()).as("the broken step was reached").isTrue();
        assertThat(state()).isEqualTo(before);
        assertThat(engine.checkConsistency(TENANT, false).consistent()).isTrue();
        // and the same write succeeds once the fault is gone
        op.run.accept(engine);
        assertThat(state()).isNotEqualTo(before);
        assertThat(engine.checkConsistency(TENANT, false).consistent()).isTrue();
    }

    @Test
    void invisibleTextIsRefusedBeforeAnyWrite() {
        State before = state();
        UUID id = first(engine);

        assertThatThrownBy(() -> engine.update(UpdateRequest.text(TENANT, id, "\u200b\u00a0 \u0000")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("text");
        assertThatThrownBy(() -> engine.updateAll(List.of(UpdateRequest.text(TENANT, id, "fine text"),
                UpdateRequest.text(TENANT, ids(engine).get(1), "\u00a0")))).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> engine.add(AddRequest.of(ALICE, "\ud800\u200b").withInfer(false)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("messages[0].content");

        assertThat(state()).isEqualTo(before);
    }

    @Test
    void theConsistencyCheckFindsAndRepairsMissingStaleAndOrphanedEntries() {
        List<UUID> ids = ids(engine);
        ConsistencyReport initial = engine.checkConsistency(TENANT, false);
        assertThat(initial.consistent()).isTrue();
        long n = initial.storeRecords(); // the memories and the messages kept as evidence
        // break the index behind the engine's back: one entry lost, one with old text, one without a memory
        engine.index().delete(TENANT, List.of(ids.get(0)));
        MemoryRecord changed = engine.get(TENANT, ids.get(1)).orElseThrow().withText("Marta is my cousin.", java.time.Instant.now());
        engine.store().write(TENANT, List.of(changed), List.of());
        MemoryRecord ghost = changed.withText("a ghost", java.time.Instant.now());
        ghost = new MemoryRecord(UUID.randomUUID(), ghost.scope(), ghost.text(), ghost.hash(), ghost.actor(), ghost.role(), ghost.metadata(),
                ghost.categories(), ghost.createdAt(), ghost.updatedAt(), ghost.eventTime(), ghost.expirationDate(), ghost.immutable(),
                ghost.state(), ghost.replacedBy(), ghost.sources(), ghost.slot());
        engine.index().upsert(TENANT, List.of(new dev.engram.core.spi.IndexEntry(ghost, engine.embedder().embed("a ghost"))));

        ConsistencyReport found = engine.checkConsistency(TENANT, false);
        assertThat(found).isEqualTo(new ConsistencyReport(n, n, 1, 1, 1, 0));

        ConsistencyReport repaired = engine.checkConsistency(TENANT, true);
        assertThat(repaired.repaired()).isEqualTo(3);
        assertThat(engine.checkConsistency(TENANT, false)).isEqualTo(new ConsistencyReport(n, n, 0, 0, 0, 0));
        assertThat(engine.search(dev.engram.core.domain.SearchRequest.of(TENANT, "cousin", Filters.forScope(ALICE))).hits())
                .extracting(h -> h.memory().id()).contains(ids.get(1));
    }

    static UUID first(MemoryEngine e) {
        return ids(e).get(0);
    }

    static List<UUID> ids(MemoryEngine e) {
        List<UUID> ids = new ArrayList<>();
        e.list(dev.engram.core.domain.ListRequest.of(TENANT, Filters.forScope(ALICE))).items().forEach(m -> ids.add(m.id()));
        ids.sort(Comparator.naturalOrder());
        return ids;
    }

    /** Everything a write could change: records, history, index entries (by state), decision counters. */
    record State(Map<UUID, MemoryRecord> records, Map<UUID, List<HistoryEntry>> history, List<UUID> indexActive,
                 List<UUID> indexAll, Map<String, Double> counters) {
    }

    private State state() {
        Map<UUID, MemoryRecord> records = new TreeMap<>();
        Map<UUID, List<HistoryEntry>> history = new TreeMap<>();
        MemoryStore store = storeOf();
        store.scan(TENANT, m -> records.put(m.id(), m));
        for (UUID id : records.keySet()) history.put(id, store.history(TENANT, id));
        Map<String, Double> counters = new TreeMap<>();
        for (Counter c : registry.find("engram.memory.events").counters()) counters.put(c.getId().getTag("type"), c.count());
        return new State(records, history, sorted(indexOf().list(TENANT, Filters.lifecycle(false), 0, 1000).ids()),
                sorted(indexOf().list(TENANT, Filter.ALL, 0, 1000).ids()), counters);
    }

    private static List<UUID> sorted(List<UUID> ids) {
        return ids.stream().sorted().toList();
    }

    private MemoryStore storeOf() {
        return engine.store();
    }

    private VectorIndex indexOf() {
        return engine.index();
    }
}
