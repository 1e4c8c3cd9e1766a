package dev.engram.core.spi;

import dev.engram.core.filter.Filter;

/**
 * A similarity query.
 *
 * @param vector the query embedding (required)
 * @param text   the query text for the keyword (BM25) side; ignored when {@code hybrid} is false
 * @param filter evaluated inside the search (pre-filtering), never by trimming results afterwards
 * @param k      how many candidates to return at most
 */
public record IndexQuery(float[] vector, String text, Filter filter, int k, boolean hybrid) {
}
