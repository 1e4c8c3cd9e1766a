package dev.engram.core.ingest;

import dev.engram.core.error.NotFoundException;
import dev.engram.core.error.ValidationException;

/** Argument rules every {@link EventStore} applies the same way. */
public final class EventPaging {

    private EventPaging() {
    }

    /**
     * Pages start at 1 and hold at least one event. How many at most is the caller's limit (the gateway's
     * {@code engram.limits.page-size}, checked once there), not the store's.
     */
    public static void check(int page, int pageSize) {
        if (page < 1) throw new ValidationException("page must be 1 or more");
        if (pageSize < 1) throw new ValidationException("page_size must be 1 or more");
        if ((long) (page - 1) * pageSize > Integer.MAX_VALUE) throw new ValidationException("page is out of range");
    }

    /** A transition was asked for an event the tenant does not have. */
    public static NotFoundException unknownEvent(String id) {
        return new NotFoundException("Event " + id + " not found");
    }
}
