package dev.engram.core.domain;

/**
 * One search result.
 *
 * @param score    fused relevance 0..1
 * @param semantic cosine similarity of query and memory (0..1, negative clamped)
 * @param keyword  normalised BM25 score 0..1 (0 when hybrid is off or the memory had no keyword hit)
 */
public record SearchHit(MemoryRecord memory, double score, double semantic, double keyword) {
}
