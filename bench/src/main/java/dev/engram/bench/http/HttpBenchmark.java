package dev.engram.bench.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.engram.bench.BenchFiles;
import dev.engram.bench.CommandLine;
import dev.engram.bench.search.LatencyStats;
import dev.engram.bench.search.SyntheticCorpus;

import dev.engram.core.index.qdrant.QdrantSettings;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

/**
 * {@code ./engram bench http}: the standalone platform end to end over HTTP. Starts it as {@code ./engram up} does on a
 * fresh data directory with free ports, takes the admin key the gateway writes, loads N synthetic memories over M users
 * through the Mem0 API (verbatim, concurrent), then measures per client concurrency: search, verbatim add, inferred add
 * acknowledgement, ingest-to-searchable, inferred processing rate; then data-directory size, resident memory, the floor
 * (query embedding and index lookup in-process, platform stopped) and start-up with the data present. Prints a
 * Markdown table and writes JSON. See docs/benchmarks.md.
 */
public final class HttpBenchmark {

    static final Set<String> OPTIONS = Set.of("memories", "users", "concurrency", "searches", "adds", "inferred", "searchable",
            "load-concurrency", "warmup", "top-k", "seed", "dir", "out", "platform", "workers");

    /** What the benchmark starts: the standalone platform ({@code ./engram up}) or the distributed one ({@code ./engram stack}). */
    enum Target { STANDALONE, STACK }

    private static final String SEARCH_TIMER = "engram_memory_search_seconds";
    private static final long SEARCHABLE_LIMIT_NANOS = 10_000_000_000L;

    /** The run's parameters, from the command line. */
    record Settings(int memories, int users, List<Integer> concurrency, int searches, int adds, int inferred, int searchable,
                    int loadConcurrency, int warmup, int topK, long seed, Path dir, Path out, Target target, int workers) {

        static Settings parse(String[] args) {
            CommandLine cli = CommandLine.parse(args, OPTIONS);
            int memories = cli.intValue("memories", 10_000);
            int users = cli.intValue("users", Math.max(1, memories / 100));
            List<Integer> levels = new ArrayList<>();
            for (String c : cli.get("concurrency", "1,8").split(",")) {
                try {
                    int n = Integer.parseInt(c.strip());
                    if (n < 1) throw new NumberFormatException();
                    levels.add(n);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--concurrency takes positive integers separated by commas, got '" + c + "'");
                }
            }
            Target target = switch (cli.get("platform", "standalone")) {
                case "standalone" -> Target.STANDALONE;
                case "stack" -> Target.STACK;
                default -> throw new IllegalArgumentException("--platform is standalone or stack, got '" + cli.get("platform", "") + "'");
            };
            int workers = cli.intValue("workers", 2);
            if (workers < 1) throw new IllegalArgumentException("--workers must be positive, got " + workers);
            Path dir = Path.of(cli.get("dir", "target/bench-http-" + (target == Target.STACK ? "stack-" : "") + memories));
            return new Settings(memories, users, List.copyOf(levels), cli.intValue("searches", 2000), cli.intValue("adds", 500),
                    cli.intValue("inferred", 200), cli.intValue("searchable", 200), cli.intValue("load-concurrency", 8),
                    cli.intValue("warmup", 200), cli.intValue("top-k", 10), cli.intValue("seed", 42),
                    dir, Path.of(cli.get("out", dir + ".json")), target, workers);
        }
    }

    private final Settings s;
    private final SyntheticCorpus corpus;
    private final RequestErrors errors = new RequestErrors();
    private final Map<String, Object> json = new LinkedHashMap<>();
    private final StringBuilder md = new StringBuilder();

    HttpBenchmark(Settings settings) {
        this.s = settings;
        this.corpus = new SyntheticCorpus(settings.seed(), settings.users());
    }

    public static void main(String[] args) throws Exception {
        Settings settings;
        try {
            settings = Settings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench http: " + e.getMessage());
            System.exit(2);
            return;
        }
        new HttpBenchmark(settings).run(Path.of(System.getProperty("engram.root", ".")));
    }

    void run(Path root) throws IOException {
        Path dataDir = s.dir().toAbsolutePath();
        BenchFiles.deleteRecursively(dataDir);
        Files.createDirectories(dataDir);
        Path log = Path.of(dataDir + ".log");
        Files.deleteIfExists(log);
        System.out.printf("bench http: %,d memories over %,d users, data in %s, platform output in %s%n", s.memories(), s.users(), dataDir, log);
        json.put("date", Instant.now().toString());
        json.put("settings", Map.of("memories", s.memories(), "users", s.users(), "concurrency", s.concurrency(), "searches", s.searches(),
                "adds", s.adds(), "inferred", s.inferred(), "searchable", s.searchable(), "load_concurrency", s.loadConcurrency(),
                "top_k", s.topK(), "seed", s.seed()));
        json.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(), "java", System.getProperty("java.version")));
        json.put("platform", s.target() == Target.STACK ? "stack" : "standalone");
        if (s.target() == Target.STACK) runStack(root, dataDir, log);
        else runStandalone(root, dataDir, log);
        finish();
    }

    private void runStandalone(Path root, Path dataDir, Path log) {
        var platform = new StandalonePlatform(root, dataDir, StandalonePlatform.Ports.free(), log);
        try (platform) {
            long t0 = System.nanoTime();
            platform.launch();
            platform.awaitGateway();
            platform.awaitConsole();
            json.put("first_start_empty_seconds", (System.nanoTime() - t0) / 1e9);
            var client = new Mem0Client(platform.api(), platform.adminKey());

            long textBytes = load(client);
            Map<String, Long> loadedSizes = BenchFiles.sizesByEntry(dataDir);
            Map<String, Long> rssLoaded = platform.rss();

            List<Map<String, Object>> levels = new ArrayList<>();
            long[] extraMemories = {0};
            for (int c : s.concurrency()) levels.add(measureLevel(client, platform.http(), platform.metrics(), c, extraMemories));
            json.put("levels", levels);
            Map<String, Long> rssMeasured = platform.rss();
            json.put("rss_bytes", Map.of("after_load", rssLoaded, "after_measurement", rssMeasured));

            platform.stop();
            Map<String, Long> closedSizes = BenchFiles.sizesByEntry(dataDir);
            json.put("data_dir", Map.of("after_load_running", sizes(loadedSizes, s.memories(), textBytes),
                    "after_run_stopped", sizes(closedSizes, s.memories() + extraMemories[0], -1)));

            System.out.println("bench http: the floor (embedding and index lookup in this JVM, platform stopped)");
            Floor.Result floor = Floor.measure(dataDir.resolve("index"), floorQueries(), s.warmup(), s.topK());
            json.put("floor", Map.of("how", "in the bench JVM, platform stopped: the bundled model the index records, and the index"
                            + " directory opened through LuceneVectorIndex (the engine's two index searches per query)",
                    "embedder", floor.embedder(), "encoding", floor.encoding(),
                    "query_embedding", stats(floor.embedding()), "index_lookup", stats(floor.index())));

            json.put("restart", restart(platform));
            platform.stop();
        }
    }

    /**
     * The same load and measurements against {@code ./engram stack}. It starts empty every time (Kafka, PostgreSQL and
     * the emulator are fresh), so there is no start-up with the data present; the floor runs while the stack is up and
     * idle, against its Qdrant emulator; sizes are of its parts' data directories while it runs.
     */
    private void runStack(Path root, Path workDir, Path log) {
        try (var stack = new LocalStackPlatform(root, workDir, log, s.workers())) {
            json.put("first_start_empty_seconds", stack.start());
            var client = new Mem0Client(stack.api(), stack.adminKey());
            long textBytes = load(client);
            Map<String, Long> loadedSizes = stack.sizes();
            Map<String, Long> rssLoaded = stack.rss();
            List<Map<String, Object>> levels = new ArrayList<>();
            long[] extraMemories = {0};
            for (int c : s.concurrency()) levels.add(measureLevel(client, stack.http(), stack.metrics(), c, extraMemories));
            json.put("levels", levels);
            json.put("rss_bytes", Map.of("after_load", rssLoaded, "after_measurement", stack.rss()));
            json.put("data_dir", Map.of("after_load_running", sizes(loadedSizes, s.memories(), textBytes),
                    "after_run_running", sizes(stack.sizes(), s.memories() + extraMemories[0], -1)));
            System.out.println("bench http: the floor (embedding in this JVM, index lookup against the stack's Qdrant emulator)");
            Floor.Result floor = Floor.measureQdrant(new QdrantSettings(stack.qdrantHost(), stack.qdrantPort(), null, false,
                    QdrantSettings.DEFAULT_COLLECTION, QdrantSettings.DEFAULT_TIMEOUT), floorQueries(), s.warmup(), s.topK());
            json.put("floor", Map.of("how", "in the bench JVM, the stack running and idle: the bundled model the collection's dimension"
                            + " implies, and the engine's two index searches per query through QdrantVectorIndex against the stack's emulator",
                    "embedder", floor.embedder(), "encoding", floor.encoding(),
                    "query_embedding", stats(floor.embedding()), "index_lookup", stats(floor.index())));
        }
    }

    private List<SyntheticCorpus.Query> floorQueries() {
        return LongStream.range(0, s.searches() + (long) s.warmup()).mapToObj(i -> corpus.query(1_000_000 + i)).toList();
    }

    private void finish() throws IOException {
        json.put("errors", Map.of("count", errors.count(), "by_status", errors.byStatus(), "examples", errors.examples()));
        md.append(HttpReport.markdown(json));
        System.out.println();
        System.out.println(md);
        Path out = s.out().toAbsolutePath();
        Files.createDirectories(out.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), json);
        Files.writeString(Path.of(out.toString().replaceAll("\\.json$", "") + ".md"), md, StandardCharsets.UTF_8);
        System.out.println("bench http: JSON in " + out);
        if (errors.count() > 0) {
            System.err.println("bench http: " + errors.count() + " requests failed: " + errors.examples());
            System.exit(1);
        }
    }

    /** Loads the corpus verbatim at the load concurrency, with a progress line; answers the texts' UTF-8 bytes. */
    private long load(Mem0Client client) {
        var textBytes = new AtomicLong();
        var stats = new LatencyStats(Math.min(s.memories(), 1 << 20));
        var progress = new Progress("loading (verbatim adds)", s.memories(), System.out, 2_000_000_000L);
        long wall = LoadLoop.run("load", s.memories(), s.loadConcurrency(), i -> {
            SyntheticCorpus.Item item = corpus.item(i);
            Mem0Client.Reply r = client.add(item.userId(), item.text(), false);
            boolean ok = r.ok() && !r.resultIds().isEmpty();
            if (ok) textBytes.addAndGet(item.text().getBytes(StandardCharsets.UTF_8).length);
            return new LoadLoop.Outcome(r, ok);
        }, stats, errors, progress);
        failFast("load");
        json.put("load", Map.of("memories", s.memories(), "concurrency", s.loadConcurrency(), "seconds", wall / 1e9,
                "memories_per_s", s.memories() / (wall / 1e9), "text_bytes", textBytes.get(), "add_latency", stats(stats)));
        return textBytes.get();
    }

    private Map<String, Object> measureLevel(Mem0Client client, HttpClient http, URI metrics, int c, long[] extraMemories) {
        Map<String, Object> level = new LinkedHashMap<>();
        level.put("concurrency", c);
        System.out.printf("bench http: concurrency %d: %d warm-up and %d measured searches%n", c, s.warmup(), s.searches());
        long base = 10_000_000L * c;
        LoadLoop.run("warmup", s.warmup(), c, i -> search(client, base + i), null, errors, null);
        ServerTimer before = ServerTimer.parse(Mem0Client.fetch(http, metrics), SEARCH_TIMER);
        var search = new LatencyStats(s.searches());
        LoadLoop.run("search", s.searches(), c, i -> search(client, base + s.warmup() + i), search, errors, null);
        ServerTimer after = ServerTimer.parse(Mem0Client.fetch(http, metrics), SEARCH_TIMER);
        level.put("search", stats(search));
        level.put("search_server", Map.of("timer", "engram.memory.search (engine: embedding, index, store read)",
                "mean_ms", after.meanMsSince(before), "p50_ms", after.quantileMs(0.5), "p95_ms", after.quantileMs(0.95),
                "p99_ms", after.quantileMs(0.99), "window", "Micrometer's decaying window (about the last 2 minutes)"));

        System.out.printf("bench http: concurrency %d: %d verbatim adds%n", c, s.adds());
        var adds = new LatencyStats(s.adds());
        LoadLoop.run("add-verbatim", s.adds(), c, i -> {
            SyntheticCorpus.Item item = corpus.item(base + i);
            Mem0Client.Reply r = client.add(item.userId(), item.text(), false);
            return new LoadLoop.Outcome(r, r.ok() && !r.resultIds().isEmpty());
        }, adds, errors, null);
        level.put("add_verbatim", stats(adds));

        System.out.printf("bench http: concurrency %d: %d adds polled until searchable%n", c, s.searchable());
        var searchable = new LatencyStats(s.searchable());
        LoadLoop.run("ingest-to-searchable", s.searchable(), c, i -> toSearchable(client, base + 5_000_000 + i), searchable, errors, null);
        level.put("ingest_to_searchable", stats(searchable));
        extraMemories[0] += adds.count() + searchable.count();

        System.out.printf("bench http: concurrency %d: %d inferred adds (offline extraction), waited until processed%n", c, s.inferred());
        level.put("inferred", inferred(client, c, base + 7_000_000, extraMemories));
        failFast("concurrency " + c);
        return level;
    }

    private LoadLoop.Outcome search(Mem0Client client, long i) {
        SyntheticCorpus.Query q = corpus.query(i);
        Mem0Client.Reply r = client.search(q.userId(), q.text(), s.topK());
        return new LoadLoop.Outcome(r, r.ok() && r.body() != null && r.body().has("results"));
    }

    /** Adds a memory verbatim, then searches for its text in its user's scope until it is returned: time from send to found. */
    private LoadLoop.Outcome toSearchable(Mem0Client client, long i) {
        SyntheticCorpus.Item item = corpus.item(i);
        String text = item.text() + " (probe " + i + ")";
        long start = System.nanoTime();
        Mem0Client.Reply add = client.add(item.userId(), text, false);
        List<String> ids = add.resultIds();
        if (!add.ok() || ids.isEmpty()) return new LoadLoop.Outcome(add, false);
        while (true) {
            Mem0Client.Reply r = client.search(item.userId(), text, s.topK());
            if (!r.ok()) return new LoadLoop.Outcome(r, false);
            long elapsed = System.nanoTime() - start;
            if (r.resultIds().contains(ids.getFirst())) return new LoadLoop.Outcome(new Mem0Client.Reply(r.status(), null, elapsed, null), true);
            if (elapsed > SEARCHABLE_LIMIT_NANOS) {
                return new LoadLoop.Outcome(new Mem0Client.Reply(r.status(), r.body(), elapsed, "memory " + ids.getFirst()
                        + " not returned by a search for its own text within 10 s"), false);
            }
            sleepMillis(5);
        }
    }

    /** Inferred adds: acknowledgement latency, then every event polled until processed; the processing rate over the sample. */
    private Map<String, Object> inferred(Mem0Client client, int c, long base, long[] extraMemories) {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        var ack = new LatencyStats(s.inferred());
        long start = System.nanoTime();
        LoadLoop.run("add-inferred", s.inferred(), c, i -> {
            SyntheticCorpus.Item item = corpus.item(base + i);
            Mem0Client.Reply r = client.add(item.userId(), FirstPerson.of(item.text()), true);
            String event = r.text("event_id");
            boolean ok = r.ok() && "PENDING".equals(r.text("status")) && event != null;
            if (ok) events.add(event);
            return new LoadLoop.Outcome(r, ok);
        }, ack, errors, null);
        long created = 0, failed = 0;
        for (String id : events) {
            while (true) {
                Mem0Client.Reply r = client.event(id);
                String status = r.text("status");
                if (r.ok() && "SUCCEEDED".equals(status)) {
                    created += r.body().path("results").size();
                    break;
                }
                if (!r.ok() || "FAILED".equals(status)) {
                    errors.add("event", r);
                    failed++;
                    break;
                }
                sleepMillis(20);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        extraMemories[0] += created;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("adds", s.inferred());
        out.put("ack", stats(ack));
        out.put("processed_per_s", (events.size() - failed) / seconds);
        out.put("memory_events", created);
        out.put("seconds_until_all_processed", seconds);
        return out;
    }

    private Map<String, Object> restart(StandalonePlatform platform) {
        System.out.println("bench http: start-up with the data present");
        long t0 = System.nanoTime();
        platform.launch();
        platform.awaitGateway();
        long gateway = System.nanoTime();
        var client = new Mem0Client(platform.api(), platform.adminKey());
        SyntheticCorpus.Query q = corpus.query(42);
        Mem0Client.Reply first = client.search(q.userId(), q.text(), s.topK());
        long searched = System.nanoTime();
        if (!first.ok()) errors.add("first search after restart", first);
        platform.awaitConsole();
        long console = System.nanoTime();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("gateway_ready_seconds", (gateway - t0) / 1e9);
        out.put("first_search_answered_seconds", (searched - t0) / 1e9);
        out.put("first_search_ms", first.nanos() / 1e6);
        out.put("console_ready_seconds", (console - t0) / 1e9);
        out.put("rss_bytes_after_start", platform.rss());
        return out;
    }

    private static Map<String, Object> sizes(Map<String, Long> entries, long memories, long textBytes) {
        long total = entries.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("memories", memories);
        out.put("total_bytes", total);
        out.put("bytes_per_memory", (double) total / memories);
        if (textBytes >= 0) {
            out.put("text_bytes", textBytes);
            out.put("bytes_per_memory_beyond_text", (double) (total - textBytes) / memories);
        }
        out.put("by_entry", entries);
        return out;
    }

    static Map<String, Object> stats(LatencyStats st) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", st.count());
        out.put("p50_ms", st.percentileMs(50));
        out.put("p95_ms", st.percentileMs(95));
        out.put("p99_ms", st.percentileMs(99));
        out.put("mean_ms", st.meanMs());
        return out;
    }

    private void failFast(String phase) {
        if (errors.count() > 0) throw new IllegalStateException(errors.count() + " requests failed during " + phase + ": " + errors.examples());
    }

    private static void sleepMillis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
