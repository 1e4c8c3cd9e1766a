package dev.engram.gateway.ingest;

import dev.engram.core.ingest.IngestEvent;
import dev.engram.core.ingest.IngestHandler;
import dev.engram.core.ingest.IngestQueue;
import dev.engram.core.ingest.PermanentIngestFailure;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A queue inside this process: events of one ordering key (scope) run one after another, different keys in parallel
 * on a fixed pool. Not durable (an accepted add still PENDING is lost if the process dies): the journal queue of the
 * ingest slice replaces it.
 */
public final class InProcessIngestQueue implements IngestQueue {

    private static final Logger LOG = Logger.getLogger(InProcessIngestQueue.class);

    private final ExecutorService workers;
    private final IngestHandler handler;
    private final Map<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

    public InProcessIngestQueue(int threads, IngestHandler handler) {
        this.workers = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("engram-ingest-", 0).daemon().factory());
        this.handler = handler;
    }

    @Override
    public void enqueue(IngestEvent event) {
        tails.compute(event.orderingKey(), (key, tail) -> {
            CompletableFuture<Void> previous = tail == null ? CompletableFuture.completedFuture(null) : tail;
            CompletableFuture<Void> next = previous.handleAsync((v, e) -> {
                handle(event);
                return null;
            }, workers);
            next.whenComplete((v, e) -> tails.remove(key, next));
            return next;
        });
    }

    private void handle(IngestEvent event) {
        try {
            handler.handle(event);
        } catch (PermanentIngestFailure e) {
            LOG.warnf("Ingest event %s failed: %s", event.eventId(), e.getMessage()); // recorded FAILED on the event
        } catch (RuntimeException e) {
            LOG.errorf(e, "Ingest event %s failed", event.eventId());
        }
    }

    @Override
    public void close() {
        workers.shutdown();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) workers.shutdownNow();
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
