package dev.engram.bench;

import dev.engram.bench.search.SyntheticCorpus;
import dev.engram.core.domain.Filter;
import dev.engram.core.filter.Filters;
import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.MemoryState;
import dev.engram.core.domain.Scope;
import dev.engram.core.domain.Tenant;
import dev.engram.core.index.lucene.LuceneIndexOptions;
import dev.engram.core.index.lucene.LuceneVectorIndex;
import dev.engram.core.index.lucene.VectorEncoding;
import dev.engram.core.spi.IndexEntry;
import dev.engram.core.spi.IndexHit;
import dev.engram.core.spi.IndexQuery;
import dev.engram.core.store.memory.InMemoryMemoryStore;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Bytes per memory of a float-layout Lucene index (FLOAT32, what versions before INT8_COMPACT wrote) before and after
 * the migration at open ({@code engram.index.migrate-float-index}), and the migration's time.
 *
 * <p>Synthetic, no embedder: {@code --memories} vectors of the bilingual embedder's shape (896 dimensions; a quarter
 * fill the 512 Chinese dimensions, the rest the 384 English ones, the other half zero), each a normalized Gaussian
 * around a shared direction (seed 42); texts of about 100 characters; memories dealt over N/100 users of one tenant.
 * The store is in memory, so the time is the index's: reading the float vectors, quantizing, writing the compact
 * index with its graphs, the renames. After the migration, {@code --checks} memories are searched with their own
 * vector in their user's scope and over the tenant, and must come first.
 *
 * <pre>
 *   --memories N   memories (default 10000)
 *   --checks N     memories searched after the migration (default 200)
 *   --dir PATH     work directory (default target/index-migration)
 * </pre>
 */
public final class IndexMigrationBenchmark {

    private static final Set<String> OPTIONS = Set.of("memories", "checks", "dir");
    private static final int ZH = 512;
    private static final int EN = 384;
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private IndexMigrationBenchmark() {
    }

    public static void main(String[] args) {
        CommandLine cli;
        try {
            cli = CommandLine.parse(args, OPTIONS);
        } catch (IllegalArgumentException e) {
            System.err.println("index-migration: " + e.getMessage());
            System.exit(2);
            return;
        }
        int n = cli.intValue("memories", 10_000);
        int checks = cli.intValue("checks", 200);
        Path dir = Path.of(cli.get("dir", "target/index-migration")).toAbsolutePath();
        BenchFiles.deleteRecursively(dir);
        Path index = dir.resolve("index");
        int users = Math.max(1, n / 100);

        Random rnd = new Random(42);
        float[] direction = new float[ZH + EN];
        for (int d = 0; d < direction.length; d++) direction[d] = (float) rnd.nextGaussian();
        InMemoryMemoryStore store = new InMemoryMemoryStore();
        List<IndexEntry> entries = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            boolean chinese = i % 4 == 0;
            float[] v = new float[ZH + EN];
            int from = chinese ? 0 : ZH;
            int to = chinese ? ZH : ZH + EN;
            double norm = 0;
            for (int d = from; d < to; d++) {
                v[d] = (float) (0.5 * direction[d] + rnd.nextGaussian());
                norm += v[d] * v[d];
            }
            for (int d = from; d < to; d++) v[d] /= (float) Math.sqrt(norm);
            String text = String.format(Locale.ROOT, "Memory %d: the user mentioned topic %d, a preference about item %d, on day %d.",
                    i, rnd.nextInt(500), rnd.nextInt(10_000), rnd.nextInt(365));
            entries.add(new IndexEntry(new MemoryRecord(new UUID(0, i), Scope.user(SyntheticCorpus.userId(i % users)), text,
                    null, null, null, Map.of(), List.of(), T0, T0, null, null, false, MemoryState.ACTIVE, null, List.of(), null), v));
        }
        store.write(Tenant.DEFAULT, entries.stream().map(IndexEntry::record).toList(), List.of());
        LuceneIndexOptions floats = LuceneIndexOptions.defaults().withEncoding(VectorEncoding.FLOAT32);
        try (LuceneVectorIndex old = LuceneVectorIndex.open(index, ZH + EN, "synthetic", floats, store)) {
            for (int i = 0; i < n; i += 500) old.upsert(Tenant.DEFAULT, entries.subList(i, Math.min(n, i + 500)));
        }
        long before = ExactRecall.directorySize(index);

        long start = System.nanoTime();
        long after;
        int first = 0;
        try (LuceneVectorIndex migrated = LuceneVectorIndex.open(index, ZH + EN, "synthetic", LuceneIndexOptions.defaults(), store)) {
            double seconds = (System.nanoTime() - start) / 1e9;
            after = ExactRecall.directorySize(index);
            if (migrated.encoding() != VectorEncoding.INT8_COMPACT) throw new IllegalStateException("not migrated: " + migrated.encoding());
            if (migrated.count(Tenant.DEFAULT, Filter.ALL) != n) throw new IllegalStateException("entries lost");
            for (int c = 0; c < checks; c++) {
                IndexEntry e = entries.get((int) ((long) c * n / checks));
                Filter scope = Filters.forScope(e.record().scope());
                List<IndexHit> own = migrated.search(Tenant.DEFAULT, new IndexQuery(e.vector(), null, scope, 1, false));
                List<IndexHit> all = migrated.search(Tenant.DEFAULT, new IndexQuery(e.vector(), null, Filter.ALL, 1, false));
                if (!own.isEmpty() && own.getFirst().id().equals(e.record().id())
                        && !all.isEmpty() && all.getFirst().id().equals(e.record().id())) first++;
            }
            System.out.printf(Locale.ROOT, "| %d | %d | %.0f | %d | %.0f | %.2f | %.1f | %d / %d |%n", n, before, (double) before / n,
                    after, (double) after / n, (double) before / after, seconds, first, checks);
        }
    }
}
