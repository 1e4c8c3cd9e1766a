package dev.engram.bench;

import dev.engram.bench.search.LatencyStats;
import dev.engram.bench.search.PrecomputedQueries;
import dev.engram.bench.search.SyntheticCorpus;
import dev.engram.core.Memory;
import dev.engram.core.domain.AddRequest;
import dev.engram.core.domain.Filter;
import dev.engram.core.domain.Message;
import dev.engram.core.domain.Scope;
import dev.engram.core.domain.SearchRequest;
import dev.engram.core.domain.Tenant;
import dev.engram.core.engine.BundledEmbedding;
import dev.engram.core.engine.Embedder;
import dev.engram.core.engine.EngineSettings;
import dev.engram.core.filter.FilterEvaluator;
import dev.engram.core.filter.Filters;
import dev.engram.core.index.lucene.LuceneIndexOptions;
import dev.engram.core.index.lucene.LuceneVectorIndex;
import dev.engram.core.spi.IndexQuery;
import dev.engram.core.store.jdbc.JdbcMemoryStore;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./engram bench stages}: where an engine search's time goes beyond its floor, in one JVM, cheaply enough to
 * repeat after each change and to run under a profiler ({@code -XX:StartFlightRecording}). Builds (or reuses) the
 * standalone platform's engine on disk: the bundled bilingual model, its retrieval settings, the SQLite store and the
 * Lucene index with their defaults, N synthetic memories over U users added verbatim (the corpus of {@code bench http}).
 * Then times, interleaved query by query: the engine's search with its query embedding (what the gateway's timer
 * {@code engram.memory.search} covers), the same with the query vector computed beforehand, the query embedding alone,
 * and the raw index lookup alone (the engine's two index searches, facts and evidence, as {@code bench http}'s floor),
 * and the bilingual query's two models run one after the other (as the query was embedded before its halves ran at once).
 *
 * <pre>
 *   --memories N   memories (default 10000)
 *   --users U      users they are spread over, searches scoped to one (default N/100)
 *   --queries Q    measured searches (default 1000)
 *   --warmup W     unmeasured rounds first (default 300)
 *   --top-k K      results per search (default 10)
 *   --seed S       corpus seed (default 42)
 *   --dir PATH     data directory (default target/bench-stages-N); reused when it holds a build of N memories
 *   --out FILE     also write the Markdown table there (default target/bench-stages.md)
 * </pre>
 */
public final class SearchStagesBenchmark {

    private static final Set<String> OPTIONS = Set.of("memories", "users", "queries", "warmup", "top-k", "seed", "dir", "out");
    private static final BundledEmbedding MODEL = BundledEmbedding.BILINGUAL;

    private static final String SEARCH = "engine search, embedding included";
    private static final String SEARCH_PRECOMPUTED = "engine search, query vector precomputed";
    private static final String EMBEDDING = "floor: query embedding alone";
    private static final String LOOKUP = "floor: index lookup alone (facts + evidence)";
    private static final String HALVES_IN_TURN = "query embedding, the two models one after the other";

    private SearchStagesBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        CommandLine cli;
        try {
            cli = CommandLine.parse(args, OPTIONS);
        } catch (IllegalArgumentException e) {
            System.err.println("bench stages: " + e.getMessage());
            System.exit(2);
            return;
        }
        int memories = cli.intValue("memories", 10_000);
        int users = cli.intValue("users", Math.max(1, memories / 100));
        int queries = cli.intValue("queries", 1_000);
        int warmup = cli.intValue("warmup", 300);
        int topK = cli.intValue("top-k", 10);
        long seed = cli.intValue("seed", 42);
        Path dir = Path.of(cli.get("dir", "target/bench-stages-" + memories));
        Path out = Path.of(cli.get("out", "target/bench-stages.md"));
        Path built = dir.resolve("built");
        String buildKey = memories + " " + users + " " + seed;
        boolean reuse = Files.exists(built) && Files.readString(built).strip().equals(buildKey);
        if (!reuse) {
            BenchFiles.deleteRecursively(dir);
            Files.createDirectories(dir);
        }

        var corpus = new SyntheticCorpus(seed, users);
        Embedder real = MODEL.embedder();
        var queryVectors = new PrecomputedQueries(real);
        var store = JdbcMemoryStore.openSqlite(dir.resolve("store"));
        var index = LuceneVectorIndex.open(dir.resolve("index"), real.dimension(), real.name(), LuceneIndexOptions.defaults(), store);
        try (Memory memory = Memory.builder().dataDir(dir).store(store).vectorIndex(index)
                .embedder(new Embedder(queryVectors, real.name()))
                .settings(EngineSettings.defaults().withRetrieval(MODEL.retrieval())).build()) {
            if (!reuse) {
                long t = System.nanoTime();
                build(memory, corpus, memories);
                Files.writeString(built, buildKey);
                System.err.printf(Locale.ROOT, "bench stages: built %d memories in %.1f s%n", memories, (System.nanoTime() - t) / 1e9);
            }
            List<SyntheticCorpus.Query> qs = new ArrayList<>();
            for (int i = 0; i < warmup + queries; i++) qs.add(corpus.query(i));
            qs.forEach(q -> queryVectors.precompute(q.text()));
            int candidates = Math.max(MODEL.retrieval().candidates(), topK);
            Filter notExpired = Filters.notExpired(FilterEvaluator.startOfDay(LocalDate.now(ZoneOffset.UTC)));

            Map<String, LatencyStats> stats = new LinkedHashMap<>();
            // The bilingual query as embedded before its halves ran at once: each bundled model in turn, on this thread.
            EmbeddingModel zh = new BgeSmallZhV15QuantizedEmbeddingModel(), en = new BgeSmallEnV15QuantizedEmbeddingModel();
            for (String name : List.of(SEARCH, SEARCH_PRECOMPUTED, EMBEDDING, LOOKUP, HALVES_IN_TURN)) stats.put(name, new LatencyStats(queries));
            List<String> order = List.copyOf(stats.keySet());
            for (int i = 0; i < qs.size(); i++) {
                SyntheticCorpus.Query q = qs.get(i);
                for (int v = 0; v < order.size(); v++) {
                    String which = order.get((i + v) % order.size());
                    long t0 = System.nanoTime();
                    switch (which) {
                        case SEARCH, SEARCH_PRECOMPUTED -> {
                            queryVectors.precomputed(which.equals(SEARCH_PRECOMPUTED));
                            memory.search(SearchRequest.of(Tenant.DEFAULT, q.text(), Filters.forScope(Scope.user(q.userId())))
                                    .withTopK(topK));
                        }
                        case EMBEDDING -> real.embedQuery(q.text());
                        case HALVES_IN_TURN -> {
                            zh.embed(q.text());
                            en.embed(q.text());
                        }
                        default -> {
                            float[] vector = queryVectors.embedQuery(q.text()); // precomputed: not timed as embedding
                            t0 = System.nanoTime();
                            Filter scope = Filters.forScope(Scope.user(q.userId()));
                            index.search(Tenant.DEFAULT, new IndexQuery(vector, q.text(),
                                    Filter.and(scope, Filters.lifecycle(false), notExpired), candidates, true));
                            index.search(Tenant.DEFAULT, new IndexQuery(vector, q.text(),
                                    Filter.and(scope, Filters.evidence(), notExpired), candidates, true));
                        }
                    }
                    long elapsed = System.nanoTime() - t0;
                    if (i >= warmup) stats.get(which).record(elapsed);
                }
            }
            String report = report(memories, users, queries, topK, stats);
            System.out.println(report);
            if (out.getParent() != null) Files.createDirectories(out.getParent());
            Files.writeString(out, report, StandardCharsets.UTF_8);
        }
    }

    /**
     * Adds the corpus of {@code bench http}, verbatim, each user's memories in adds of up to 100 messages (each message
     * its own memory and its own source, as one add per memory would give; batched only to embed faster).
     */
    private static void build(Memory memory, SyntheticCorpus corpus, int memories) {
        int users = corpus.users();
        long done = 0;
        for (int user = 0; user < users; user++) {
            List<Message> pending = new ArrayList<>();
            for (long i = user; i < memories; i += users) {
                pending.add(Message.user(corpus.item(i).text()));
                if (pending.size() == 100 || i + users >= memories) {
                    memory.add(AddRequest.of(Scope.user(SyntheticCorpus.userId(user)), pending).withInfer(false));
                    done += pending.size();
                    pending = new ArrayList<>();
                }
            }
            if ((user + 1) % Math.max(1, users / 10) == 0) System.err.printf(Locale.ROOT, "bench stages: %d / %d memories%n", done, memories);
        }
    }

    static String report(int memories, int users, int queries, int topK, Map<String, LatencyStats> stats) {
        var md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "%d memories over %d users, bilingual model, %d searches, top %d, one thread, "
                + "interleaved query by query, %d CPUs%n%n", memories, users, queries, topK, Runtime.getRuntime().availableProcessors()));
        md.append("| measure | p50 ms | p95 ms | p99 ms | mean ms |\n|---|---:|---:|---:|---:|\n");
        stats.forEach((name, s) -> md.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f |%n",
                name, s.percentileMs(50), s.percentileMs(95), s.percentileMs(99), s.meanMs())));
        double floor50 = stats.get(EMBEDDING).percentileMs(50) + stats.get(LOOKUP).percentileMs(50);
        double floor95 = stats.get(EMBEDDING).percentileMs(95) + stats.get(LOOKUP).percentileMs(95);
        md.append(String.format(Locale.ROOT, "%nFloor (embedding + lookup) p50 %.2f / p95 %.2f ms; engine search ÷ floor: p50 %.2f×, "
                        + "p95 %.2f×; engine search beyond the floor at p50: %.2f ms.%n", floor50, floor95,
                stats.get(SEARCH).percentileMs(50) / floor50, stats.get(SEARCH).percentileMs(95) / floor95,
                stats.get(SEARCH).percentileMs(50) - floor50));
        return md.toString();
    }
}
