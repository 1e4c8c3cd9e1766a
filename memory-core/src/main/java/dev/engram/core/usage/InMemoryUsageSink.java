package dev.engram.core.usage;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Keeps the latest events in memory (the oldest are discarded beyond the capacity), for tests and for embedders that read
 * usage in-process. (The standalone platform uses {@link UsageSink#NONE} until it has a console that reads usage.)
 */
public final class InMemoryUsageSink implements UsageSink {

    private final int capacity;
    private final Deque<UsageEvent> events = new ArrayDeque<>();

    public InMemoryUsageSink(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be positive");
        this.capacity = capacity;
    }

    @Override
    public synchronized void emit(UsageEvent event) {
        if (events.size() == capacity) events.removeFirst();
        events.addLast(event);
    }

    /** The kept events, oldest first. */
    public synchronized List<UsageEvent> events() {
        return new ArrayList<>(events);
    }

    public synchronized void clear() {
        events.clear();
    }
}
