package dev.engram.bench.ingest;

import dev.engram.bench.search.LatencyStats;
import dev.engram.core.domain.AddRequest;
import dev.engram.core.domain.Message;
import dev.engram.core.domain.Scope;
import dev.engram.core.ingest.IngestEvent;
import dev.engram.core.ingest.IngestJson;
import dev.engram.core.ingest.journal.JournalIngestQueue;
import dev.engram.core.ingest.journal.JournalSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Acknowledged-add latency of the durable in-process queue: how long {@link JournalIngestQueue#enqueue} takes until the
 * event is forced to disk, with 1 and with 8 concurrent enqueuers (group commit shares one force among them). The
 * handler does nothing, so only the queue is measured. The product target is p99 &le; 10 ms for an acknowledged add.
 *
 * <pre>
 *   --events N   measured enqueues per scenario (default 5000), after N/10 warm-up enqueues
 *   --dir PATH   where the journal is written (default target/bench-enqueue); it must be on the disk to measure
 * </pre>
 */
public final class EnqueueBenchmark {

    private static final int[] THREADS = {1, 8};

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        int events = Integer.parseInt(options.getOrDefault("events", "5000"));
        Path root = Path.of(options.getOrDefault("dir", "target/bench-enqueue"));
        System.out.printf(Locale.ROOT, "Journal enqueue (durable: write + force) — %d events per scenario, journal under %s%n", events, root.toAbsolutePath());
        System.out.printf(Locale.ROOT, "%-9s %10s %10s %10s %10s %12s%n", "threads", "p50 ms", "p99 ms", "max ms", "mean ms", "events/s");
        for (int threads : THREADS) {
            Path dir = root.resolve("threads-" + threads);
            deleteTree(dir);
            LatencyStats stats = run(dir, threads, events);
            System.out.printf(Locale.ROOT, "%-9d %10.3f %10.3f %10.3f %10.3f %12.0f%n", threads, stats.percentileMs(50), stats.percentileMs(99),
                    stats.percentileMs(100), stats.meanMs(), stats.throughput());
            deleteTree(dir);
        }
        LatencyStats floor = rawForce(root.resolve("raw"), events);
        System.out.printf(Locale.ROOT, "%-9s %10.3f %10.3f %10.3f %10.3f %12.0f%n", "raw force", floor.percentileMs(50), floor.percentileMs(99),
                floor.percentileMs(100), floor.meanMs(), floor.throughput());
        System.out.println("(raw force: a plain append of the same bytes + FileChannel.force(false) on one thread, the disk's floor)");
    }

    /** The floor: what one append and force costs on this disk, without the queue. */
    private static LatencyStats rawForce(Path dir, int events) throws IOException {
        deleteTree(dir);
        Files.createDirectories(dir);
        byte[] record = IngestJson.toBytes(event(0));
        LatencyStats stats = new LatencyStats(events);
        try (FileChannel channel = FileChannel.open(dir.resolve("raw.log"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            long start = System.nanoTime();
            for (int i = 0; i < events; i++) {
                long begin = System.nanoTime();
                ByteBuffer buffer = ByteBuffer.wrap(record);
                while (buffer.hasRemaining()) channel.write(buffer);
                channel.force(false);
                stats.record(System.nanoTime() - begin);
            }
            stats.wallTime(System.nanoTime() - start);
        }
        deleteTree(dir);
        return stats;
    }

    private static LatencyStats run(Path dir, int threads, int events) throws Exception {
        AtomicInteger handled = new AtomicInteger();
        JournalSettings settings = JournalSettings.defaults();
        try (JournalIngestQueue queue = JournalIngestQueue.open(dir, e -> handled.incrementAndGet(), settings, new SimpleMeterRegistry())) {
            enqueue(queue, threads, Math.max(100, events / 10), null); // warm-up: JIT, file growth
            LatencyStats stats = new LatencyStats(events);
            long start = System.nanoTime();
            enqueue(queue, threads, events, stats);
            stats.wallTime(System.nanoTime() - start);
            return stats;
        }
    }

    private static void enqueue(JournalIngestQueue queue, int threads, int events, LatencyStats stats) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < events) {
                        IngestEvent event = event(i);
                        long begin = System.nanoTime();
                        queue.enqueue(event);
                        long took = System.nanoTime() - begin;
                        if (stats != null) {
                            synchronized (stats) {
                                stats.record(took);
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) f.get();
        } finally {
            pool.shutdownNow();
        }
    }

    /** A typical add: two chat messages, a little metadata, one of 50 users. */
    private static IngestEvent event(int i) {
        AddRequest request = AddRequest.of(Scope.user("user-" + (i % 50)), List.of(
                        Message.user("I moved to Lisbon last spring and I now work as a backend engineer at a fintech startup (" + i + ")"),
                        Message.assistant("That sounds exciting! How are you finding Lisbon so far?")))
                .withMetadata(Map.of("source", "bench", "session", i / 10))
                .withEventId(UUID.randomUUID().toString());
        return new IngestEvent(request, Instant.now());
    }

    private static Map<String, String> parse(String[] args) {
        var options = new LinkedHashMap<String, String>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (!name.equals("--events") && !name.equals("--dir")) throw new IllegalArgumentException("unknown option " + name + " (accepted: --events, --dir)");
            if (i + 1 >= args.length) throw new IllegalArgumentException(name + " needs a value");
            options.put(name.substring(2), args[++i]);
        }
        return options;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
