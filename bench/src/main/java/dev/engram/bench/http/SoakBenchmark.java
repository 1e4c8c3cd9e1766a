package dev.engram.bench.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.engram.bench.BenchFiles;
import dev.engram.bench.CommandLine;
import dev.engram.bench.search.LatencyStats;
import dev.engram.bench.search.SyntheticCorpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code ./engram bench soak}: steady mixed load on the standalone platform (started as {@code ./engram up} does, fresh
 * data directory), at a fixed request rate (open loop: requests are due on a schedule, not when the previous one
 * answered): searches, verbatim adds, gets, lists, updates and deletes. Every minute it prints the requests, the errors
 * (any non-2xx but a 404 for a memory this run deleted; the bar is 0), each operation's p50 and p99 and the servers'
 * resident memory; at the end whether latency and memory stayed flat ({@link SoakVerdict}).
 */
public final class SoakBenchmark {

    static final Set<String> OPTIONS = Set.of("minutes", "rate", "memories", "users", "workers", "seed", "dir", "out");
    static final List<String> OPERATIONS = List.of("search", "add", "get", "list", "update", "delete");
    /** Shares of the mix, in the order of {@link #OPERATIONS}, out of 100. */
    private static final int[] MIX = {40, 20, 15, 10, 10, 5};
    private static final long MINUTE = 60_000_000_000L;

    /** The run's parameters. */
    record Settings(int minutes, int rate, int memories, int users, int workers, long seed, Path dir, Path out) {

        static Settings parse(String[] args) {
            CommandLine cli = CommandLine.parse(args, OPTIONS);
            int memories = cli.intValue("memories", 2000);
            Path dir = Path.of(cli.get("dir", "target/bench-soak"));
            return new Settings(cli.intValue("minutes", 30), cli.intValue("rate", 20), memories, cli.intValue("users", Math.max(1, memories / 20)),
                    cli.intValue("workers", 8), cli.intValue("seed", 42), dir, Path.of(cli.get("out", dir + ".json")));
        }
    }

    /** One minute of the soak. */
    private static final class Minute {
        final Map<String, LatencyStats> latency = new LinkedHashMap<>();
        final AtomicLong requests = new AtomicLong(), expected404 = new AtomicLong();
        final RequestErrors errors = new RequestErrors();
        volatile Map<String, Long> rss = Map.of();

        Minute() {
            OPERATIONS.forEach(op -> latency.put(op, new LatencyStats(1024)));
        }
    }

    /** The memories the soak may read, update and delete; deleted ones are remembered so their 404s are expected. */
    private static final class Pool {
        private final List<String> ids = new ArrayList<>();
        private final Set<String> deleted = ConcurrentHashMap.newKeySet();

        synchronized void add(String id) {
            if (ids.size() < 1_000_000) ids.add(id);
        }

        synchronized String pick(SplittableRandom r) {
            return ids.isEmpty() ? null : ids.get(r.nextInt(ids.size()));
        }

        /** Takes an id out for deletion (later gets of it may see 404). */
        synchronized String take(SplittableRandom r) {
            if (ids.size() < 100) return null; // keep something to read
            int i = r.nextInt(ids.size());
            String id = ids.get(i);
            ids.set(i, ids.getLast());
            ids.removeLast();
            deleted.add(id);
            return id;
        }

        boolean wasDeleted(String id) {
            return deleted.contains(id);
        }
    }

    private final Settings s;
    private final SyntheticCorpus corpus;
    private final Pool pool = new Pool();
    private final List<Minute> minutes = new ArrayList<>();

    SoakBenchmark(Settings settings) {
        this.s = settings;
        this.corpus = new SyntheticCorpus(settings.seed(), settings.users());
        for (int i = 0; i < settings.minutes(); i++) minutes.add(new Minute());
    }

    public static void main(String[] args) throws Exception {
        Settings settings;
        try {
            settings = Settings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench soak: " + e.getMessage());
            System.exit(2);
            return;
        }
        boolean pass = new SoakBenchmark(settings).run(Path.of(System.getProperty("engram.root", ".")));
        System.exit(pass ? 0 : 1);
    }

    /** @return true when there were no errors and latency and memory stayed flat */
    boolean run(Path root) throws IOException, InterruptedException {
        Path dataDir = s.dir().toAbsolutePath();
        BenchFiles.deleteRecursively(dataDir);
        Files.createDirectories(dataDir);
        Path log = Path.of(dataDir + ".log");
        Files.deleteIfExists(log);
        System.out.printf("bench soak: %d minutes at %d requests/s (%s), %,d memories preloaded over %,d users; data in %s, platform output in %s%n",
                s.minutes(), s.rate(), mixText(), s.memories(), s.users(), dataDir, log);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("date", Instant.now().toString());
        json.put("settings", Map.of("minutes", s.minutes(), "rate", s.rate(), "memories", s.memories(), "users", s.users(),
                "workers", s.workers(), "mix", mixText()));
        SoakVerdict verdict;
        long errors, requests;
        try (var platform = new StandalonePlatform(root, dataDir, StandalonePlatform.Ports.free(), log)) {
            platform.launch();
            platform.awaitGateway();
            platform.awaitConsole();
            var client = new Mem0Client(platform.api(), platform.adminKey());
            var preloadErrors = new RequestErrors();
            LoadLoop.run("preload", s.memories(), 8, i -> {
                SyntheticCorpus.Item item = corpus.item(i);
                Mem0Client.Reply r = client.add(item.userId(), item.text(), false);
                r.resultIds().forEach(pool::add);
                return new LoadLoop.Outcome(r, r.ok() && !r.resultIds().isEmpty());
            }, null, preloadErrors, new Progress("preloading (verbatim adds)", s.memories(), System.out, 2_000_000_000L));
            if (preloadErrors.count() > 0) throw new IllegalStateException("the preload failed: " + preloadErrors.examples());

            soak(client, platform);
            platform.stop();

            List<Map<String, LatencyStats>> latencies = minutes.stream().map(m -> m.latency).toList();
            List<Long> rss = minutes.stream().map(m -> m.rss.getOrDefault("total", 0L)).toList();
            verdict = SoakVerdict.of(latencies, rss);
            errors = minutes.stream().mapToLong(m -> m.errors.count()).sum();
            requests = minutes.stream().mapToLong(m -> m.requests.get()).sum();
        }
        List<Map<String, Object>> perMinute = new ArrayList<>();
        for (int i = 0; i < minutes.size(); i++) {
            Minute m = minutes.get(i);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("minute", i + 1);
            row.put("requests", m.requests.get());
            row.put("errors", m.errors.count());
            row.put("expected_404", m.expected404.get());
            if (m.errors.count() > 0) row.put("error_examples", m.errors.examples());
            Map<String, Object> ops = new LinkedHashMap<>();
            m.latency.forEach((op, st) -> ops.put(op, HttpBenchmark.stats(st)));
            row.put("latency", ops);
            row.put("rss_bytes", m.rss);
            perMinute.add(row);
        }
        json.put("minutes", perMinute);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("requests", requests);
        summary.put("errors", errors);
        summary.put("achieved_rate", requests / (s.minutes() * 60.0));
        summary.put("window_minutes", verdict.windowMinutes());
        summary.put("p50_ratio_last_to_first", verdict.p50Ratios());
        summary.put("p99_ratio_last_to_first", verdict.p99Ratio());
        summary.put("rss_ratio_last_to_first", verdict.rssRatio());
        summary.put("flat", verdict.flat());
        summary.put("not_flat_because", verdict.reasons());
        json.put("summary", summary);

        System.out.println();
        System.out.printf(Locale.ROOT, "bench soak: %,d requests in %d minutes (%.1f/s), %d errors%n", requests, s.minutes(),
                requests / (s.minutes() * 60.0), errors);
        System.out.printf(Locale.ROOT, "bench soak: last %d vs first %d minutes: p50 ratios %s; p99 (all operations) %.2f×; resident memory %.2f× → %s%n",
                verdict.windowMinutes(), verdict.windowMinutes(), ratios(verdict.p50Ratios()), verdict.p99Ratio(), verdict.rssRatio(),
                verdict.flat() ? "flat" : "NOT flat: " + verdict.reasons());
        Path out = s.out().toAbsolutePath();
        Files.createDirectories(out.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), json);
        System.out.println("bench soak: JSON in " + out);
        return errors == 0 && verdict.flat();
    }

    private void soak(Mem0Client client, StandalonePlatform platform) throws InterruptedException {
        long interval = 1_000_000_000L / s.rate();
        long start = System.nanoTime(), end = start + s.minutes() * MINUTE;
        var ticket = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < s.workers(); w++) {
            workers.add(Thread.ofPlatform().name("soak-" + w).start(() -> {
                for (long t = ticket.getAndIncrement(); ; t = ticket.getAndIncrement()) {
                    long due = start + t * interval;
                    if (due >= end) return;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        try {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    operate(client, t, minutes.get((int) Math.min(minutes.size() - 1, (due - start) / MINUTE)));
                }
            }));
        }
        for (int i = 0; i < s.minutes(); i++) {
            long boundary = start + (i + 1) * MINUTE;
            long wait = boundary - System.nanoTime();
            if (wait > 0) Thread.sleep(wait / 1_000_000);
            Minute m = minutes.get(i);
            m.rss = platform.rss();
            System.out.println(minuteLine(i + 1, m));
        }
        for (Thread w : workers) w.join();
    }

    private void operate(Mem0Client client, long t, Minute minute) {
        var r = new SplittableRandom(s.seed() ^ (t * 0x9E3779B97F4A7C15L));
        String op = pickOperation(r.nextInt(100));
        String id = null;
        Mem0Client.Reply reply;
        switch (op) {
            case "search" -> {
                SyntheticCorpus.Query q = corpus.query(t);
                reply = client.search(q.userId(), q.text(), 10);
            }
            case "add" -> {
                SyntheticCorpus.Item item = corpus.item(s.memories() + t);
                reply = client.add(item.userId(), item.text(), false);
                if (reply.ok()) reply.resultIds().forEach(pool::add);
            }
            case "list" -> reply = client.list(SyntheticCorpus.userId(r.nextInt(s.users())), 20);
            case "delete" -> {
                id = pool.take(r);
                if (id == null) return;
                reply = client.delete(id);
            }
            default -> {
                id = pool.pick(r);
                if (id == null) return;
                reply = op.equals("get") ? client.get(id) : client.update(id, corpus.item(s.memories() + t).text() + " (updated)");
            }
        }
        minute.requests.incrementAndGet();
        if (reply.ok()) {
            minute.latency.get(op).record(reply.nanos());
        } else if (reply.status() == 404 && id != null && pool.wasDeleted(id) && !op.equals("delete")) {
            minute.expected404.incrementAndGet(); // a get or update that raced this run's own delete of that memory
        } else {
            minute.errors.add(op, reply);
        }
    }

    /** The operation for a roll of 0..99 under {@link #MIX}. */
    static String pickOperation(int roll) {
        int acc = 0;
        for (int i = 0; i < MIX.length; i++) {
            acc += MIX[i];
            if (roll < acc) return OPERATIONS.get(i);
        }
        throw new IllegalArgumentException("roll must be 0..99, got " + roll);
    }

    private static String mixText() {
        var sb = new StringBuilder();
        for (int i = 0; i < MIX.length; i++) sb.append(i == 0 ? "" : ", ").append(OPERATIONS.get(i)).append(' ').append(MIX[i]).append('%');
        return sb.toString();
    }

    private static String minuteLine(int n, Minute m) {
        var sb = new StringBuilder(String.format(Locale.ROOT, "minute %d: %,d requests, %d errors", n, m.requests.get(), m.errors.count()));
        if (m.expected404.get() > 0) sb.append(" (").append(m.expected404.get()).append(" expected 404s)");
        sb.append("; p50/p99 ms:");
        m.latency.forEach((op, st) -> {
            if (st.count() > 0) sb.append(String.format(Locale.ROOT, " %s %.1f/%.1f", op, st.percentileMs(50), st.percentileMs(99)));
        });
        sb.append("; RSS");
        m.rss.forEach((k, v) -> sb.append(' ').append(k).append(' ').append(HttpReport.bytes(v)));
        if (m.errors.count() > 0) sb.append("; first errors: ").append(m.errors.examples());
        return sb.toString();
    }

    private static String ratios(Map<String, Double> ratios) {
        var sb = new StringBuilder();
        ratios.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : ", ").append(k).append(String.format(Locale.ROOT, " %.2f×", v)));
        return sb.toString();
    }
}
