package dev.engram.bench;

import dev.engram.bench.longmemeval.LongMemEvalDataset;
import dev.engram.bench.search.LatencyStats;
import dev.engram.bench.search.SyntheticCorpus;
import dev.engram.core.domain.Filter;
import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.MemoryState;
import dev.engram.core.domain.Scope;
import dev.engram.core.domain.Tenant;
import dev.engram.core.engine.Embedder;
import dev.engram.core.filter.Filters;
import dev.engram.core.index.lucene.LuceneVectorIndex;
import dev.engram.core.index.lucene.VectorEncoding;
import dev.engram.core.spi.IndexEntry;
import dev.engram.core.spi.IndexHit;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Bytes per memory, recall@10 against exact search, and search latency of the Lucene index per {@link VectorEncoding}
 * (by default the old FLOAT32 beside the new INT8_COMPACT), with the platform's default BILINGUAL embedder (896
 * dimensions: a stored text fills its language's half, a query both).
 *
 * <p>Vectors: {@code --base} real texts are embedded once and cached under {@code --cache}: English user turns of
 * LongMemEval-S (the first 500 characters of each distinct turn of at least 20, sessions in id order) and, for a
 * quarter of them, the Chinese facts of the synthetic corpus. Queries are LongMemEval-S questions (three quarters)
 * and the synthetic corpus's distinct Chinese queries, topped up with its Chinese facts that are not memories, all
 * embedded as queries. Beyond the base, memory {@code i} gets a derived
 * vector: {@code w·a + (1−w)·b}, normalized, of two random base vectors {@code a}, {@code b} of the same language
 * ({@code w} uniform in [0.2, 0.8], seed 42), with the text of base memory {@code i mod B}. Memories are dealt over N/100 users.
 *
 * <p>Each query searches vector-only with k = 10 over the whole tenant and scoped to its user. Exact search is a
 * brute-force float cosine under the same scope; a hit counts as found when its exact cosine reaches the exact 10th.
 * Index bytes are the index directory after a clean close, divided by N.
 *
 * <pre>
 *   --memories LIST    comma-separated N (default 10000,100000)
 *   --base B           real texts embedded (default 2000)
 *   --queries Q        queries (default 200)
 *   --encodings LIST   VectorEncoding names (default FLOAT32,INT8_COMPACT; the first is the latency baseline)
 *   --data FILE        LongMemEval-S (default ../../shared/datasets/longmemeval-s/longmemeval_s.json.xz)
 *   --dir PATH         work directory (default target/index-compactness); emptied per run
 *   --cache PATH       embedded vectors (default target/index-compactness-cache)
 * </pre>
 */
public final class IndexCompactnessBenchmark {

    private static final Set<String> OPTIONS = Set.of("memories", "base", "queries", "encodings", "data", "dir", "cache");
    private static final int K = ExactRecall.K;
    private static final int EMBED_BATCH = 32;
    private static final int MAX_CHARS = 500;
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private IndexCompactnessBenchmark() {
    }

    private record Corpus(List<String> texts, List<Boolean> chinese, List<String> queries, float[][] vectors, float[][] queryVectors) {
    }

    private record Result(int memories, VectorEncoding encoding, double recallTenant, double recallUser, long bytes,
                          double buildSeconds, LatencyStats tenant, LatencyStats user) {
    }

    public static void main(String[] args) {
        CommandLine cli;
        try {
            cli = CommandLine.parse(args, OPTIONS);
        } catch (IllegalArgumentException e) {
            System.err.println("index-compactness: " + e.getMessage());
            System.exit(2);
            return;
        }
        List<Integer> sizes = Stream.of(cli.get("memories", "10000,100000").split(",")).map(s -> Integer.parseInt(s.strip())).toList();
        int base = cli.intValue("base", 2000);
        int queries = cli.intValue("queries", 200);
        List<VectorEncoding> encodings = Stream.of(cli.get("encodings", "FLOAT32,INT8_COMPACT").split(","))
                .map(s -> VectorEncoding.valueOf(s.strip().toUpperCase(Locale.ROOT))).toList();
        Path data = Path.of(cli.get("data", "../../shared/datasets/longmemeval-s/longmemeval_s.json.xz"));
        Path dir = Path.of(cli.get("dir", "target/index-compactness"));
        Path cache = Path.of(cli.get("cache", "target/index-compactness-cache"));

        Embedder embedder = Embedder.bilingual();
        Corpus corpus = corpus(data, base, queries, embedder, cache);
        List<Result> results = new ArrayList<>();
        for (int n : sizes) {
            float[][] vectors = derive(corpus, n);
            int users = Math.max(1, n / 100);
            List<MemoryRecord> records = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                records.add(new MemoryRecord(new UUID(0, i), Scope.user(SyntheticCorpus.userId(i % users)), corpus.texts().get(i % corpus.texts().size()),
                        null, null, null, Map.of(), List.of(), T0, T0, null, null, false, MemoryState.ACTIVE, null, List.of(), null));
            }
            double[] exactTenant = new double[queries];
            double[] exactUser = new double[queries];
            for (int q = 0; q < queries; q++) {
                int user = q % users;
                exactTenant[q] = ExactRecall.kthCosine(vectors, corpus.queryVectors()[q], i -> true);
                exactUser[q] = ExactRecall.kthCosine(vectors, corpus.queryVectors()[q], i -> i % users == user);
            }
            results.addAll(run(n, users, encodings, records, vectors, corpus.queryVectors(), exactTenant, exactUser, embedder, dir));
        }
        System.out.println(report(results, base, queries, encodings.getFirst()));
    }

    /**
     * Builds one index per encoding, then searches them in turn, query by query (after a warm-up of every query on
     * each), so load from elsewhere on the machine falls on all encodings alike and the latency ratio holds.
     */
    private static List<Result> run(int n, int users, List<VectorEncoding> encodings, List<MemoryRecord> records, float[][] vectors,
                                    float[][] queryVectors, double[] exactTenant, double[] exactUser, Embedder embedder, Path dir) {
        int e = encodings.size();
        long[] bytes = new long[e];
        double[] buildSeconds = new double[e];
        for (int x = 0; x < e; x++) {
            Path indexDir = indexDir(dir, n, encodings.get(x));
            BenchFiles.deleteRecursively(indexDir);
            long start = System.nanoTime();
            try (LuceneVectorIndex index = LuceneVectorIndex.open(indexDir, embedder.dimension(), embedder.name(), encodings.get(x))) {
                List<IndexEntry> batch = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    batch.add(new IndexEntry(records.get(i), vectors[i]));
                    if (batch.size() == 500 || i == n - 1) {
                        index.upsert(Tenant.DEFAULT, batch);
                        batch = new ArrayList<>();
                    }
                }
            }
            buildSeconds[x] = (System.nanoTime() - start) / 1e9;
            bytes[x] = ExactRecall.directorySize(indexDir);
            System.err.printf(Locale.ROOT, "index-compactness: N=%d %s built in %.1f s%n", n, encodings.get(x), buildSeconds[x]);
        }
        int queries = queryVectors.length;
        List<LuceneVectorIndex> indexes = new ArrayList<>();
        try {
            for (VectorEncoding encoding : encodings) {
                indexes.add(LuceneVectorIndex.open(indexDir(dir, n, encoding), embedder.dimension(), embedder.name(), encoding));
            }
            for (LuceneVectorIndex index : indexes) for (float[] q : queryVectors) ExactRecall.search(index, q, null); // warm-up
            LatencyStats[] tenant = new LatencyStats[e];
            LatencyStats[] user = new LatencyStats[e];
            double[] tenantHits = new double[e];
            double[] userHits = new double[e];
            for (int x = 0; x < e; x++) {
                tenant[x] = new LatencyStats(queries);
                user[x] = new LatencyStats(queries);
            }
            for (int q = 0; q < queries; q++) {
                Filter scope = Filters.forScope(Scope.user(SyntheticCorpus.userId(q % users)));
                for (int x = 0; x < e; x++) {
                    long t = System.nanoTime();
                    List<IndexHit> hits = ExactRecall.search(indexes.get(x), queryVectors[q], null);
                    tenant[x].record(System.nanoTime() - t);
                    tenantHits[x] += ExactRecall.found(hits, vectors, queryVectors[q], exactTenant[q]);
                    t = System.nanoTime();
                    hits = ExactRecall.search(indexes.get(x), queryVectors[q], scope);
                    user[x].record(System.nanoTime() - t);
                    userHits[x] += ExactRecall.found(hits, vectors, queryVectors[q], exactUser[q]);
                }
            }
            List<Result> results = new ArrayList<>();
            for (int x = 0; x < e; x++) {
                results.add(new Result(n, encodings.get(x), tenantHits[x] / ((double) K * queries), userHits[x] / ((double) K * queries),
                        bytes[x], buildSeconds[x], tenant[x], user[x]));
            }
            return results;
        } finally {
            indexes.forEach(LuceneVectorIndex::close);
        }
    }

    private static Path indexDir(Path dir, int n, VectorEncoding encoding) {
        return dir.resolve(n + "-" + encoding.name().toLowerCase(Locale.ROOT));
    }

    // ---------------------------------------------------------------- vectors

    private static Corpus corpus(Path data, int base, int queries, Embedder embedder, Path cache) {
        int chineseTexts = base / 4;
        int chineseQueries = queries / 4;
        LongMemEvalDataset dataset = LongMemEvalDataset.load(data);
        Set<String> english = new LinkedHashSet<>();
        for (var session : new TreeMap<>(dataset.sessions()).values()) {
            for (var turn : session) {
                if (!"user".equals(turn.role()) || turn.content() == null) continue;
                String text = turn.content().strip();
                if (text.length() < 20) continue;
                english.add(text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text);
                if (english.size() == base - chineseTexts) break;
            }
            if (english.size() == base - chineseTexts) break;
        }
        var synthetic = new SyntheticCorpus(42, 300);
        Set<String> chinese = new LinkedHashSet<>();
        for (long i = 0; chinese.size() < chineseTexts && i < 1_000_000; i++) {
            String text = synthetic.item(i).text();
            if (isChinese(text)) chinese.add(text);
        }
        List<String> texts = new ArrayList<>(english);
        List<Boolean> isChinese = new ArrayList<>();
        english.forEach(t -> isChinese.add(false));
        texts.addAll(chinese);
        chinese.forEach(t -> isChinese.add(true));

        Set<String> qs = new LinkedHashSet<>();
        for (var q : dataset.questions()) {
            if (qs.size() == queries - chineseQueries) break;
            if (!q.abstention()) qs.add(q.question());
        }
        for (long i = 0; qs.size() < queries && i < 100_000; i++) {
            String text = synthetic.query(i).text();
            if (isChinese(text)) qs.add(text);
        }
        // The corpus has few distinct Chinese queries: the rest are Chinese facts of the corpus that are not memories.
        for (long i = 0; qs.size() < queries && i < 1_000_000; i++) {
            String text = synthetic.item(i).text();
            if (isChinese(text) && !chinese.contains(text)) qs.add(text);
        }
        if (qs.size() < queries) throw new IllegalStateException("only " + qs.size() + " distinct queries");
        List<String> queryTexts = new ArrayList<>(qs);
        float[][] vectors = cached(cache, "texts", texts, embedder, false);
        float[][] queryVectors = cached(cache, "queries", queryTexts, embedder, true);
        return new Corpus(texts, isChinese, queryTexts, vectors, queryVectors);
    }

    private static boolean isChinese(String text) {
        return text.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
    }

    /** The texts' vectors (normalized), read from the cache file named by a hash of the texts, or embedded and written there. */
    private static float[][] cached(Path cache, String kind, List<String> texts, Embedder embedder, boolean asQueries) {
        Path file = cache.resolve(kind + "-" + hash(embedder.name(), texts) + ".f32");
        if (Files.exists(file)) {
            try (var in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
                float[][] out = new float[in.readInt()][];
                int dim = in.readInt();
                for (int i = 0; i < out.length; i++) {
                    out[i] = new float[dim];
                    for (int d = 0; d < dim; d++) out[i][d] = in.readFloat();
                }
                return out;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        long start = System.nanoTime();
        float[][] out = new float[texts.size()][];
        for (int from = 0; from < texts.size(); from += EMBED_BATCH) {
            List<String> part = texts.subList(from, Math.min(texts.size(), from + EMBED_BATCH));
            List<float[]> vs = asQueries ? part.stream().map(embedder::embedQuery).toList() : embedder.embedAll(part);
            for (int i = 0; i < part.size(); i++) out[from + i] = ExactRecall.normalized(vs.get(i));
        }
        System.err.printf(Locale.ROOT, "index-compactness: embedded %d %s in %.1f s%n", texts.size(), kind, (System.nanoTime() - start) / 1e9);
        try {
            Files.createDirectories(cache);
            try (var o = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
                o.writeInt(out.length);
                o.writeInt(out[0].length);
                for (float[] v : out) for (float x : v) o.writeFloat(x);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The base vectors, then derived ones: mixes of two base vectors of the same language (see the class comment). */
    private static float[][] derive(Corpus corpus, int n) {
        int base = corpus.vectors().length;
        List<Integer> english = new ArrayList<>();
        List<Integer> chinese = new ArrayList<>();
        for (int i = 0; i < base; i++) (corpus.chinese().get(i) ? chinese : english).add(i);
        Random rnd = new Random(42);
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            if (i < base) {
                out[i] = corpus.vectors()[i];
                continue;
            }
            List<Integer> group = rnd.nextInt(base) < chinese.size() ? chinese : english;
            int a = group.get(rnd.nextInt(group.size()));
            int b = group.get(rnd.nextInt(group.size()));
            float w = 0.2f + 0.6f * rnd.nextFloat();
            float[] v = new float[corpus.vectors()[a].length];
            for (int d = 0; d < v.length; d++) v[d] = w * corpus.vectors()[a][d] + (1 - w) * corpus.vectors()[b][d];
            out[i] = ExactRecall.normalized(v);
        }
        return out;
    }

    // ---------------------------------------------------------------- measuring

    private static String hash(String name, List<String> texts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            for (String t : texts) {
                sha.update((byte) 0);
                sha.update(t.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String report(List<Result> results, int base, int queries, VectorEncoding baseline) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "BILINGUAL embedder, %d real texts embedded (3/4 LongMemEval-S user turns, 1/4 synthetic Chinese), %d queries, k = %d,"
                        + " vector-only; latency ratio = p50 / p50 of %s at the same N%n%n", base, queries, K, baseline));
        out.append("| N | encoding | index bytes per memory | recall@10, whole tenant | recall@10, one user | search p50 / p95, tenant |"
                + " search p50 / p95, one user | p50 ratio tenant / user | build |\n");
        out.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Result r : results) {
            Result ref = results.stream().filter(x -> x.memories() == r.memories() && x.encoding() == baseline).findFirst().orElse(r);
            out.append(String.format(Locale.ROOT, "| %d | %s | %.0f B | %.4f | %.4f | %.2f / %.2f ms | %.2f / %.2f ms | %.2f / %.2f | %.1f s |%n",
                    r.memories(), r.encoding(), (double) r.bytes() / r.memories(), r.recallTenant(), r.recallUser(),
                    r.tenant().percentileMs(50), r.tenant().percentileMs(95), r.user().percentileMs(50), r.user().percentileMs(95),
                    r.tenant().percentileMs(50) / ref.tenant().percentileMs(50), r.user().percentileMs(50) / ref.user().percentileMs(50),
                    r.buildSeconds()));
        }
        return out.toString();
    }
}
