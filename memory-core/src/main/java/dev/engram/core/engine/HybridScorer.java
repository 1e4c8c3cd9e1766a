package dev.engram.core.engine;

import dev.engram.core.spi.IndexHit;

import java.util.ArrayList;
import java.util.List;

/**
 * Fuses the semantic and keyword sides into one 0..1 score, as Mem0's v3 scoring does: BM25 is squashed by a sigmoid
 * whose midpoint and steepness depend on the query length (long queries score higher raw BM25), then averaged with the
 * cosine when any candidate matched by keyword. Hits below the semantic threshold are dropped.
 */
final class HybridScorer {

    private HybridScorer() {
    }

    static List<MemoryEngine.Scored> score(List<IndexHit> hits, String query, boolean hybrid, double threshold) {
        boolean anyKeyword = hybrid && hits.stream().anyMatch(h -> h.keyword() > 0);
        double[] curve = curve(queryTerms(query));
        List<MemoryEngine.Scored> out = new ArrayList<>(hits.size());
        for (IndexHit h : hits) {
            double semantic = Math.max(0, h.semantic());
            if (semantic < threshold) continue;
            double keyword = anyKeyword && h.keyword() > 0 ? 1 / (1 + Math.exp(-curve[1] * (h.keyword() - curve[0]))) : 0;
            double score = anyKeyword ? (semantic + keyword) / 2 : semantic;
            out.add(new MemoryEngine.Scored(h, Math.min(1, score), keyword));
        }
        return out;
    }

    /** Midpoint and steepness by query term count (Mem0's table). */
    static double[] curve(int terms) {
        if (terms <= 3) return new double[]{5, 0.7};
        if (terms <= 6) return new double[]{7, 0.6};
        if (terms <= 9) return new double[]{9, 0.5};
        if (terms <= 15) return new double[]{10, 0.5};
        return new double[]{12, 0.5};
    }

    /** Terms as the keyword side sees them: words, and each CJK character bigram counts as one. */
    static int queryTerms(String query) {
        return Math.max(1, dev.engram.core.reconcile.ContentTokens.of(query).size());
    }
}
