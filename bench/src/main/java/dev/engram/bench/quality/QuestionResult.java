package dev.engram.bench.quality;

import java.util.List;

/**
 * How one question fared: evidence recall in the top 5 and top 10 hits, the prompt tokens the top 10 would cost, and
 * the evidence ids the top 10 missed (for the report's diagnostics).
 */
public record QuestionResult(String conversationId, String language, String category, String question,
                             double recallAt5, double recallAt10, int contextTokens, List<String> missedAt10) {
    public QuestionResult {
        missedAt10 = List.copyOf(missedAt10);
    }
}
