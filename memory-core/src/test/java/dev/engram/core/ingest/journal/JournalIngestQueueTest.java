package dev.engram.core.ingest.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.core.domain.AddRequest;
import dev.engram.core.domain.Scope;
import dev.engram.core.error.ConfigurationException;
import dev.engram.core.error.TooLargeException;
import dev.engram.core.ingest.IngestEvent;
import dev.engram.core.ingest.IngestHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JournalIngestQueueTest {

    private static final JournalSettings FAST_CLOSE = JournalSettings.defaults().withCloseTimeout(Duration.ofMillis(200));

    @TempDir
    Path dir;

    private final List<JournalIngestQueue> opened = new ArrayList<>();
    private final List<CountDownLatch> gates = new ArrayList<>();

    @AfterEach
    void closeAll() {
        gates.forEach(CountDownLatch::countDown);
        opened.forEach(JournalIngestQueue::close);
    }

    /** Records the ids it handles, in order. */
    static final class Recorder implements IngestHandler {
        final List<String> ids = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void handle(IngestEvent event) {
            ids.add(event.eventId());
        }
    }

    /** Handles events until {@code blockOn}, then waits for the gate (interruptibly, like a real handler's I/O). */
    private IngestHandler blockingAt(String blockOn, Recorder recorder, CountDownLatch gate) {
        gates.add(gate);
        return event -> {
            if (event.eventId().equals(blockOn) || blockOn == null) {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted");
                }
            }
            recorder.handle(event);
        };
    }

    private JournalIngestQueue open(Path at, IngestHandler handler, JournalSettings settings) {
        JournalIngestQueue queue = JournalIngestQueue.open(at, handler, settings, new SimpleMeterRegistry());
        opened.add(queue);
        return queue;
    }

    private static IngestEvent event(String user, String id) {
        return new IngestEvent(AddRequest.of(Scope.user(user), "message " + id).withEventId(id), Instant.EPOCH);
    }

    private static List<String> ids(String prefix, int from, int to) {
        List<String> ids = new ArrayList<>();
        for (int i = from; i < to; i++) ids.add(prefix + i);
        return ids;
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("condition not met within 10 s");
            Thread.sleep(5);
        }
    }

    private static void copyDir(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) Files.copy(f, to.resolve(f.getFileName()));
        }
    }

    private static List<Path> segments(Path at) throws IOException {
        try (Stream<Path> files = Files.list(at)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".seg")).sorted().toList();
        }
    }

    @Test
    void saysItIsUnavailableOnceClosed() {
        JournalIngestQueue queue = open(dir, new Recorder(), JournalSettings.defaults());
        assertThat(queue.unavailable()).isEmpty();

        queue.close();

        assertThat(queue.unavailable()).contains("the ingest journal is closed");
    }

    @Test
    void deliversEnqueuedEventsToTheHandler() throws Exception {
        Recorder recorder = new Recorder();
        JournalIngestQueue queue = open(dir, recorder, JournalSettings.defaults());

        for (String id : ids("e", 0, 5)) queue.enqueue(event("alice", id));

        await(() -> recorder.ids.size() == 5);
        assertThat(recorder.ids).containsExactlyElementsOf(ids("e", 0, 5));
        await(() -> queue.depth() == 0);
    }

    @Test
    void keepsTheOrderOfEachKeyUnderConcurrentEnqueues() throws Exception {
        Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
        IngestHandler handler = e -> {
            String user = e.request().scope().userId();
            seen.computeIfAbsent(user, u -> Collections.synchronizedList(new ArrayList<>()))
                    .add(Integer.parseInt(e.eventId().substring(e.eventId().indexOf('#') + 1)));
        };
        JournalIngestQueue queue = open(dir, handler, JournalSettings.defaults().withPartitions(3));
        int threads = 8;
        int perThread = 60;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String user = "user-" + t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) queue.enqueue(event(user, user + "#" + i));
                }));
            }
            for (Future<?> f : done) f.get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        await(() -> seen.values().stream().mapToInt(List::size).sum() == threads * perThread);
        assertThat(seen).hasSize(threads);
        for (List<Integer> order : seen.values()) assertThat(order).isSorted().hasSize(perThread);
    }

    @Test
    void processesKeysOfDifferentPartitionsInParallel() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        Recorder recorder = new Recorder();
        JournalSettings two = FAST_CLOSE.withPartitions(2);
        // pick two users that land on different partitions; the first one's handler blocks
        String blocked = "blocked";
        String other = null;
        for (int i = 0; other == null; i++) {
            String candidate = "free-" + i;
            if (JournalIngestQueue.partitionOf(event(candidate, "x").orderingKey().hashCode(), 2)
                    != JournalIngestQueue.partitionOf(event(blocked, "x").orderingKey().hashCode(), 2)) {
                other = candidate;
            }
        }
        JournalIngestQueue queue = open(dir, blockingAt("stuck", recorder, gate), two);

        queue.enqueue(event(blocked, "stuck"));
        queue.enqueue(event(other, "flows"));

        await(() -> recorder.ids.contains("flows"));
        assertThat(recorder.ids).doesNotContain("stuck");
        gate.countDown();
        await(() -> recorder.ids.contains("stuck"));
    }

    @Test
    void aRestartDeliversExactlyWhatWasNotFinished() throws Exception {
        Recorder first = new Recorder();
        JournalSettings one = FAST_CLOSE.withPartitions(1);
        JournalIngestQueue queue = open(dir, blockingAt("e5", first, new CountDownLatch(1)), one);
        for (String id : ids("e", 0, 10)) queue.enqueue(event("alice", id));
        await(() -> first.ids.size() == 5);

        queue.close(); // e5 is stuck: close gives up on it after the timeout
        assertThat(first.ids).containsExactlyElementsOf(ids("e", 0, 5));

        Recorder second = new Recorder();
        JournalIngestQueue reopened = open(dir, second, one);
        await(() -> second.ids.size() == 5);
        Thread.sleep(50);
        assertThat(second.ids).containsExactlyElementsOf(ids("e", 5, 10));

        reopened.close();
        Recorder third = new Recorder();
        open(dir, third, one);
        Thread.sleep(150);
        assertThat(third.ids).isEmpty();
    }

    @Test
    void anAcknowledgedEventSurvivesACrash() throws Exception {
        Recorder first = new Recorder();
        JournalIngestQueue running = open(dir, blockingAt("e2", first, new CountDownLatch(1)), JournalSettings.defaults().withPartitions(1));
        for (String id : ids("e", 0, 4)) running.enqueue(event("alice", id));
        await(() -> first.ids.size() == 2);

        // the process "dies" now: no close, no forced checkpoint; a copy of the directory is what a restart finds
        Path crashed = dir.resolveSibling(dir.getFileName() + "-crashed");
        copyDir(dir, crashed);
        Recorder second = new Recorder();
        open(crashed, second, JournalSettings.defaults().withPartitions(1));

        await(() -> second.ids.contains("e3"));
        Thread.sleep(50);
        // At least once: the copy may predate e1's checkpoint (written after its handler returned), so e1 may come
        // again; e0's checkpoint was written before e1 was handled, so e0 never does. Order is kept.
        assertThat(second.ids).endsWith("e2", "e3").doesNotContain("e0");
        assertThat(second.ids.size()).isBetween(2, 3);
        if (second.ids.size() == 3) assertThat(second.ids.get(0)).isEqualTo("e1");
    }

    @Test
    void truncatesATornTailAndKeepsTheRecordsBeforeIt() throws Exception {
        JournalSettings one = FAST_CLOSE.withPartitions(1);
        JournalIngestQueue queue = open(dir, blockingAt(null, new Recorder(), new CountDownLatch(1)), one);
        for (String id : ids("e", 0, 3)) queue.enqueue(event("alice", id));
        queue.close();
        Path segment = segments(dir).getLast();
        long intact = Files.size(segment);
        // a crash mid-write: a record header promising more bytes than were written
        Files.write(segment, new byte[]{0, 0, 1, 0, 7, 7, 7, 7, 1, 2, 3, 4, 'x', 'y'}, StandardOpenOption.APPEND);

        Recorder recorder = new Recorder();
        JournalIngestQueue reopened = open(dir, recorder, one);
        await(() -> recorder.ids.size() == 3);
        assertThat(recorder.ids).containsExactly("e0", "e1", "e2");
        assertThat(Files.size(segment)).isEqualTo(intact);

        reopened.enqueue(event("alice", "after"));
        await(() -> recorder.ids.contains("after"));
    }

    @Test
    void dropsARecordWhoseChecksumDoesNotMatch() throws Exception {
        JournalSettings one = FAST_CLOSE.withPartitions(1);
        JournalIngestQueue queue = open(dir, blockingAt(null, new Recorder(), new CountDownLatch(1)), one);
        for (String id : ids("e", 0, 3)) queue.enqueue(event("alice", id));
        queue.close();
        Path segment = segments(dir).getLast();
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            long last = file.length() - 5; // inside the last record's payload
            file.seek(last);
            int b = file.read();
            file.seek(last);
            file.write(b ^ 0xFF);
        }

        Recorder recorder = new Recorder();
        open(dir, recorder, one);
        await(() -> recorder.ids.size() == 2);
        Thread.sleep(50);
        assertThat(recorder.ids).containsExactly("e0", "e1");
    }

    @Test
    void rollsSegmentsAndDeletesThoseFullyProcessed() throws Exception {
        Recorder recorder = new Recorder();
        JournalSettings small = JournalSettings.defaults().withSegmentBytes(4096).withPartitions(2);
        JournalIngestQueue queue = open(dir, recorder, small);
        String text = "x".repeat(400);
        for (int i = 0; i < 60; i++) {
            queue.enqueue(new IngestEvent(AddRequest.of(Scope.user("u" + (i % 5)), text).withEventId("e" + i), Instant.EPOCH));
        }
        assertThat(segments(dir).size()).isGreaterThan(3);
        await(() -> recorder.ids.size() == 60);
        await(() -> queue.depth() == 0);

        await(() -> {
            queue.syncAndClean();
            return queue.segmentCount() == 1;
        });
        assertThat(segments(dir)).hasSize(1);
    }

    @Test
    void deadLettersAnEventTheHandlerRejectsAndMovesOn() throws Exception {
        Recorder recorder = new Recorder();
        IngestHandler handler = e -> {
            if (e.eventId().equals("bad")) throw new IllegalArgumentException("cannot process this one");
            recorder.handle(e);
        };
        JournalIngestQueue queue = open(dir, handler, JournalSettings.defaults().withPartitions(1));

        queue.enqueue(event("alice", "good-1"));
        queue.enqueue(event("alice", "bad"));
        queue.enqueue(event("alice", "good-2"));

        await(() -> recorder.ids.size() == 2);
        assertThat(recorder.ids).containsExactly("good-1", "good-2");
        List<String> lines = Files.readAllLines(dir.resolve(DeadLetters.FILE_NAME));
        assertThat(lines).hasSize(1);
        JsonNode letter = new ObjectMapper().readTree(lines.getFirst());
        assertThat(letter.get("event_id").asText()).isEqualTo("bad");
        assertThat(letter.get("reason").asText()).isEqualTo("cannot process this one");
        assertThat(letter.get("tenant").asText()).isEqualTo("default/default");
        assertThat(letter.get("event").get("messages").get(0).get("content").asText()).isEqualTo("message bad");

        queue.close();
        Recorder again = new Recorder();
        open(dir, again, JournalSettings.defaults().withPartitions(1));
        Thread.sleep(150);
        assertThat(again.ids).isEmpty();
    }

    @Test
    void replaysEverythingUnfinishedWhenThePartitionCountChanges() throws Exception {
        JournalIngestQueue queue = open(dir, blockingAt("e3", new Recorder(), new CountDownLatch(1)), FAST_CLOSE.withPartitions(1));
        for (int i = 0; i < 8; i++) queue.enqueue(event("user" + i, "e" + i));
        Thread.sleep(100);
        queue.close();

        Recorder recorder = new Recorder();
        open(dir, recorder, FAST_CLOSE.withPartitions(3));
        await(() -> recorder.ids.size() == 5);
        Thread.sleep(50);
        assertThat(recorder.ids).containsExactlyInAnyOrder("e3", "e4", "e5", "e6", "e7");
        assertThat(dir.resolve("checkpoint-2")).exists();
    }

    @Test
    void refusesEventsAfterCloseAndOversizedEvents() {
        JournalIngestQueue queue = open(dir, new Recorder(), JournalSettings.defaults().withMaxEventBytes(260));

        assertThatThrownBy(() -> queue.enqueue(event("alice", "y".repeat(300)))).isInstanceOf(TooLargeException.class);
        queue.close();
        assertThatThrownBy(() -> queue.enqueue(event("alice", "late"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void oneQueueAtATimePerDirectory() {
        open(dir, new Recorder(), JournalSettings.defaults());

        assertThatThrownBy(() -> JournalIngestQueue.open(dir, new Recorder(), JournalSettings.defaults()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("open in another");
    }

    @Test
    void reportsDepthAndEnqueueTime() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CountDownLatch gate = new CountDownLatch(1);
        JournalIngestQueue queue = JournalIngestQueue.open(dir, blockingAt(null, new Recorder(), gate), FAST_CLOSE, registry);
        opened.add(queue);

        queue.enqueue(event("alice", "a"));
        queue.enqueue(event("bob", "b"));

        assertThat(registry.get("engram.ingest.queue.depth").gauge().value()).isEqualTo(2);
        assertThat(registry.get("engram.ingest.enqueue").timer().count()).isEqualTo(2);
        gate.countDown();
        await(() -> registry.get("engram.ingest.queue.depth").gauge().value() == 0);
    }
}
