package dev.engram.bench;

import dev.engram.bench.search.BenchEmbeddingModel;
import dev.engram.bench.search.LatencyStats;
import dev.engram.bench.search.SyntheticCorpus;
import dev.engram.core.Memory;
import dev.engram.core.domain.AddRequest;
import dev.engram.core.domain.Message;
import dev.engram.core.domain.Scope;
import dev.engram.core.domain.SearchRequest;
import dev.engram.core.domain.Tenant;
import dev.engram.core.engine.Embedder;
import dev.engram.core.filter.Filters;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./engram bench}: the in-process search benchmark. Builds an index of N synthetic memories through the embedded
 * facade (on disk under {@code target/bench-…}), then runs Q user-scoped searches through {@link Memory#search} and
 * reports p50/p95/p99 latency and throughput for: hybrid and vector-only search with the query embedding included,
 * the same with the embedding excluded (vectors embedded beforehand), and the query embedding alone, so the share of
 * each part can be read as a ratio from one run.
 *
 * <pre>
 *   --memories N      memories in the index (default 100000)
 *   --queries Q       measured searches per scenario (default 2000)
 *   --users U         users the memories are spread over; searches are scoped to one (default N/100, at least 1)
 *   --vectors random  index vectors are deterministic random unit vectors: builds 100k+ indexes in minutes (default)
 *   --vectors model   index vectors come from the bundled ONNX model, embedded in batches (slow: ~hundreds/s)
 *   --batch B         memories per add while building (default 200, the engine's limit)
 *   --warmup W        unmeasured searches before the scenarios (default min(500, Q))
 *   --top-k K         results per search (default 10)
 *   --seed S          corpus seed (default 42)
 *   --dir PATH        data directory (default target/bench-N-VECTORS); emptied before building
 *   --out FILE        also write the Markdown table there (default target/bench-report.md)
 * </pre>
 * Queries always use the real model (in the "embedding included" scenarios), whatever {@code --vectors} says.
 */
public final class SearchBenchmark {

    /** The name the index records: the bundled model's, marked as the benchmark's switchable wrapper. */
    private static final String EMBEDDER_NAME = Embedder.DEFAULT_MODEL_NAME + "+bench";

    private static final Set<String> OPTIONS = Set.of("memories", "queries", "users", "vectors", "batch", "warmup", "top-k",
            "seed", "dir", "out");

    private SearchBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        CommandLine cli;
        try {
            cli = CommandLine.parse(args, OPTIONS);
            if (!Set.of("random", "model").contains(cli.get("vectors", "random"))) {
                throw new IllegalArgumentException("--vectors must be random or model");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        int memories = cli.intValue("memories", 100_000);
        int queries = cli.intValue("queries", 2_000);
        int users = cli.intValue("users", Math.max(1, memories / 100));
        String vectors = cli.get("vectors", "random");
        int batch = cli.intValue("batch", 200);
        int warmup = cli.intValue("warmup", Math.min(500, queries));
        int topK = cli.intValue("top-k", 10);
        long seed = cli.intValue("seed", 42);
        Path dir = Path.of(cli.get("dir", "target/bench-" + memories + "-" + vectors));
        Path out = Path.of(cli.get("out", "target/bench-report.md"));

        var corpus = new SyntheticCorpus(seed, users);
        EmbeddingModel onnx = new BgeSmallZhV15QuantizedEmbeddingModel();
        var embeddings = new BenchEmbeddingModel(onnx);
        BenchFiles.deleteRecursively(dir);
        Files.createDirectories(dir);

        try (Memory memory = Memory.builder().dataDir(dir).embedder(new Embedder(embeddings, EMBEDDER_NAME)).build()) {
            embeddings.mode(vectors.equals("random") ? BenchEmbeddingModel.Mode.RANDOM : BenchEmbeddingModel.Mode.MODEL);
            long buildStart = System.nanoTime();
            build(memory, corpus, memories, batch);
            double buildSeconds = (System.nanoTime() - buildStart) / 1e9;
            System.err.printf(Locale.ROOT, "bench: built %d memories for %d users in %.1f s (%.0f memories/s, %s vectors)%n",
                    memories, users, buildSeconds, memories / buildSeconds, vectors);

            List<SyntheticCorpus.Query> qs = new ArrayList<>(queries);
            for (int i = 0; i < queries; i++) qs.add(corpus.query(i));
            embeddings.precompute(qs.stream().map(SyntheticCorpus.Query::text).toList());

            embeddings.mode(BenchEmbeddingModel.Mode.MODEL);
            for (int i = 0; i < warmup; i++) search(memory, corpus.query(queries + i), topK, true);

            Map<String, LatencyStats> results = measure(memory, embeddings, onnx, qs, topK);
            String report = report(memories, users, vectors, queries, topK, buildSeconds, results);
            System.out.println(report);
            if (out.getParent() != null) Files.createDirectories(out.getParent());
            Files.writeString(out, report, StandardCharsets.UTF_8);
        }
    }

    /** Adds the corpus user by user, {@code batch} memories per add, verbatim (no extraction: this is an index build). */
    private static void build(Memory memory, SyntheticCorpus corpus, int memories, int batch) {
        int users = corpus.users();
        long reportEvery = Math.max(1, memories / 10), nextReport = reportEvery, done = 0;
        for (int user = 0; user < users; user++) {
            Scope scope = Scope.user(SyntheticCorpus.userId(user));
            List<Message> pending = new ArrayList<>(batch);
            for (long i = user; i < memories; i += users) {
                pending.add(Message.user(corpus.item(i).text()));
                if (pending.size() == batch) {
                    memory.add(AddRequest.of(scope, pending).withInfer(false));
                    done += pending.size();
                    pending = new ArrayList<>(batch);
                }
            }
            if (!pending.isEmpty()) {
                memory.add(AddRequest.of(scope, pending).withInfer(false));
                done += pending.size();
            }
            if (done >= nextReport) {
                System.err.printf(Locale.ROOT, "bench: %d / %d memories%n", done, memories);
                nextReport += reportEvery;
            }
        }
    }

    /** One measured variant: whether the search is hybrid and whether the query embedding is part of it. */
    private record Scenario(String name, boolean hybrid, BenchEmbeddingModel.Mode embedding) {
    }

    private static final List<Scenario> SCENARIOS = List.of(
            new Scenario("search, hybrid, embedding included", true, BenchEmbeddingModel.Mode.MODEL),
            new Scenario("search, vector only, embedding included", false, BenchEmbeddingModel.Mode.MODEL),
            new Scenario("search, hybrid, embedding excluded", true, BenchEmbeddingModel.Mode.PRECOMPUTED),
            new Scenario("search, vector only, embedding excluded", false, BenchEmbeddingModel.Mode.PRECOMPUTED));
    private static final String EMBEDDING_ALONE = "query embedding alone";

    /**
     * Runs every scenario on every query, interleaved (query by query, in a rotating order) rather than one scenario
     * after another, so drift on a shared machine (other load, JIT, caches) spreads evenly and the ratios stay fair.
     */
    private static Map<String, LatencyStats> measure(Memory memory, BenchEmbeddingModel embeddings, EmbeddingModel onnx,
                                                     List<SyntheticCorpus.Query> queries, int topK) {
        Map<String, LatencyStats> stats = new LinkedHashMap<>();
        SCENARIOS.forEach(s -> stats.put(s.name(), new LatencyStats(queries.size())));
        stats.put(EMBEDDING_ALONE, new LatencyStats(queries.size()));
        int variants = SCENARIOS.size() + 1;
        for (int i = 0; i < queries.size(); i++) {
            SyntheticCorpus.Query q = queries.get(i);
            for (int v = 0; v < variants; v++) {
                int which = (i + v) % variants;
                long t;
                if (which == SCENARIOS.size()) {
                    t = System.nanoTime();
                    onnx.embed(q.text());
                    stats.get(EMBEDDING_ALONE).record(System.nanoTime() - t);
                } else {
                    Scenario s = SCENARIOS.get(which);
                    embeddings.mode(s.embedding());
                    t = System.nanoTime();
                    search(memory, q, topK, s.hybrid());
                    stats.get(s.name()).record(System.nanoTime() - t);
                }
            }
        }
        stats.values().forEach(LatencyStats::useSampleTimeForThroughput);
        return stats;
    }

    private static int search(Memory memory, SyntheticCorpus.Query q, int topK, boolean hybrid) {
        var request = SearchRequest.of(Tenant.DEFAULT, q.text(), Filters.forScope(Scope.user(q.userId())))
                .withTopK(topK).withHybrid(hybrid);
        return memory.search(request).hits().size();
    }

    static String report(int memories, int users, String vectors, int queries, int topK, double buildSeconds,
                         Map<String, LatencyStats> results) {
        var md = new StringBuilder("# Engram search benchmark\n\n");
        md.append(String.format(Locale.ROOT, "%d memories over %d users (%s index vectors), %d searches per scenario, top %d, "
                        + "one thread, scenarios interleaved query by query, Java %s, %d CPUs. Build: %.1f s.%n%n",
                memories, users, vectors, queries, topK, Runtime.version().feature(), Runtime.getRuntime().availableProcessors(),
                buildSeconds));
        md.append("| scenario | p50 ms | p95 ms | p99 ms | mean ms | ops/s |\n|---|---:|---:|---:|---:|---:|\n");
        results.forEach((name, s) -> md.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f | %.0f |%n",
                name, s.percentileMs(50), s.percentileMs(95), s.percentileMs(99), s.meanMs(), s.throughput())));
        LatencyStats hybrid = results.get("search, hybrid, embedding included");
        LatencyStats hybridIndex = results.get("search, hybrid, embedding excluded");
        LatencyStats vectorIndex = results.get("search, vector only, embedding excluded");
        LatencyStats embed = results.get(EMBEDDING_ALONE);
        md.append(String.format(Locale.ROOT, "%nRatios at p50: embedding / full hybrid search = %.2f; "
                        + "hybrid / vector-only (embedding excluded) = %.2f; full hybrid / embedding excluded = %.2f.%n",
                embed.percentileMs(50) / hybrid.percentileMs(50),
                hybridIndex.percentileMs(50) / vectorIndex.percentileMs(50),
                hybrid.percentileMs(50) / hybridIndex.percentileMs(50)));
        return md.toString();
    }

}
