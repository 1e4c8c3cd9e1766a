package dev.engram.core.usage;

/**
 * Where usage events go (the analytics port). {@link #emit} is called on request and ingest paths, so an implementation
 * never blocks and never throws: when it cannot keep up it drops the event and counts the drop (analytics are not worth
 * a slower or failed request). See {@link BufferedUsageSink} for the bounded buffer in front of a slow transport.
 */
public interface UsageSink extends AutoCloseable {

    /** Discards everything: usage analytics are off. */
    UsageSink NONE = event -> { };

    void emit(UsageEvent event);

    /** Flushes what can be flushed quickly and releases resources; the default has nothing to release. */
    @Override
    default void close() {
    }
}
