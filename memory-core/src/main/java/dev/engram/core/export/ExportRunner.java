package dev.engram.core.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.core.domain.Filter;
import dev.engram.core.engine.MemoryEngine;
import dev.engram.core.error.EngramException;
import dev.engram.core.filter.FilterParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Runs memory export jobs in the background, at most {@code concurrency} at a time: every {@code pollInterval} it
 * claims queued jobs from the {@link ExportJobStore} (atomically, so several gateways on one database share the work)
 * and writes each with {@link ExportWriter}, reporting progress after every page. A job whose runner died (a restart
 * mid-export) stops reporting; once silent for {@code staleAfter} it is claimed again and starts over, and after
 * {@code maxAttempts} starts it fails with a reason instead. Finished jobs older than {@code retention} are deleted.
 */
public final class ExportRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExportRunner.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param maxResultChars the largest export kept, in characters of JSON
     * @param retention      how long a finished job and its JSON are kept
     */
    public record Settings(int concurrency, Duration pollInterval, Duration staleAfter, int maxAttempts, long maxResultChars,
                           Duration retention) {
    }

    private final ExportJobStore store;
    private final ExportWriter writer;
    private final Settings settings;
    private final Clock clock;
    private final Semaphore slots;
    private ScheduledExecutorService poller;
    private ExecutorService workers;
    private Instant lastCleanup = Instant.EPOCH;

    public ExportRunner(ExportJobStore store, MemoryEngine engine, Settings settings, Clock clock) {
        this.store = store;
        this.writer = new ExportWriter(engine);
        this.settings = settings;
        this.clock = clock;
        this.slots = new Semaphore(settings.concurrency());
    }

    /** Starts polling for jobs. */
    public synchronized void start() {
        if (poller != null) return;
        workers = Executors.newFixedThreadPool(settings.concurrency(), Thread.ofPlatform().name("engram-export-", 0).daemon().factory());
        poller = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("engram-export-poll").daemon().factory());
        long every = Math.max(10, settings.pollInterval().toMillis());
        poller.scheduleWithFixedDelay(this::poll, every, every, TimeUnit.MILLISECONDS);
    }

    private void poll() {
        try {
            cleanup();
            while (slots.tryAcquire()) {
                Optional<ExportJob> job = store.claimNext(clock.instant(), settings.staleAfter());
                if (job.isEmpty()) {
                    slots.release();
                    return;
                }
                workers.execute(() -> {
                    try {
                        run(job.get());
                    } finally {
                        slots.release();
                    }
                });
            }
        } catch (RuntimeException e) {
            LOG.warn("Polling for memory export jobs failed; trying again in {}", settings.pollInterval(), e);
        }
    }

    /** Claims one job and runs it in the calling thread; empty when none is due. */
    public Optional<ExportJob> runOnce() {
        Optional<ExportJob> job = store.claimNext(clock.instant(), settings.staleAfter());
        job.ifPresent(this::run);
        return job;
    }

    /** Runs a claimed job to COMPLETED or FAILED (or stops when the job is taken away from it). */
    void run(ExportJob job) {
        if (job.attempts() > settings.maxAttempts()) {
            store.fail(job.id(), job.attempts(), "The export was interrupted " + (job.attempts() - 1)
                    + " times (its runner stopped, e.g. a restart) and is not tried again", clock.instant());
            return;
        }
        try {
            Filter filter = FilterParser.parse(JSON.readTree(job.request().filters()));
            StringWriter out = new StringWriter();
            int written = writer.write(job, filter, out, settings.maxResultChars(), clock.instant(),
                    (processed, total) -> store.progress(job.id(), job.attempts(), processed, total, clock.instant()));
            store.complete(job.id(), job.attempts(), out.toString(), written, clock.instant());
        } catch (ExportWriter.Abandoned e) {
            LOG.info("Memory export {} was taken over by another runner; this run stops", job.id());
        } catch (EngramException e) {
            store.fail(job.id(), job.attempts(), e.getMessage(), clock.instant());
        } catch (IOException | RuntimeException e) {
            LOG.error("Memory export {} of {} failed", job.id(), job.tenant().key(), e);
            store.fail(job.id(), job.attempts(), "The export failed: " + e.getMessage(), clock.instant());
        }
    }

    private void cleanup() {
        Instant now = clock.instant();
        if (Duration.between(lastCleanup, now).compareTo(Duration.ofMinutes(10)) < 0) return;
        lastCleanup = now;
        int deleted = store.deleteFinishedBefore(now.minus(settings.retention()));
        if (deleted > 0) LOG.info("Deleted {} memory exports finished more than {} ago", deleted, settings.retention());
    }

    @Override
    public synchronized void close() {
        if (poller == null) return;
        poller.shutdownNow();
        workers.shutdownNow();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        poller = null;
    }
}
