package dev.engram.core.engine;

import dev.engram.core.error.ValidationException;

/**
 * How much one read may ask for, checked once, by the engine (and by the gateway's events listing, through
 * {@link MemoryEngine#limits()}). The embedded library uses {@link #defaults()}; the gateway builds them from
 * {@code engram.limits.top-k} and {@code engram.limits.page-size}, so raising those raises what is accepted.
 *
 * @param maxTopK     the largest {@code top_k} of a search
 * @param maxPageSize the largest {@code page_size} of a listing
 */
public record RequestLimits(int maxTopK, int maxPageSize) {

    public RequestLimits {
        if (maxTopK < 1 || maxPageSize < 1) throw new IllegalArgumentException("limits must be positive: " + maxTopK + ", " + maxPageSize);
    }

    public static RequestLimits defaults() {
        return new RequestLimits(1000, 200);
    }

    void checkTopK(int topK) {
        if (topK < 1 || topK > maxTopK) throw new ValidationException("top_k must be between 1 and " + maxTopK);
    }

    public void checkPageSize(int pageSize) {
        if (pageSize < 1 || pageSize > maxPageSize) throw new ValidationException("page_size must be between 1 and " + maxPageSize);
    }
}
