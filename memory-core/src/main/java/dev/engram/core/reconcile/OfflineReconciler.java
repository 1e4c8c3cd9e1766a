package dev.engram.core.reconcile;

import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.TokenUsage;
import dev.engram.core.extract.Fact;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Reconciliation without an LLM, per fact, in this order:
 * <ol>
 *   <li>the same normalised text as a candidate: NONE;</li>
 *   <li>a candidate with the same attribute slot (e.g. user|location): NONE when it says the same thing, otherwise the
 *       new fact SUPERSEDES it (the newest statement of a single-valued attribute wins);</li>
 *   <li>a candidate above the duplicate similarity, or above the related similarity with high lexical overlap: NONE when
 *       the new fact adds nothing, UPDATE when it is a richer version of the same statement;</li>
 *   <li>otherwise ADD.</li>
 * </ol>
 * Immutable memories are never updated or superseded: the fact is added beside them instead.
 */
public final class OfflineReconciler implements Reconciler {

    /*
     * Cosine thresholds of the marker rules, calibrated on the bundled bge-small-zh-v15 model and the quality set:
     * unrelated statements of one user score 0.50-0.70, restatements in other words 0.75-0.93.
     */
    /** A restatement ("still …", "还是 …") is NONE with the closest memory at or above this. */
    static final double RESTATEMENT_SIMILARITY = 0.78;
    /** A change replaces the closest memory at or above this, with a content word in common ("lentil curry") … */
    static final double CHANGE_SIMILARITY_SHARED_TOPIC = 0.60;
    /** … or at or above this without one ("took the offer" after "weighing two offers"). */
    static final double CHANGE_SIMILARITY = 0.80;
    /** A different number for the same topic replaces the memory at or above this. */
    static final double QUANTITY_SIMILARITY = 0.75;

    private final ReconcileThresholds settings;

    public OfflineReconciler(ReconcileThresholds settings) {
        this.settings = settings;
    }

    @Override
    public Reconciliation reconcile(List<FactCandidates> facts) {
        List<Decision> out = new ArrayList<>(facts.size());
        for (FactCandidates fc : facts) out.add(decide(fc.fact(), fc.candidates()));
        return new Reconciliation(out, TokenUsage.NONE);
    }

    Decision decide(Fact fact, List<Candidate> candidates) {
        List<Candidate> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingDouble(Candidate::similarity).reversed());
        String norm = ContentTokens.normalized(fact.text());
        for (Candidate c : sorted) {
            if (ContentTokens.normalized(c.memory().text()).equals(norm)) {
                return new Decision.None(c.memory().id(), fact, "exact duplicate");
            }
        }
        Set<String> factTokens = ContentTokens.of(fact.text());
        if (fact.slot() != null) {
            for (Candidate c : sorted) {
                MemoryRecord m = c.memory();
                if (!fact.slot().equals(m.slot())) continue;
                Set<String> memTokens = ContentTokens.of(m.text());
                if (ContentTokens.containment(factTokens, memTokens) >= settings.lexicalContainment()
                        && c.similarity() >= settings.relatedSimilarity()) {
                    return new Decision.None(m.id(), fact, "restates " + attribute(fact.slot()));
                }
                if (m.immutable()) return new Decision.Add(fact, "new " + attribute(fact.slot()) + "; the old one is immutable");
                return new Decision.Supersede(m.id(), fact, "contradicts " + attribute(fact.slot()));
            }
        }
        Decision marked = byMarkers(fact, factTokens, sorted);
        if (marked != null) return marked;
        for (Candidate c : sorted) {
            if (c.similarity() < settings.relatedSimilarity()) break;
            MemoryRecord m = c.memory();
            if (fact.slot() != null && m.slot() != null && !fact.slot().equals(m.slot())) continue;
            Set<String> memTokens = ContentTokens.of(m.text());
            double newInOld = ContentTokens.containment(factTokens, memTokens);
            double oldInNew = ContentTokens.containment(memTokens, factTokens);
            boolean duplicate = c.similarity() >= settings.duplicateSimilarity();
            if (newInOld >= settings.lexicalContainment() || (duplicate && factTokens.size() <= memTokens.size())) {
                return new Decision.None(m.id(), fact, String.format(java.util.Locale.ROOT, "duplicate (similarity %.2f)", c.similarity()));
            }
            if (oldInNew >= settings.lexicalContainment() && factTokens.size() > memTokens.size()) {
                if (m.immutable()) return new Decision.Add(fact, "richer version of an immutable memory");
                return new Decision.Update(m.id(), fact.text(), fact, "richer version of the same fact");
            }
            if (duplicate) {
                return new Decision.None(m.id(), fact, String.format(java.util.Locale.ROOT, "duplicate (similarity %.2f)", c.similarity()));
            }
        }
        return new Decision.Add(fact, "new fact");
    }

    /**
     * Statements that say how they relate to an earlier one. A restatement ("still", "还是") of a close memory is NONE;
     * a change ("switched to", "改成", "no longer") replaces the closest memory on the same topic, as does a new quantity
     * for the same thing ("a team of 12" after "a team of 8"). Null when neither applies.
     */
    private Decision byMarkers(Fact fact, Set<String> factTokens, List<Candidate> sorted) {
        boolean restates = StatementMarkers.signalsRestatement(fact.text());
        if (restates) {
            for (Candidate c : sorted) {
                if (c.similarity() < RESTATEMENT_SIMILARITY) break;
                return new Decision.None(c.memory().id(), fact,
                        String.format(java.util.Locale.ROOT, "restatement (similarity %.2f)", c.similarity()));
            }
            return null;
        }
        boolean changes = StatementMarkers.signalsChange(fact.text());
        for (Candidate c : sorted) {
            MemoryRecord m = c.memory();
            if (m.immutable() || c.similarity() < CHANGE_SIMILARITY_SHARED_TOPIC) continue;
            boolean sameTopic = ContentTokens.overlap(factTokens, ContentTokens.of(m.text()));
            if (changes && (c.similarity() >= CHANGE_SIMILARITY || sameTopic)) {
                return new Decision.Supersede(m.id(), fact,
                        String.format(java.util.Locale.ROOT, "change of a related memory (similarity %.2f)", c.similarity()));
            }
            if (sameTopic && c.similarity() >= QUANTITY_SIMILARITY && StatementMarkers.numbersDiffer(fact.text(), m.text())) {
                return new Decision.Supersede(m.id(), fact,
                        String.format(java.util.Locale.ROOT, "new quantity (similarity %.2f)", c.similarity()));
            }
        }
        return null;
    }

    private static String attribute(String slot) {
        int bar = slot.indexOf('|');
        return bar < 0 ? slot : slot.substring(bar + 1);
    }
}
