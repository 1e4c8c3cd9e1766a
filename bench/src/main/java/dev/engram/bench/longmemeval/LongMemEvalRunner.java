package dev.engram.bench.longmemeval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.engram.bench.CommandLine;
import dev.engram.bench.longmemeval.LongMemEvalDataset.Question;
import dev.engram.bench.longmemeval.LongMemEvalDataset.Session;
import dev.engram.bench.longmemeval.LongMemEvalReport.SystemRun;
import dev.engram.bench.longmemeval.Retriever.Retrieved;
import dev.engram.core.engine.Embedder;
import dev.engram.core.engine.TokenEstimator;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code ./engram quality --set longmemeval}: scores the engine on LongMemEval_S beside two baselines over the same
 * haystacks (BM25 and dense retrieval over the raw messages). For each question, each system gets a fresh index of the
 * question's haystack (sessions in date order), then the question is searched (top 10) with the question's date as
 * reference time.
 *
 * <pre>
 *   --data FILE        the data set (default ../shared/datasets/longmemeval-s/longmemeval_s.json.xz)
 *   --per-type N       a stratified subset: N questions per question type (default: the whole set)
 *   --seed S           the subset's random seed (default 1)
 *   --limit N          at most N questions (after the subset)
 *   --variant NAME     an engine variant of {@link EngineVariants} (repeatable; default: default)
 *   --out DIR          where report.json and report.md go (default bench/target/longmemeval)
 *   --cache DIR        the vector cache of the dense baseline and the engine (default bench/target/longmemeval-cache)
 *   --dense-embedder M the dense baseline's embedder: zh (bge-small-zh, the default) or bilingual (zh + en)
 *   --cold true        the engine embeds everything itself (no cache): its ingest rate then includes embedding
 * </pre>
 * Exit status: 0 done, 2 bad arguments, 1 the run failed.
 */
public final class LongMemEvalRunner {

    static final int TOP_K = 10, SHORT_K = 5;
    private static final Set<String> OPTIONS = Set.of("set", "data", "per-type", "seed", "limit", "variant", "out", "cache", "cold", "dense-embedder",
            "systems");
    /** What {@code --systems} may name: the engine (its variants), BM25 and dense retrieval over the raw messages. */
    private static final Set<String> SYSTEMS = Set.of("engine", "bm25", "dense");

    private LongMemEvalRunner() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        CommandLine cli;
        List<EngineVariants.EngineVariant> variants;
        int perType, limit;
        long seed;
        Set<String> chosen;
        try {
            cli = CommandLine.parse(args, OPTIONS);
            if (!cli.get("set", "longmemeval").equals("longmemeval")) throw new IllegalArgumentException("--set must be longmemeval");
            perType = cli.intValue("per-type", 0);
            limit = cli.intValue("limit", Integer.MAX_VALUE);
            seed = Long.parseLong(cli.get("seed", "1"));
            List<String> names = cli.all("variant").isEmpty() ? List.of(EngineVariants.DEFAULT) : cli.all("variant");
            variants = names.stream().map(EngineVariants::get).toList();
            chosen = new java.util.LinkedHashSet<>(List.of(cli.get("systems", "engine,bm25,dense").split(",")));
            chosen.removeIf(String::isBlank);
            if (chosen.isEmpty() || !SYSTEMS.containsAll(chosen)) {
                throw new IllegalArgumentException("--systems takes a comma-separated list of engine, bm25 and dense");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("longmemeval: " + e.getMessage());
            return 2;
        }
        Path data = Path.of(cli.get("data", "../shared/datasets/longmemeval-s/longmemeval_s.json.xz"));
        if (!Files.isRegularFile(data)) {
            System.err.println("longmemeval: no data set at " + data.toAbsolutePath() + " (give --data FILE)");
            return 2;
        }
        try {
            long t0 = System.nanoTime();
            LongMemEvalDataset dataset = LongMemEvalDataset.load(data);
            List<Question> questions = LongMemEvalDataset.stratified(dataset.questions(), perType, seed);
            questions = questions.subList(0, Math.min(limit, questions.size()));
            System.err.printf(Locale.ROOT, "longmemeval: %d of %d questions (read in %.1f s)%n", questions.size(), dataset.questions().size(), (System.nanoTime() - t0) / 1e9);

            Embedder embedder = switch (cli.get("dense-embedder", "zh")) {
                case "zh" -> Embedder.defaultEmbedder();
                case "bilingual" -> Embedder.bilingual();
                default -> throw new IllegalArgumentException("--dense-embedder must be zh or bilingual");
            };
            Path cacheDir = Path.of(cli.get("cache", "bench/target/longmemeval-cache"));
            boolean cold = Boolean.parseBoolean(cli.get("cold", "false"));
            Map<String, VectorCache> engineCaches = new HashMap<>();
            try (VectorCache cache = new VectorCache(embedder, cacheDir)) {
                List<Retriever> systems = new ArrayList<>();
                SharedIngests shared = new SharedIngests(variants);
                Map<String, CountingEmbeddingModel> counters = new java.util.LinkedHashMap<>();
                for (var v : chosen.contains("engine") ? variants : List.<EngineVariants.EngineVariant>of()) {
                    Embedder model = EngineVariants.embedder(v);
                    Embedder used = cold ? model : CachedEmbeddingModel.around(model,
                            model.name().equals(embedder.name()) ? cache : engineCaches.computeIfAbsent(model.name(), n -> new VectorCache(model, cacheDir)));
                    CountingEmbeddingModel counter = new CountingEmbeddingModel(used);
                    counters.put(v.name(), counter);
                    systems.add(new EngineRetriever(v, counter.embedder(), shared));
                }
                if (chosen.contains("bm25")) systems.add(new Bm25Retriever());
                if (chosen.contains("dense")) systems.add(new DenseRetriever(embedder, cache));
                String command = ("./engram quality --set longmemeval " + String.join(" ", args)).strip();
                LongMemEvalReport report = evaluate(dataset, questions, systems, command, data.getFileName().toString(), System.err::println);
                System.err.printf(Locale.ROOT, "longmemeval: dense vectors %d from the cache, %d embedded%n", cache.hits(), cache.misses());
                counters.forEach((name, c) -> System.err.println(c.summary(name)));
                String md = report.markdown();
                System.out.println(md);
                Path out = Path.of(cli.get("out", "bench/target/longmemeval"));
                Files.createDirectories(out);
                Files.writeString(out.resolve("report.md"), md, StandardCharsets.UTF_8);
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("report.json").toFile(), report);
                System.err.println("longmemeval: report written to " + out.toAbsolutePath() + "/report.{md,json}");
            } finally {
                engineCaches.values().forEach(VectorCache::close);
            }
            return 0;
        } catch (IOException | RuntimeException e) {
            System.err.println("longmemeval: the run failed: " + e);
            e.printStackTrace(System.err);
            return 1;
        }
    }

    /** Runs every system on every question; {@code log} gets one progress line per question and system. */
    static LongMemEvalReport evaluate(LongMemEvalDataset dataset, List<Question> questions, List<Retriever> systems, String command,
                                      String datasetName, Consumer<String> log) {
        long start = System.nanoTime();
        int n = systems.size();
        long[] messages = new long[n], ingestNanos = new long[n], ingestThreadCpu = new long[n], ingestProcessCpu = new long[n];
        long[] searchNanos = new long[n];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<List<QuestionScore>> scores = new ArrayList<>();
        for (int i = 0; i < n; i++) scores.add(new ArrayList<>());
        for (int qi = 0; qi < questions.size(); qi++) {
            Question q = questions.get(qi);
            List<Session> haystack = dataset.haystack(q);
            int count = haystack.stream().mapToInt(s -> s.turns().size()).sum();
            for (int i = 0; i < n; i++) {
                long cpu0 = threads.getCurrentThreadCpuTime(), process0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                try (Retriever.Index index = systems.get(i).load(q.id(), haystack)) {
                    long t1 = System.nanoTime();
                    long threadCpu = threads.getCurrentThreadCpuTime() - cpu0, processCpu = os.getProcessCpuTime() - process0;
                    ingestThreadCpu[i] += threadCpu;
                    ingestProcessCpu[i] += processCpu;
                    List<Retrieved> results = index.search(q.question(), q.time(), TOP_K);
                    long t2 = System.nanoTime();
                    messages[i] += count;
                    ingestNanos[i] += t1 - t0;
                    searchNanos[i] += t2 - t1;
                    QuestionScore score = score(dataset, q, results);
                    scores.get(i).add(score);
                    log.accept(String.format(Locale.ROOT, "longmemeval: [%d/%d] %s (%s) %s: S@10 %s T@10 %s, %d tokens; ingest %d messages in %.1f s"
                                    + " (CPU %.1f s on this thread, %.1f s in the process)",
                            qi + 1, questions.size(), q.id(), q.type(), systems.get(i).name(), score.session10(), score.turn10(),
                            score.contextTokens(), count, (t1 - t0) / 1e9, threadCpu / 1e9, processCpu / 1e9));
                }
            }
        }
        List<SystemRun> runs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            runs.add(new SystemRun(systems.get(i).name(), systems.get(i).description(), messages[i], ingestNanos[i] / 1e9,
                    ingestThreadCpu[i] / 1e9, ingestProcessCpu[i] / 1e9, searchNanos[i] / 1e9, scores.get(i)));
        }
        return new LongMemEvalReport(command, datasetName, questions.size(), (System.nanoTime() - start) / 1e9, runs);
    }

    static QuestionScore score(LongMemEvalDataset dataset, Question q, List<Retrieved> results) {
        int tokens = results.stream().limit(TOP_K).mapToInt(r -> TokenEstimator.estimate(r.text())).sum();
        if (q.abstention()) return new QuestionScore(q.id(), q.type(), true, null, null, null, null, null, null, tokens, results.size(), null);
        Set<String> sessions = Set.copyOf(q.answerSessionIds());
        Set<String> turns = dataset.goldTurns(q);
        var s = EvidenceRecall.SESSION;
        var t = EvidenceRecall.TURN;
        return new QuestionScore(q.id(), q.type(), false,
                EvidenceRecall.recall(results, SHORT_K, sessions, s), EvidenceRecall.recall(results, TOP_K, sessions, s),
                EvidenceRecall.any(results, TOP_K, sessions, s) ? 1.0 : 0.0, EvidenceRecall.all(results, TOP_K, sessions, s) ? 1.0 : 0.0,
                turns.isEmpty() ? null : EvidenceRecall.recall(results, SHORT_K, turns, t),
                turns.isEmpty() ? null : EvidenceRecall.recall(results, TOP_K, turns, t),
                tokens, results.size(), UpdateOrder.newestFirst(q, dataset.haystack(q), results, TOP_K));
    }
}
