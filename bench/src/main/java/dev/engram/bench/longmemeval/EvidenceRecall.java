package dev.engram.bench.longmemeval;

import dev.engram.bench.longmemeval.Retriever.Retrieved;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Evidence recall as the data set's README defines it: a gold session (or turn) is found when one of the top-k results
 * is sourced from it; recall@k is the share of the gold sessions (turns) found. {@link #any} (at least one found) and
 * {@link #all} (every one found) are LongMemEval's recall_any / recall_all, reported beside it.
 */
final class EvidenceRecall {

    private EvidenceRecall() {
    }

    /** Session-level: a message id {@code <session>#<turn>} counts for its session. */
    static final UnaryOperator<String> SESSION = LongMemEvalDataset::sessionOf;
    /** Turn-level: the message id itself. */
    static final UnaryOperator<String> TURN = UnaryOperator.identity();

    /** @throws IllegalArgumentException when there is no gold evidence */
    static double recall(List<Retrieved> results, int k, Set<String> gold, UnaryOperator<String> level) {
        if (gold.isEmpty()) throw new IllegalArgumentException("no gold evidence");
        Set<String> found = covered(results, k, level);
        return gold.stream().filter(found::contains).count() / (double) gold.size();
    }

    static boolean any(List<Retrieved> results, int k, Set<String> gold, UnaryOperator<String> level) {
        return recall(results, k, gold, level) > 0;
    }

    static boolean all(List<Retrieved> results, int k, Set<String> gold, UnaryOperator<String> level) {
        return recall(results, k, gold, level) == 1.0;
    }

    private static Set<String> covered(List<Retrieved> results, int k, UnaryOperator<String> level) {
        Set<String> out = new HashSet<>();
        for (Retrieved r : results.subList(0, Math.min(k, results.size()))) for (String id : r.messageIds()) out.add(level.apply(id));
        return out;
    }
}
