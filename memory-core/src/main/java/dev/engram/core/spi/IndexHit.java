package dev.engram.core.spi;

import java.util.UUID;

/**
 * A candidate from a {@link VectorIndex} search.
 *
 * @param semantic cosine similarity between the query vector and the memory's vector, in [-1, 1]; computed for every
 *                 returned hit, including those found only by the keyword side
 * @param keyword  raw BM25 score of the query text against the memory's text; 0 when it did not match or hybrid is off
 */
public record IndexHit(UUID id, double semantic, double keyword) {
}
