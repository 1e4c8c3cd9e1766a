package dev.engram.client.error;

/** An add's event did not reach {@code SUCCEEDED} or {@code FAILED} within the time the caller gave it. */
public class EventTimeoutException extends EngramException {

    private final String eventId;
    private final String lastStatus;

    public EventTimeoutException(String eventId, String lastStatus, java.time.Duration timeout) {
        super(0, null, "Event not done", "event " + eventId + " was still " + lastStatus + " after " + timeout.toMillis() + " ms",
                null, null);
        this.eventId = eventId;
        this.lastStatus = lastStatus;
    }

    public String eventId() {
        return eventId;
    }

    /** The event's status at the last poll ({@code PENDING} or {@code RUNNING}). */
    public String lastStatus() {
        return lastStatus;
    }
}
