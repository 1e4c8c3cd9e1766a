package dev.engram.core.ingest;

import dev.engram.core.error.NotFoundException;
import dev.engram.core.error.ValidationException;

/** Argument rules every {@link EventStore} applies the same way. */
public final class EventPaging {

    public static final int MAX_PAGE_SIZE = 1000;

    private EventPaging() {
    }

    /** Pages start at 1; a page holds 1 to {@value #MAX_PAGE_SIZE} events. */
    public static void check(int page, int pageSize) {
        if (page < 1) throw new ValidationException("page must be 1 or more");
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) throw new ValidationException("page_size must be between 1 and " + MAX_PAGE_SIZE);
        if ((long) (page - 1) * pageSize > Integer.MAX_VALUE) throw new ValidationException("page is out of range");
    }

    /** A transition was asked for an event the tenant does not have. */
    public static NotFoundException unknownEvent(String id) {
        return new NotFoundException("Event " + id + " not found");
    }
}
