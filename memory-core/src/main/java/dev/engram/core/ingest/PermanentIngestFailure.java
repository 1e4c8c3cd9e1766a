package dev.engram.core.ingest;

/**
 * Thrown by {@link IngestProcessor#handle} when an event ended FAILED, so the queue that delivered it can dead-letter it
 * instead of delivering it again. The message is the event's recorded error, safe to show.
 */
public final class PermanentIngestFailure extends RuntimeException {

    private final String eventId;

    public PermanentIngestFailure(String eventId, String reason, Throwable cause) {
        super(reason, cause);
        this.eventId = eventId;
    }

    public String eventId() {
        return eventId;
    }
}
