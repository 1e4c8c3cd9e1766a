package dev.engram.bench.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Failed requests of a run: how many, by status (-1: no response), and the first few described, so a report can say
 * what went wrong. Thread-safe.
 */
public final class RequestErrors {

    private static final int KEPT = 5;

    private final Map<Integer, Long> byStatus = new TreeMap<>();
    private final List<String> first = new ArrayList<>();
    private long count;

    public synchronized void add(String operation, Mem0Client.Reply reply) {
        count++;
        byStatus.merge(reply.status(), 1L, Long::sum);
        if (first.size() < KEPT) first.add(operation + ": " + reply.describe());
    }

    public synchronized long count() {
        return count;
    }

    public synchronized Map<Integer, Long> byStatus() {
        return new TreeMap<>(byStatus);
    }

    public synchronized List<String> examples() {
        return List.copyOf(first);
    }
}
