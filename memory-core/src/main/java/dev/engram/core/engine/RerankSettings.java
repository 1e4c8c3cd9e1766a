package dev.engram.core.engine;

/**
 * The second stage of search, run when a search asks for it ({@code rerank: true}): the first stage's best results are
 * re-scored with signals it cannot compute from the index, then cut to top k. A result's new score is
 * {@code (1 - coverage - phrase - window - role) × first-stage score + coverage × c + phrase × p + window × w + role × r},
 * each signal in 0..1.
 * Weights chosen on the LongMemEval_S development subset only (docs/quality.md, "Second stage").
 *
 * @param depth          first-stage results re-scored (at least top k)
 * @param coverageWeight weight of the share of the question's content words (stemmed, weighed by how few of the
 *                       re-scored candidates hold them) that the candidate's whole text holds; the first stage's BM25
 *                       saturates and penalises long texts, this does not
 * @param phraseWeight   weight of the share of the question's adjacent content-word pairs found adjacent in the text
 *                       (BM25 scores words, not their order)
 * @param windowWeight   weight of the best cosine between the question and the windows of the candidate's whole text,
 *                       min-max scaled over the candidates (the index holds one vector per message, of its head only,
 *                       and an assistant message's vector is its question's)
 * @param windowChars    characters per window embedded at query time
 * @param maxWindows     windows embedded per candidate at most (the rest of a longer text is not read)
 * @param roleWeight     weight of the speaker match: 1 when the candidate was said by whom the question asks about (the
 *                       assistant when it asks what "you" said, suggested, recommended…; else the user), 0 otherwise
 * @param sessionPenalty subtracted from a result's score once per result already placed above it from the same
 *                       conversation (the add's event): results are then placed greedily, so one long session cannot take
 *                       every place when the answer is spread over several (the first stage scores each message alone)
 */
public record RerankSettings(int depth, double coverageWeight, double phraseWeight, double windowWeight, int windowChars, int maxWindows,
                             double roleWeight, double sessionPenalty) {

    public RerankSettings {
        if (depth < 1) throw new IllegalArgumentException("rerank depth must be positive");
        if (coverageWeight < 0 || phraseWeight < 0 || windowWeight < 0 || roleWeight < 0 || coverageWeight + phraseWeight + windowWeight + roleWeight > 1) {
            throw new IllegalArgumentException("rerank weights must be non-negative and add up to at most 1");
        }
        if (windowChars < 64 || maxWindows < 0) throw new IllegalArgumentException("rerank windows must be at least 64 characters");
        if (sessionPenalty < 0 || sessionPenalty > 1) throw new IllegalArgumentException("rerank session penalty must be between 0 and 1");
    }

    public static RerankSettings defaults() {
        // Only the speaker match: on LongMemEval_S (seed 1) every word or window signal lowered turn recall, the speaker
        // match raised it (docs/quality.md, "Second stage").
        return new RerankSettings(30, 0, 0, 0, 512, 8, 0.2, 0);
    }

    /** The share the first stage's score keeps. */
    double firstStageWeight() {
        return 1 - coverageWeight - phraseWeight - windowWeight - roleWeight;
    }

    public RerankSettings withWeights(double coverage, double phrase, double window) {
        return new RerankSettings(depth, coverage, phrase, window, windowChars, maxWindows, roleWeight, sessionPenalty);
    }

    public RerankSettings withDepth(int candidates) {
        return new RerankSettings(candidates, coverageWeight, phraseWeight, windowWeight, windowChars, maxWindows, roleWeight, sessionPenalty);
    }

    public RerankSettings withSessionPenalty(double penalty) {
        return new RerankSettings(depth, coverageWeight, phraseWeight, windowWeight, windowChars, maxWindows, roleWeight, penalty);
    }

    public RerankSettings withRoleWeight(double weight) {
        return new RerankSettings(depth, coverageWeight, phraseWeight, windowWeight, windowChars, maxWindows, weight, sessionPenalty);
    }
}
