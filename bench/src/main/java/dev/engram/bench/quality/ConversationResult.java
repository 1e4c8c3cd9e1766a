package dev.engram.bench.quality;

import java.util.List;

/**
 * One conversation's outcome.
 *
 * @param activeMemories     memories left ACTIVE after every session was added
 * @param storedMemories     active plus superseded (deleted ones are not listed)
 * @param supersedesCorrect  {@code supersedes} entries resolved as {@link QualityMetrics#correctlySuperseded} says
 */
public record ConversationResult(String id, String language, List<QuestionResult> questions,
                                 QualityMetrics.DuplicateCount duplicates, int supersedesCorrect, int supersedesTotal,
                                 int activeMemories, int storedMemories) {
    public ConversationResult {
        questions = List.copyOf(questions);
    }
}
