package dev.engram.core.ingest;

/** What a queue consumer calls for each event; it must be idempotent per event id (queues deliver at least once). */
@FunctionalInterface
public interface IngestHandler {
    void handle(IngestEvent event);
}
