package dev.engram.core.ingest.journal;

import dev.engram.core.error.ConfigurationException;
import dev.engram.core.error.StorageException;
import dev.engram.core.error.TooLargeException;
import dev.engram.core.ingest.IngestEvent;
import dev.engram.core.ingest.IngestHandler;
import dev.engram.core.ingest.IngestJson;
import dev.engram.core.ingest.IngestQueue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * A durable in-process {@link IngestQueue} (standalone and embedded): a write-ahead journal in one directory, consumed
 * by worker threads in this process. See {@code README.md} in this package for the design.
 *
 * <ul>
 *   <li><b>Durable enqueue</b>: {@link #enqueue} returns once the event's record is on disk ({@code force}). Concurrent
 *       enqueuers share one write and one force (group commit by a flusher thread).</li>
 *   <li><b>Order per key</b>: events go to partition {@code hash(orderingKey) mod partitions}; each partition has one
 *       consumer thread that handles its events in journal order. Partitions run in parallel.</li>
 *   <li><b>At least once</b>: each partition checkpoints the position it finished; opening the directory again (after a
 *       close or a crash) delivers what was not finished. Torn records at the tail are detected by CRC and truncated.</li>
 *   <li><b>Dead letters</b>: an event whose handler throws is written to {@code dead-letter.jsonl} with the reason, and
 *       the partition moves on: the queue never blocks on one event.</li>
 *   <li>Segments are rolled at {@link JournalSettings#segmentBytes()} and deleted once every partition is past them.</li>
 * </ul>
 *
 * One process at a time can open a directory (a file lock).
 */
public final class JournalIngestQueue implements IngestQueue {

    private static final Logger LOG = LoggerFactory.getLogger(JournalIngestQueue.class);
    private static final String LOCK_FILE = "journal.lock";
    private static final long IDLE_POLL_MILLIS = 100;
    private static final long INTERRUPT_GRACE_MILLIS = 1000;

    /** An accepted event waiting for the flusher. */
    private record Pending(IngestEvent event, ByteBuffer frame, int partition, CompletableFuture<Void> durable) {
    }

    /** A durable event waiting for its partition's consumer; {@code event} is null when the record could not be read. */
    private record Item(long position, long end, IngestEvent event, byte[] raw, String unreadable) {
    }

    private final Path dir;
    private final IngestHandler handler;
    private final JournalSettings settings;
    private final MeterRegistry registry;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final SegmentLog log;
    private final DeadLetters deadLetters;
    private final Partition[] partitions;
    private final Thread flusher;

    private final ReentrantLock appendLock = new ReentrantLock();
    private final Condition work = appendLock.newCondition();
    private List<Pending> pending = new ArrayList<>();
    private boolean accepting = true;
    private IOException broken;

    /** End of the last batch handed to the consumers: a partition with nothing queued has finished everything before it. */
    private volatile long dispatchedEnd;
    private volatile boolean draining;
    private volatile boolean aborted;
    private long lastSync = System.nanoTime();

    private final AtomicLong depth = new AtomicLong();
    private final Timer enqueueTimer;
    private final Counter deadLetterCounter;
    private final Gauge depthGauge;

    private JournalIngestQueue(Path dir, IngestHandler handler, JournalSettings settings, MeterRegistry registry) throws IOException {
        this.dir = dir;
        this.handler = handler;
        this.settings = settings;
        this.registry = registry;
        Files.createDirectories(dir);
        this.lockChannel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock acquired;
        try {
            acquired = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            acquired = null;
        }
        if (acquired == null) {
            lockChannel.close();
            throw new ConfigurationException("The ingest journal " + dir + " is open in another queue or process");
        }
        this.lock = acquired;
        this.partitions = new Partition[settings.partitions()];
        for (int p = 0; p < partitions.length; p++) partitions[p] = new Partition(p);
        SegmentLog recovered = null;
        DeadLetters letters = null;
        try {
            long[] from = replayStart();
            recovered = SegmentLog.recover(dir, settings.segmentBytes(), stored -> replay(stored, from));
            this.log = recovered;
            this.dispatchedEnd = recovered.endPosition();
            for (Partition partition : partitions) {
                partition.checkpoint = PartitionCheckpoint.open(dir, partition.index, partitions.length, from[partition.index]);
            }
            deleteStaleCheckpoints();
            letters = new DeadLetters(dir);
            this.deadLetters = letters;
        } catch (IOException | RuntimeException e) {
            closeQuietly(recovered, e);
            closeQuietly(letters, e);
            for (Partition partition : partitions) closeQuietly(partition.checkpoint, e);
            lock.release();
            lockChannel.close();
            throw e;
        }
        this.enqueueTimer = Timer.builder("engram.ingest.enqueue").description("Time for an enqueue to become durable")
                .tag("queue", "journal").publishPercentiles(0.5, 0.99).register(registry);
        this.deadLetterCounter = Counter.builder("engram.ingest.dead_letters").tag("queue", "journal")
                .description("Events the consumers gave up on").register(registry);
        this.depthGauge = Gauge.builder("engram.ingest.queue.depth", depth, AtomicLong::get).tag("queue", "journal")
                .description("Durable events not yet processed").register(registry);
        this.flusher = Thread.ofPlatform().name("engram-journal-flusher").daemon().unstarted(this::flushLoop);
        for (Partition partition : partitions) partition.thread.start();
        flusher.start();
        if (depth.get() > 0) LOG.info("Ingest journal {}: replaying {} unprocessed events", dir, depth.get());
    }

    /** Opens (or creates) the journal in {@code dir} and starts delivering to {@code handler}; metrics go to the global registry. */
    public static JournalIngestQueue open(Path dir, IngestHandler handler, JournalSettings settings) {
        return open(dir, handler, settings, Metrics.globalRegistry);
    }

    public static JournalIngestQueue open(Path dir, IngestHandler handler, JournalSettings settings, MeterRegistry registry) {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(registry, "registry");
        try {
            return new JournalIngestQueue(dir, handler, settings, registry);
        } catch (IOException e) {
            throw new StorageException("Cannot open the ingest journal " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Appends the event and returns once it is on disk.
     *
     * @throws TooLargeException  when the serialized event exceeds {@link JournalSettings#maxEventBytes()}
     * @throws StorageException   when it could not be made durable (the journal then refuses further events)
     * @throws IllegalStateException when the queue is closed
     */
    @Override
    public void enqueue(IngestEvent event) {
        long start = System.nanoTime();
        byte[] payload = IngestJson.toBytes(event);
        if (payload.length > settings.maxEventBytes()) {
            throw new TooLargeException("The event is " + payload.length + " bytes; the ingest journal takes at most " + settings.maxEventBytes());
        }
        int keyHash = event.orderingKey().hashCode();
        Pending p = new Pending(event, RecordFormat.frame(keyHash, payload), partitionOf(keyHash, partitions.length), new CompletableFuture<>());
        appendLock.lock();
        try {
            if (!accepting) throw new IllegalStateException("The ingest journal is closed");
            if (broken != null) throw new StorageException("The ingest journal failed to write: " + broken.getMessage(), broken);
            pending.add(p);
            work.signal();
        } finally {
            appendLock.unlock();
        }
        try {
            p.durable().join();
        } catch (CompletionException e) {
            throw new StorageException("The ingest journal failed to write: " + e.getCause().getMessage(), e.getCause());
        }
        enqueueTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }

    /** Closed, failed to write (it then refuses every event), or its writer thread gone. */
    @Override
    public Optional<String> unavailable() {
        appendLock.lock();
        try {
            if (!accepting) return Optional.of("the ingest journal is closed");
            if (broken != null) return Optional.of("the ingest journal failed to write");
        } finally {
            appendLock.unlock();
        }
        if (!flusher.isAlive()) return Optional.of("the ingest journal's writer thread stopped");
        return Optional.empty();
    }

    /** Durable events not yet processed. */
    public long depth() {
        return depth.get();
    }

    /** Segment files on disk (the one being written included). */
    public int segmentCount() {
        appendLock.lock();
        try {
            return log.segmentCount();
        } finally {
            appendLock.unlock();
        }
    }

    /**
     * Stops accepting events, writes those already accepted, lets the consumers finish what is queued within
     * {@link JournalSettings#closeTimeout()} (then interrupts them; what they did not finish is delivered again on the next
     * open), forces the checkpoints and releases the directory.
     */
    @Override
    public void close() {
        appendLock.lock();
        try {
            if (!accepting) return;
            accepting = false;
            work.signal();
        } finally {
            appendLock.unlock();
        }
        long deadline = System.nanoTime() + settings.closeTimeout().toNanos();
        joinQuietly(flusher, Long.MAX_VALUE);
        draining = true;
        for (Partition partition : partitions) joinQuietly(partition.thread, deadline);
        boolean stuck = false;
        for (Partition partition : partitions) {
            if (partition.thread.isAlive()) {
                aborted = true;
                partition.thread.interrupt();
            }
        }
        for (Partition partition : partitions) {
            joinQuietly(partition.thread, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(INTERRUPT_GRACE_MILLIS));
            if (partition.thread.isAlive()) {
                stuck = true;
                LOG.warn("Ingest journal {}: partition {} did not stop within the close timeout; its unfinished events will be delivered again",
                        dir, partition.index);
            }
        }
        List<Exception> failures = new ArrayList<>();
        for (Partition partition : partitions) closeCollecting(partition.checkpoint, failures);
        closeCollecting(log, failures);
        closeCollecting(deadLetters, failures);
        registry.remove(depthGauge);
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            failures.add(e);
        }
        if (!failures.isEmpty()) {
            StorageException e = new StorageException("Cannot close the ingest journal " + dir + " cleanly", failures.getFirst());
            failures.stream().skip(1).forEach(e::addSuppressed);
            throw e;
        }
        if (stuck) LOG.warn("Ingest journal {} closed with a consumer still running", dir);
    }

    // ---- flusher: group commit --------------------------------------------------------------------------------

    private void flushLoop() {
        while (true) {
            List<Pending> batch;
            appendLock.lock();
            try {
                if (pending.isEmpty() && accepting) {
                    try {
                        work.await(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                if (pending.isEmpty() && !accepting) return;
                batch = pending;
                pending = new ArrayList<>();
            } finally {
                appendLock.unlock();
            }
            if (!batch.isEmpty()) write(batch);
            housekeeping();
        }
    }

    /** Writes a batch with one force, hands its events to their partitions in journal order, then releases the enqueuers. */
    private void write(List<Pending> batch) {
        long[] positions;
        try {
            positions = log.append(batch.stream().map(Pending::frame).toList());
        } catch (IOException | RuntimeException e) {
            IOException failure = e instanceof IOException io ? io : new IOException(e);
            LOG.error("Ingest journal {} failed to write; refusing further events", dir, e);
            appendLock.lock();
            try {
                broken = failure;
            } finally {
                appendLock.unlock();
            }
            batch.forEach(p -> p.durable().completeExceptionally(failure));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            Pending p = batch.get(i);
            depth.incrementAndGet();
            partitions[p.partition()].queue.add(new Item(positions[i], positions[i + 1], p.event(), null, null));
        }
        dispatchedEnd = positions[batch.size()];
        batch.forEach(p -> p.durable().complete(null));
    }

    /** Forces checkpoints now and then, and deletes the segments every partition is past. */
    private void housekeeping() {
        if (System.nanoTime() - lastSync < settings.checkpointSyncInterval().toNanos()) return;
        lastSync = System.nanoTime();
        try {
            long processed = Long.MAX_VALUE;
            for (Partition partition : partitions) {
                partition.checkpoint.force();
                processed = Math.min(processed, partition.checkpoint.position());
            }
            appendLock.lock();
            try {
                int deleted = log.deleteBefore(processed);
                if (deleted > 0) JournalFiles.syncDirectory(dir);
            } finally {
                appendLock.unlock();
            }
        } catch (IOException e) {
            LOG.warn("Ingest journal {}: cannot sync checkpoints or delete processed segments (will retry): {}", dir, e.toString());
        }
    }

    /** Runs housekeeping now (tests; an operator's "compact"). */
    void syncAndClean() {
        lastSync = 0;
        housekeeping();
    }

    // ---- consumers ----------------------------------------------------------------------------------------------

    private final class Partition {
        final int index;
        final LinkedBlockingQueue<Item> queue = new LinkedBlockingQueue<>();
        final Thread thread;
        PartitionCheckpoint checkpoint;

        Partition(int index) {
            this.index = index;
            this.thread = Thread.ofPlatform().name("engram-journal-consumer-" + index).daemon().unstarted(this::consume);
        }

        private void consume() {
            while (!aborted) {
                Item item;
                try {
                    long frontier = dispatchedEnd; // read before looking at the queue: see advanceIdle
                    item = queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                    if (item == null) {
                        advanceIdle(frontier);
                        if (draining && queue.isEmpty()) return;
                        continue;
                    }
                } catch (InterruptedException e) {
                    return;
                }
                if (aborted || !deliver(item)) return;
                finished(item.end());
                depth.decrementAndGet();
            }
        }

        /** Hands the item to the handler; false when the queue is stopping and the item must be delivered again later. */
        private boolean deliver(Item item) {
            if (item.event() == null) {
                deadLetter(item, "Unreadable journal record: " + item.unreadable());
                return true;
            }
            try {
                handler.handle(item.event());
                return true;
            } catch (RuntimeException e) {
                // interrupted by close: not finished, so delivered again on the next open
                if (aborted || (draining && e instanceof CancellationException)) return false;
                LOG.warn("Ingest event {} dead-lettered: {}", item.event().eventId(), describe(e));
                deadLetter(item, describe(e));
                return true;
            }
        }

        private void deadLetter(Item item, String reason) {
            IngestEvent event = item.event();
            byte[] raw = event != null ? IngestJson.toBytes(event) : item.raw();
            try {
                deadLetters.add(item.position(), event == null ? null : event.eventId(), event == null ? null : event.tenant().key(),
                        reason, raw, event != null, Instant.now());
            } catch (IOException e) {
                LOG.error("Ingest journal {}: cannot write a dead letter for the record at {}: {}", dir, item.position(), reason, e);
            }
            deadLetterCounter.increment();
        }

        private void finished(long end) {
            try {
                checkpoint.advance(end);
            } catch (IOException e) {
                LOG.warn("Ingest journal {}: cannot write partition {}'s checkpoint (events may be delivered again): {}", dir, index, e.toString());
            }
        }

        /**
         * With nothing queued, the partition has finished every event dispatched before {@code frontier} (read before
         * the queue was found empty: the flusher queues a batch before publishing its end), so its checkpoint can move
         * there. This keeps an idle partition from holding back segment deletion and replay.
         */
        private void advanceIdle(long frontier) {
            if (queue.isEmpty() && frontier > checkpoint.position()) finished(frontier);
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    // ---- recovery ----------------------------------------------------------------------------------------------

    /**
     * Where each partition's replay starts. When the checkpoints were written under another partition count, every
     * partition starts at the oldest of them; when some are missing, at the beginning: events may be delivered twice,
     * never lost.
     */
    private long[] replayStart() throws IOException {
        long[] from = new long[partitions.length];
        List<PartitionCheckpoint.Stored> found = new ArrayList<>();
        boolean consistent = true;
        for (int p = 0; p < partitions.length; p++) {
            Optional<PartitionCheckpoint.Stored> stored = PartitionCheckpoint.read(PartitionCheckpoint.file(dir, p));
            if (stored.isEmpty() || stored.get().partitions() != partitions.length) consistent = false;
            stored.ifPresent(found::add);
            from[p] = stored.map(PartitionCheckpoint.Stored::position).orElse(0L);
        }
        for (Path stale : staleCheckpoints()) {
            consistent = false;
            PartitionCheckpoint.read(stale).ifPresent(found::add);
        }
        if (!consistent) {
            // a complete set written under one count gives a safe start; anything less (lost files) replays it all
            boolean completeSet = !found.isEmpty() && found.stream().allMatch(c -> c.partitions() == found.getFirst().partitions())
                    && found.size() == found.getFirst().partitions();
            Arrays.fill(from, completeSet ? found.stream().mapToLong(PartitionCheckpoint.Stored::position).min().orElseThrow() : 0);
        }
        return from;
    }

    private void replay(SegmentLog.StoredRecord stored, long[] from) {
        int partition = partitionOf(stored.keyHash(), partitions.length);
        if (stored.position() < from[partition]) return;
        Item item;
        try {
            item = new Item(stored.position(), stored.end(), IngestJson.fromBytes(stored.payload()), null, null);
        } catch (IllegalArgumentException e) {
            item = new Item(stored.position(), stored.end(), null, stored.payload(), e.getMessage());
        }
        depth.incrementAndGet();
        partitions[partition].queue.add(item);
    }

    /** Checkpoint files of partitions beyond the current count (the count was lowered). */
    private List<Path> staleCheckpoints() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> {
                String name = f.getFileName().toString();
                if (!name.startsWith("checkpoint-")) return false;
                try {
                    return Integer.parseInt(name.substring("checkpoint-".length())) >= partitions.length;
                } catch (NumberFormatException e) {
                    return false;
                }
            }).toList();
        }
    }

    private void deleteStaleCheckpoints() throws IOException {
        for (Path stale : staleCheckpoints()) Files.deleteIfExists(stale);
    }

    static int partitionOf(int keyHash, int partitions) {
        return Math.floorMod(keyHash, partitions);
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static void joinQuietly(Thread thread, long deadlineNanos) {
        try {
            long remaining = deadlineNanos == Long.MAX_VALUE ? 0 : deadlineNanos - System.nanoTime();
            if (deadlineNanos == Long.MAX_VALUE) thread.join();
            else if (remaining > 0) thread.join(TimeUnit.NANOSECONDS.toMillis(remaining) + 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable closeable, Exception cause) {
        if (closeable == null) return;
        try {
            closeable.close();
        } catch (Exception e) {
            cause.addSuppressed(e);
        }
    }

    private static void closeCollecting(AutoCloseable closeable, List<Exception> failures) {
        if (closeable == null) return;
        try {
            closeable.close();
        } catch (Exception e) {
            failures.add(e);
        }
    }
}
