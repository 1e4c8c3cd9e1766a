package dev.engram.bench.longmemeval;

/**
 * One system's score on one question. Recall fields are null for an abstention question (no evidence) and, at turn
 * level, for a question whose answer sessions mark no turn {@code has_answer}.
 *
 * @param sessionAny10 1 when some gold session is in the top 10 (recall_any), else 0
 * @param sessionAll10 1 when every gold session is in the top 10 (recall_all), else 0
 * @param contextTokens estimated tokens of the texts of the top 10 (the engine's TokenEstimator)
 * @param newestFirst  knowledge updates: 1 when the newest answer session ranks above the older ones in the top 10, else
 *                     0; null for other questions ({@link UpdateOrder})
 */
public record QuestionScore(
        String questionId,
        String type,
        boolean abstention,
        Double session5,
        Double session10,
        Double sessionAny10,
        Double sessionAll10,
        Double turn5,
        Double turn10,
        int contextTokens,
        int results,
        Double newestFirst) {
}
