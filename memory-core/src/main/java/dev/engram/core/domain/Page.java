package dev.engram.core.domain;

import java.util.List;

/** One page of a listing and the total number of matches. */
public record Page<T>(List<T> items, long total, int page, int pageSize) {
    public Page {
        items = List.copyOf(items);
    }

    public boolean hasNext() {
        return (long) page * pageSize < total;
    }
}
