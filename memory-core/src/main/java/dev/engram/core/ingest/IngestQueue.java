package dev.engram.core.ingest;

/**
 * Where accepted adds wait for a worker. Implementations: Kafka (the platform; in the apps) and a durable in-process
 * journal (standalone and embedded). {@link #enqueue} returns only once the event is durable: an acknowledged add is
 * never lost, even if the process dies right after.
 */
public interface IngestQueue extends AutoCloseable {

    /** Durably appends the event; throws if it could not be made durable (the client must not be told PENDING). */
    void enqueue(IngestEvent event);

    @Override
    void close();
}
