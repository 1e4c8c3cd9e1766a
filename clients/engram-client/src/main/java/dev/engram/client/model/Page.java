package dev.engram.client.model;

import java.util.List;

/** Mem0's pagination envelope: the total {@code count}, absolute URLs of the neighbouring pages (or null), this page's items. */
public record Page<T>(long count, String next, String previous, List<T> results) {

    public Page {
        results = results == null ? List.of() : List.copyOf(results);
    }

    public boolean hasNext() {
        return next != null;
    }
}
