package dev.engram.core.spi;

import dev.engram.core.domain.Filter;

/**
 * A similarity query.
 *
 * @param vector the query embedding (required)
 * @param text   the query text for the keyword (BM25) side; ignored when {@code hybrid} is false
 * @param filter evaluated inside the search (pre-filtering), never by trimming results afterwards
 * @param k      how many candidates each side returns at most: without hybrid at most {@code k} hits; with hybrid the
 *               union of the vector side's and the keyword side's top {@code k} (at most {@code 2k}), which the engine fuses
 */
public record IndexQuery(float[] vector, String text, Filter filter, int k, boolean hybrid) {
}
