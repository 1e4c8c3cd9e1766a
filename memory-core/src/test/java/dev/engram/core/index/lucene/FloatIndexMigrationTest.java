package dev.engram.core.index.lucene;

import dev.engram.core.domain.Field;
import dev.engram.core.domain.Filter;
import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.MemoryState;
import dev.engram.core.domain.Scope;
import dev.engram.core.domain.Tenant;
import dev.engram.core.spi.IndexEntry;
import dev.engram.core.spi.IndexHit;
import dev.engram.core.spi.IndexQuery;
import dev.engram.core.spi.MemoryStore;
import dev.engram.core.store.memory.InMemoryMemoryStore;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A float-layout index (format 1) opened with INT8_COMPACT and its store is rewritten compact at open: same entries and
 * ids, tenant isolation, vector and keyword search, a backup of the old files, fewer bytes; an interrupted migration
 * leaves the float index in place and the next open completes it; the switch off keeps the float index; a compact index
 * is opened untouched.
 */
class FloatIndexMigrationTest {

    private static final Tenant A = Tenant.of("org-a", "project");
    private static final Tenant B = Tenant.of("org-b", "project");
    private static final Instant T = Instant.parse("2025-06-01T08:00:00Z");
    private static final int DIM = 384;
    private static final int PER_TENANT = 150;
    private static final LuceneIndexOptions FLOAT = LuceneIndexOptions.defaults().withEncoding(VectorEncoding.FLOAT32);
    private static final LuceneIndexOptions COMPACT = LuceneIndexOptions.defaults();

    @TempDir
    Path data;
    private Path dir;
    private final InMemoryMemoryStore store = new InMemoryMemoryStore();
    private final List<IndexEntry> entries = new ArrayList<>();

    @BeforeEach
    void floatIndex() {
        dir = data.resolve("index");
        Random rnd = new Random(7);
        for (Tenant tenant : List.of(A, B)) {
            List<IndexEntry> ofTenant = new ArrayList<>();
            for (int i = 0; i < PER_TENANT; i++) {
                float[] v = new float[DIM];
                for (int d = 0; d < DIM; d++) v[d] = (float) (0.2 + rnd.nextGaussian());
                ofTenant.add(new IndexEntry(record(tenant, "u" + (i % 3), "note " + tenant.orgId().replace("-", "") + "word" + (char) ('a' + i / 26) + (char) ('a' + i % 26)), v));
            }
            store.write(tenant, ofTenant.stream().map(IndexEntry::record).toList(), List.of());
            try (LuceneVectorIndex index = LuceneVectorIndex.open(dir, DIM, "test", FLOAT, store)) {
                index.upsert(tenant, ofTenant);
            }
            entries.addAll(ofTenant);
        }
    }

    @Test
    void aFloatIndexBecomesCompactWithEveryEntryAndABackup() throws IOException {
        assertThat(formatOf(dir)).isEqualTo(LuceneVectorIndex.FLOAT_FORMAT);
        long before = FloatIndexMigration.size(dir);

        try (LuceneVectorIndex index = LuceneVectorIndex.open(dir, DIM, "test", COMPACT, store)) {
            assertThat(index.encoding()).isEqualTo(VectorEncoding.INT8_COMPACT);
            assertThat(index.recoveryPoint()).isEmpty(); // the float index was closed cleanly
            assertEverythingFound(index);
        }
        assertThat(formatOf(dir)).isEqualTo(LuceneVectorIndex.COMPACT_FORMAT);
        List<Path> backups = siblings(FloatIndexMigration.BACKUP_INFIX);
        assertThat(backups).hasSize(1);
        assertThat(formatOf(backups.getFirst())).isEqualTo(LuceneVectorIndex.FLOAT_FORMAT);
        assertThat(FloatIndexMigration.size(dir)).isLessThan(before / 2);
        assertThat(siblings(".compact-")).isEmpty();
    }

    @Test
    void anInterruptedMigrationLeavesTheFloatIndexAndTheNextOpenCompletesIt() throws IOException {
        AtomicInteger batches = new AtomicInteger();
        MemoryStore failing = failingAfter(store, 1, batches); // the second batch of records fails, mid-copy
        assertThatThrownBy(() -> LuceneVectorIndex.open(dir, DIM, "test", COMPACT, failing)).isInstanceOf(IllegalStateException.class);
        assertThat(batches.get()).isEqualTo(2);
        assertThat(formatOf(dir)).isEqualTo(LuceneVectorIndex.FLOAT_FORMAT);
        assertThat(Files.isDirectory(FloatIndexMigration.sibling(dir, FloatIndexMigration.TMP_SUFFIX))).isTrue();
        assertThat(siblings(FloatIndexMigration.BACKUP_INFIX)).isEmpty();

        try (LuceneVectorIndex index = LuceneVectorIndex.open(dir, DIM, "test", COMPACT, store)) {
            assertThat(index.encoding()).isEqualTo(VectorEncoding.INT8_COMPACT);
            assertEverythingFound(index);
        }
        assertThat(siblings(".compact-")).isEmpty();
        assertThat(siblings(FloatIndexMigration.BACKUP_INFIX)).hasSize(1);
    }

    @Test
    void aCopyFinishedBeforeACrashIsSwappedInAtTheNextOpen() throws IOException {
        // The state between the renames: the complete copy is index.compact-done, the float index still index.
        Path done = FloatIndexMigration.sibling(dir, FloatIndexMigration.DONE_SUFFIX);
        try (LuceneVectorIndex copy = LuceneVectorIndex.create(done, DIM, "test", COMPACT)) {
            for (Tenant tenant : List.of(A, B)) copy.upsert(tenant, entries.stream().filter(e -> e.record().tenant().equals(tenant)).toList());
        }
        try (LuceneVectorIndex index = LuceneVectorIndex.open(dir, DIM, "test", COMPACT.withMigrateFloatIndex(false), store)) {
            assertThat(index.encoding()).isEqualTo(VectorEncoding.INT8_COMPACT);
            assertEverythingFound(index);
        }
        assertThat(siblings(".compact-")).isEmpty();
        assertThat(siblings(FloatIndexMigration.BACKUP_INFIX)).hasSize(1);
    }

    @Test
    void anUncleanFloatIndexPassesItsRecoveryPointToTheCompactOne() throws IOException {
        Instant mark = Instant.parse("2026-12-01T10:00:00Z");
        try (var d = FSDirectory.open(dir); IndexWriter writer = new IndexWriter(d, new IndexWriterConfig().setOpenMode(IndexWriterConfig.OpenMode.APPEND))) {
            Map<String, String> data = new HashMap<>(SegmentInfos.readLatestCommit(d).getUserData());
            data.put(LuceneVectorIndex.CLEAN_KEY, "false"); // as a kill -9 leaves it
            data.put(LuceneVectorIndex.SYNCED_KEY, Long.toString(mark.toEpochMilli()));
            writer.setLiveCommitData(data.entrySet());
            writer.commit();
        }
        try (LuceneVectorIndex index = LuceneVectorIndex.open(dir, DIM, "test", COMPACT, store)) {
            assertThat(index.encoding()).isEqualTo(VectorEncoding.INT8_COMPACT);
            assertThat(index.recoveryPoint()).contains(mark); // the engine still compares with the store from there
        }
        try (LuceneVectorIndex index = LuceneVectorIndex.open(dir, DIM, "test", COMPACT, store)) {
            assertThat(index.recoveryPoint()).contains(mark); // until it says it recovered
            index.recovered();
        }
        try (LuceneVectorIndex index = LuceneVectorIndex.open(dir, DIM, "test", COMPACT, store)) {
            assertThat(index.recoveryPoint()).isEmpty();
        }
    }

    @Test
    void switchedOffTheFloatIndexKeepsItsLayout() throws IOException {
        try (LuceneVectorIndex index = LuceneVectorIndex.open(dir, DIM, "test", COMPACT.withMigrateFloatIndex(false), store)) {
            assertThat(index.encoding()).isEqualTo(VectorEncoding.FLOAT32);
            assertEverythingFound(index);
        }
        assertThat(formatOf(dir)).isEqualTo(LuceneVectorIndex.FLOAT_FORMAT);
        assertThat(siblings(FloatIndexMigration.BACKUP_INFIX)).isEmpty();
    }

    @Test
    void aCompactIndexIsOpenedUntouched() throws IOException {
        try (LuceneVectorIndex index = LuceneVectorIndex.open(dir, DIM, "test", COMPACT, store)) {
            assertThat(index.encoding()).isEqualTo(VectorEncoding.INT8_COMPACT);
        }
        Set<String> files = files(dir);
        try (LuceneVectorIndex index = LuceneVectorIndex.open(dir, DIM, "test", COMPACT, store)) {
            assertThat(index.encoding()).isEqualTo(VectorEncoding.INT8_COMPACT);
            assertEverythingFound(index);
            assertThat(files(dir)).containsAll(files); // the same segments, not a rewrite
        }
        assertThat(siblings(FloatIndexMigration.BACKUP_INFIX)).hasSize(1); // the first open's, none from the second
    }

    @Test
    void theExactSearchLimitReachesTheIndexAndDecidesWhichScopesAreScannedExactly() throws IOException {
        try (LuceneVectorIndex index = LuceneVectorIndex.open(dir, DIM, "test", COMPACT.withExactSearchLimit(0), store)) {
            assertThat(index.exactSearchLimit()).isZero();
            assertEverythingFound(index); // through the graph
        }
        try (LuceneVectorIndex index = LuceneVectorIndex.open(dir, DIM, "test", COMPACT, store)) {
            assertThat(index.exactSearchLimit()).isEqualTo(LuceneIndexOptions.DEFAULT_EXACT_SEARCH_LIMIT);
        }
        try (var d = FSDirectory.open(dir); DirectoryReader reader = DirectoryReader.open(d)) {
            IndexSearcher searcher = new IndexSearcher(reader);
            String field = new CompactVectors.Span(0, DIM).field();
            assertThat(new CompactVectors.ScopeDocs(2 * PER_TENANT).of(searcher, field, MatchAllDocsQuery.INSTANCE)).hasSize(2 * PER_TENANT);
            assertThat(new CompactVectors.ScopeDocs(2 * PER_TENANT - 1).of(searcher, field, MatchAllDocsQuery.INSTANCE)).isNull();
            assertThat(new CompactVectors.ScopeDocs(0).of(searcher, field, MatchAllDocsQuery.INSTANCE)).isNull();
        }
        assertThatThrownBy(() -> COMPACT.withExactSearchLimit(-1)).hasMessageContaining("must not be negative");
    }

    /** Every entry in its tenant with its id: top-1 of its own vector, found by its keyword, never from the other tenant. */
    private void assertEverythingFound(LuceneVectorIndex index) {
        assertThat(index.count(A, Filter.ALL)).isEqualTo(PER_TENANT);
        assertThat(index.count(B, Filter.ALL)).isEqualTo(PER_TENANT);
        Set<UUID> ofA = entries.stream().filter(e -> e.record().tenant().equals(A)).map(e -> e.record().id()).collect(Collectors.toSet());
        Set<UUID> listed = Set.copyOf(index.list(A, Filter.ALL, 0, 1000).ids());
        assertThat(listed).isEqualTo(ofA);
        for (IndexEntry e : entries) {
            Tenant tenant = e.record().tenant();
            Tenant other = tenant.equals(A) ? B : A;
            assertThat(index.search(tenant, new IndexQuery(e.vector(), null, Filter.ALL, 1, false)))
                    .extracting(IndexHit::id).containsExactly(e.record().id());
            assertThat(index.search(other, new IndexQuery(e.vector(), null, Filter.ALL, 10, false)))
                    .extracting(IndexHit::id).doesNotContain(e.record().id()).allMatch(id -> ofA.contains(id) == other.equals(A));
        }
        IndexEntry probe = entries.get(PER_TENANT + 17);
        String word = probe.record().text().split(" ")[1];
        assertThat(index.search(B, new IndexQuery(entries.get(3).vector(), word, Filter.eq(Field.USER_ID, probe.record().scope().userId()), 5, true)))
                .anySatisfy(h -> {
                    assertThat(h.id()).isEqualTo(probe.record().id());
                    assertThat(h.keyword()).isPositive();
                });
        assertThat(index.search(A, new IndexQuery(entries.get(3).vector(), word, Filter.ALL, 5, true)))
                .allMatch(h -> h.keyword() == 0.0);
    }

    /** The store, whose {@code getAll} fails once it was called {@code calls} times. */
    private static MemoryStore failingAfter(MemoryStore store, int calls, AtomicInteger count) {
        return (MemoryStore) Proxy.newProxyInstance(MemoryStore.class.getClassLoader(), new Class<?>[]{MemoryStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getAll") && count.incrementAndGet() > calls) {
                        throw new IllegalStateException("simulated crash during the migration");
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private List<Path> siblings(String infix) throws IOException {
        try (Stream<Path> list = Files.list(data)) {
            return list.filter(p -> p.getFileName().toString().startsWith("index" + infix)).toList();
        }
    }

    private static Set<String> files(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".cfs") || n.endsWith(".si")).collect(Collectors.toSet());
        }
    }

    private static String formatOf(Path dir) throws IOException {
        try (var d = FSDirectory.open(dir)) {
            return SegmentInfos.readLatestCommit(d).getUserData().get(LuceneVectorIndex.FORMAT_KEY);
        }
    }

    private static MemoryRecord record(Tenant tenant, String user, String text) {
        return new MemoryRecord(UUID.randomUUID(), Scope.user(user).inTenant(tenant), text, null, null,
                null, Map.of(), List.of(), T, T, null, null, false, MemoryState.ACTIVE, null, List.of(), null);
    }
}
