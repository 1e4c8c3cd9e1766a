package dev.engram.core.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/** One page of a listing and the total number of matches. */
public record Page<T>(List<T> items, long total, int page, int pageSize) {
    public Page {
        items = List.copyOf(items);
    }

    public boolean hasNext() {
        return (long) page * pageSize < total;
    }

    /**
     * The items of pages 1, 2, … as {@code fetch} answers them, in order, until the last page (or an empty one) or until
     * {@code max} items: at most the first {@code max}.
     */
    public static <T> List<T> collect(IntFunction<Page<T>> fetch, int max) {
        List<T> out = new ArrayList<>();
        for (int page = 1; out.size() < max; page++) {
            Page<T> p = fetch.apply(page);
            out.addAll(p.items());
            if (!p.hasNext() || p.items().isEmpty()) break;
        }
        return out.size() > max ? out.subList(0, max) : out;
    }
}
