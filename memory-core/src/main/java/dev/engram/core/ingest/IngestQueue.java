package dev.engram.core.ingest;

/**
 * Where accepted adds wait for a worker. Implementations: Kafka (the platform; in the apps) and a durable in-process
 * journal (standalone and embedded). {@link #enqueue} returns only once the event is durable: an acknowledged add is
 * never lost, even if the process dies right after.
 */
public interface IngestQueue extends AutoCloseable {

    /** Durably appends the event; throws if it could not be made durable (the client must not be told PENDING). */
    void enqueue(IngestEvent event);

    /**
     * Why the queue cannot take events now (closed, its storage failed, its broker unreachable), or empty when it can:
     * what readiness reports. May block for a bounded time (a broker round trip); callers bound and cache it.
     */
    default java.util.Optional<String> unavailable() {
        return java.util.Optional.empty();
    }

    @Override
    void close();
}
