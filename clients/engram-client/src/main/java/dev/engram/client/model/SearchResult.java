package dev.engram.client.model;

import java.util.List;
import java.util.Optional;

/** Search hits, best first; each {@link Memory} carries its {@code score}. */
public record SearchResult(List<Memory> results) {

    public SearchResult {
        results = results == null ? List.of() : List.copyOf(results);
    }

    /** The best hit, if any. */
    public Optional<Memory> top() {
        return results.isEmpty() ? Optional.empty() : Optional.of(results.get(0));
    }
}
