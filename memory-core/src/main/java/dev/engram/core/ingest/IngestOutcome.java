package dev.engram.core.ingest;

/** What {@link IngestProcessor#process} did with one event. */
public enum IngestOutcome {
    /** The add ran and the event is SUCCEEDED. */
    SUCCEEDED,
    /** The event had already SUCCEEDED (a duplicate delivery): nothing was done. */
    SKIPPED,
    /**
     * The event's project was deleted before it was processed ({@link EventTransitions#cancelled}): it was dropped,
     * nothing was written, and its record stays FAILED with {@link EventTransitions#PROJECT_DELETED}.
     */
    CANCELLED,
    /** The event is FAILED: it cannot succeed as sent, or every retry failed. A queue may dead-letter it. */
    FAILED
}
